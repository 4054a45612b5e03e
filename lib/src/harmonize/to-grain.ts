import { table, type ColumnTable } from 'arquero';
import type { Entry } from '../data/entry';
import { EVENT_METRICS, MEDIA_METRICS } from '../data/kinds';
import { periodRange, periodStart, type Grain, type Weekday } from '../math/calendar';
import type { FactorAggregation } from './rules';

/** The harmonized tables at one grain, plus the cells that stayed missing. */
export interface GrainTables {
  /** Period starts, oldest first. */
  periods: string[];
  /** `date, channel, <metric>...`: one row per period and channel; a metric a channel has is 0 where it has no value. */
  media: ColumnTable;
  /** `date, <metric>...`: one row per period; null where missing. */
  conversions: ColumnTable;
  /** `date, <factor>...`: one row per period; null where missing, never zero. */
  factors: ColumnTable;
  missing: { conversions: { metric: string; date: string }[]; factors: { factor: string; date: string }[] };
}

interface Acc {
  sum: number;
  n: number;
  max: number;
  min: number;
  last: number;
  lastDate: string;
}

/**
 * Aggregates resolved entries (one per key) to the grain: media and conversions are summed per period;
 * factors use their aggregation (mean by default). The periods run from the first to the last period of
 * the media and conversions (of the factors when there are none); factor values outside are left out.
 * `factorNames` adds factors whose every value was empty, so they are reported missing too.
 *
 * @example toGrain(entries, 'week', 'monday', {}).media.columnNames() // ['date', 'channel', 'spend', ...]
 */
export function toGrain(
  entries: readonly Entry[],
  grain: Grain,
  weekStart: Weekday,
  factorAggregation: Readonly<Record<string, FactorAggregation>>,
  factorNames: readonly string[] = [],
): GrainTables {
  const acc = new Map<string, Acc>();
  for (const e of entries) {
    const key = `${e.table}|${periodStart(e.date, grain, weekStart)}|${e.channel}|${e.metric}`;
    const v = e.value as number;
    const a = acc.get(key);
    if (!a) acc.set(key, { sum: v, n: 1, max: v, min: v, last: v, lastDate: e.date });
    else {
      a.sum += v;
      a.n++;
      a.max = Math.max(a.max, v);
      a.min = Math.min(a.min, v);
      if (e.date >= a.lastDate) {
        a.last = v;
        a.lastDate = e.date;
      }
    }
  }
  const core = entries.filter((e) => e.table !== 'factors');
  const span = (core.length > 0 ? core : entries).map((e) => periodStart(e.date, grain, weekStart));
  const periods = span.length === 0 ? [] : periodRange(span.reduce(minStr), span.reduce(maxStr), grain);
  const names = (t: Entry['table']) => [...new Set(entries.filter((e) => e.table === t).map((e) => e.metric))];
  const get = (t: string, p: string, c: string, m: string) => acc.get(`${t}|${p}|${c}|${m}`);

  const channelMetrics = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.table !== 'media') continue;
    const set = channelMetrics.get(e.channel) ?? new Set<string>();
    channelMetrics.set(e.channel, set.add(e.metric));
  }
  const channels = [...channelMetrics.keys()].sort();
  const metrics = orderMetrics(names('media'));
  const media: Record<string, unknown[]> = { date: [], channel: [] };
  for (const m of metrics) media[m] = [];
  for (const p of periods) {
    for (const c of channels) {
      media['date']!.push(p);
      media['channel']!.push(c);
      for (const m of metrics) media[m]!.push(channelMetrics.get(c)!.has(m) ? (get('media', p, c, m)?.sum ?? 0) : null);
    }
  }

  const missing: GrainTables['missing'] = { conversions: [], factors: [] };
  const conversions: Record<string, unknown[]> = { date: periods };
  for (const m of names('conversions').sort()) {
    conversions[m] = periods.map((p) => {
      const a = get('conversions', p, '', m);
      if (!a) missing.conversions.push({ metric: m, date: p });
      return a ? a.sum : null;
    });
  }
  const factors: Record<string, unknown[]> = { date: periods };
  for (const f of [...new Set([...names('factors'), ...factorNames])].sort()) {
    const how = factorAggregation[f] ?? 'mean';
    factors[f] = periods.map((p) => {
      const a = get('factors', p, '', f);
      if (!a) missing.factors.push({ factor: f, date: p });
      return a ? (how === 'mean' ? a.sum / a.n : a[how]) : null;
    });
  }
  return { periods, media: table(media), conversions: table(conversions), factors: table(factors), missing };
}

function orderMetrics(metrics: string[]): string[] {
  const known = [...MEDIA_METRICS, ...EVENT_METRICS];
  return [...known.filter((m) => metrics.includes(m)), ...metrics.filter((m) => !known.includes(m)).sort()];
}

const minStr = (a: string, b: string) => (b < a ? b : a);
const maxStr = (a: string, b: string) => (b > a ? b : a);
