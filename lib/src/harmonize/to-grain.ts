import { table, type ColumnTable } from 'arquero';
import type { Entry } from '../data/entry';
import { EVENT_METRICS, MEDIA_METRICS } from '../data/kinds';
import { periodRange, periodStart, type Grain, type Weekday } from '../math/calendar';
import type { FactorAggregation } from './rules';

/** Cells left empty at the grain, as harmonize reports them; `geo` only on geo data. */
export interface MissingCells {
  conversions: { metric: string; date: string; geo?: string }[];
  factors: { factor: string; date: string; geo?: string }[];
  /**
   * Geo data only: each geo × channel with periods that had no value, made explicit zeros; `periods`
   * counts them (all periods: the channel has no data in that geo). Absent for national data.
   */
  media?: { geo: string; channel: string; periods: number }[];
}

/** The harmonized tables at one grain, plus the cells that stayed missing. */
export interface GrainTables {
  /** Period starts, oldest first. */
  periods: string[];
  /** The geos, sorted; empty for national data (no `geo` column anywhere). */
  geos: string[];
  /**
   * `date, [geo,] channel, <metric>...`: one row per period (and geo) and channel; a metric a channel has
   * is 0 where it has no value.
   */
  media: ColumnTable;
  /** `date, [geo,] <metric>...`: one row per period (and geo); null where missing. */
  conversions: ColumnTable;
  /** `date, [geo,] <factor>...`: one row per period (and geo); null where missing, never zero. */
  factors: ColumnTable;
  missing: MissingCells;
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
 * Aggregates resolved entries (one per key) to the grain, per geo: media and conversions are summed per
 * period; factors use their aggregation (mean by default), and a national factor (no geo) fills every
 * geo that has no value of its own. The periods run from the first to the last period of the media and
 * conversions (of the factors when there are none); factor values outside are left out. `factorNames`
 * adds factors whose every value was empty, so they are reported missing too. Without geos the tables
 * have no `geo` column and are as for one national series.
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
  const starts = new Map<string, string>(); // each day's period start, once
  const startOf = (date: string) => {
    let p = starts.get(date);
    if (p === undefined) starts.set(date, (p = periodStart(date, grain, weekStart)));
    return p;
  };
  const core = entries.filter((e) => e.table !== 'factors');
  const span = (core.length > 0 ? core : entries).map((e) => startOf(e.date));
  const periods = span.length === 0 ? [] : periodRange(span.reduce(minStr), span.reduce(maxStr), grain);
  // Accumulators under a numeric key (period, geo, channel, metric, table): no string per lookup.
  const indexOf = (names: Iterable<string>) => new Map([...new Set(names)].map((x, i) => [x, i]));
  const P = indexOf(periods);
  const G = indexOf(['', ...entries.map((e) => e.geo ?? '')]);
  const C = indexOf(['', ...entries.map((e) => e.channel)]);
  const M = indexOf(entries.map((e) => e.metric));
  const TABLES = { media: 0, conversions: 1, factors: 2 } as const;
  const key = (t: Entry['table'], p: number, g: number, c: number, m: number) =>
    (((p * G.size + g) * C.size + c) * M.size + m) * 3 + TABLES[t];
  const acc = new Map<number, Acc>();
  for (const e of entries) {
    const p = P.get(startOf(e.date));
    if (p === undefined) continue; // a factor value outside the periods
    const k = key(e.table, p, G.get(e.geo ?? '')!, C.get(e.channel)!, M.get(e.metric)!);
    const v = e.value as number;
    const a = acc.get(k);
    if (!a) acc.set(k, { sum: v, n: 1, max: v, min: v, last: v, lastDate: e.date });
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
  const names = (t: Entry['table']) => [...new Set(entries.filter((e) => e.table === t).map((e) => e.metric))];
  const get = (t: Entry['table'], p: number, g: string, c: string, m: string) => {
    const mi = M.get(m);
    return mi === undefined ? undefined : acc.get(key(t, p, G.get(g)!, C.get(c)!, mi));
  };
  const geos = [...new Set(entries.map((e) => e.geo ?? '').filter((g) => g !== ''))].sort();
  const geoList = geos.length > 0 ? geos : [''];
  const geoColumn: Record<string, unknown[]> = geos.length > 0 ? { geo: [] } : {};
  const withGeo = <T extends object>(x: T, g: string): T => (geos.length > 0 ? { ...x, geo: g } : x);

  const channelMetrics = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.table !== 'media') continue;
    const set = channelMetrics.get(e.channel) ?? new Set<string>();
    channelMetrics.set(e.channel, set.add(e.metric));
  }
  const channels = [...channelMetrics.keys()].sort();
  const metrics = orderMetrics(names('media'));
  const media: Record<string, unknown[]> = { date: [], ...structuredClone(geoColumn), channel: [] };
  for (const m of metrics) media[m] = [];
  const zeros = geoList.map(() => new Float64Array(channels.length)); // [geo][channel]: periods with no value
  for (const [pi, p] of periods.entries()) {
    for (const [gi, g] of geoList.entries()) {
      for (const [ci, c] of channels.entries()) {
        media['date']!.push(p);
        if (geos.length > 0) media['geo']!.push(g);
        media['channel']!.push(c);
        let any = false;
        for (const m of metrics) {
          const has = channelMetrics.get(c)!.has(m);
          const a = has ? get('media', pi, g, c, m) : undefined;
          if (a) any = true;
          media[m]!.push(has ? (a?.sum ?? 0) : null);
        }
        if (!any) zeros[gi]![ci] = zeros[gi]![ci]! + 1;
      }
    }
  }

  const missing: MissingCells = { conversions: [], factors: [] };
  const rowsOf = () => {
    const cols: Record<string, unknown[]> = { date: [], ...structuredClone(geoColumn) };
    for (const p of periods) {
      for (const g of geoList) {
        cols['date']!.push(p);
        if (geos.length > 0) cols['geo']!.push(g);
      }
    }
    return cols;
  };
  const conversions = rowsOf();
  for (const m of names('conversions').sort()) {
    conversions[m] = periods.flatMap((p, pi) =>
      geoList.map((g) => {
        const a = get('conversions', pi, g, '', m);
        if (!a) missing.conversions.push(withGeo({ metric: m, date: p }, g));
        return a ? a.sum : null;
      }),
    );
  }
  const factors = rowsOf();
  const geoFactors = new Set(entries.filter((e) => e.table === 'factors' && e.geo).map((e) => e.metric));
  for (const f of [...new Set([...names('factors'), ...factorNames])].sort()) {
    const how = factorAggregation[f] ?? 'mean';
    factors[f] = periods.flatMap((p, pi) =>
      geoList.map((g, k) => {
        const a = get('factors', pi, g, '', f) ?? get('factors', pi, '', '', f);
        // A national factor's gap is one gap, reported once rather than once per geo.
        if (!a && (geoFactors.has(f) || k === 0))
          missing.factors.push(geoFactors.has(f) ? withGeo({ factor: f, date: p }, g) : { factor: f, date: p });
        return a ? (how === 'mean' ? a.sum / a.n : a[how]) : null;
      }),
    );
  }
  if (geos.length > 0) {
    missing.media = geos.flatMap((geo, gi) =>
      channels.flatMap((channel, ci) => (zeros[gi]![ci]! > 0 ? [{ geo, channel, periods: zeros[gi]![ci]! }] : [])),
    );
  }
  return {
    periods,
    geos,
    media: table(media),
    conversions: table(conversions),
    factors: table(factors),
    missing,
  };
}

function orderMetrics(metrics: string[]): string[] {
  const known = [...MEDIA_METRICS, ...EVENT_METRICS];
  return [...known.filter((m) => metrics.includes(m)), ...metrics.filter((m) => !known.includes(m)).sort()];
}

const minStr = (a: string, b: string) => (b < a ? b : a);
const maxStr = (a: string, b: string) => (b > a ? b : a);
