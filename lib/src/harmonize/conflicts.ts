import { entryKey, type Entry, type EntryTable } from '../data/entry';
import { ConfigError, InputError } from '../errors';
import type { ConflictStrategy } from './rules';

/** A value given by two or more sources for the same key, and how it was resolved. */
export interface Conflict {
  table: EntryTable;
  date: string;
  /** The geo of a geo dataset's value; absent for national data. */
  geo?: string;
  /** The channel of a media value; null for conversions and factors. */
  channel: string | null;
  /** The metric or factor. */
  metric: string;
  /** Each source's value, in input order. */
  values: { source: string; value: number }[];
  strategy: ConflictStrategy;
  /** The value kept. */
  value: number;
}

/**
 * Finds keys (table, date, geo, channel, metric) given by more than one source and keeps one value per key:
 * the most preferred source's (`priority`), or their `sum`, `max` or `mean`. Entries with a null value
 * (empty factor cells) are dropped first: they stay missing.
 *
 * @param rule the conflicts rule, or null when the rules have none
 * @returns one entry per key and a report of every conflict, in key order of first appearance
 * @throws InputError naming both files and rows when a key is duplicated and there is no rule
 * @throws ConfigError when `priority` does not rank a source involved in a conflict
 */
export function resolveConflicts(
  entries: readonly Entry[],
  rule: { strategy: ConflictStrategy; priority: string[] } | null,
  file = 'rules',
): { entries: Entry[]; conflicts: Conflict[] } {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    if (e.value === null) continue;
    const key = entryKey(e);
    const g = groups.get(key);
    if (g) g.push(e);
    else groups.set(key, [e]);
  }
  const out: Entry[] = [];
  const conflicts: Conflict[] = [];
  for (const g of groups.values()) {
    const first = g[0]!;
    if (g.length === 1) {
      out.push(first);
      continue;
    }
    const where = g.map((e) => `row ${e.row} of ${e.file}`).join(' and ');
    const what = `(${[first.date, first.geo ?? '', first.channel, first.metric].filter((s) => s !== '').join(', ')})`;
    if (rule === null) {
      throw new InputError(
        `duplicate key ${what}: given at ${where}, and the rules have no \`conflicts\` entry (priority, sum, max or mean)`,
      );
    }
    const values = g.map((e) => ({ source: e.source, value: e.value as number }));
    const value = resolve(values, rule, what, file);
    out.push({ ...first, value });
    conflicts.push({
      table: first.table,
      date: first.date,
      ...(first.geo ? { geo: first.geo } : {}),
      channel: first.channel || null,
      metric: first.metric,
      values,
      strategy: rule.strategy,
      value,
    });
  }
  return { entries: out, conflicts };
}

function resolve(
  values: { source: string; value: number }[],
  rule: { strategy: ConflictStrategy; priority: string[] },
  what: string,
  file: string,
): number {
  const v = values.map((x) => x.value);
  if (rule.strategy === 'sum') return v.reduce((a, b) => a + b, 0);
  if (rule.strategy === 'max') return Math.max(...v);
  if (rule.strategy === 'mean') return v.reduce((a, b) => a + b, 0) / v.length;
  const ranked = values.map((x) => ({ ...x, rank: rule.priority.indexOf(x.source) }));
  const missing = ranked.find((x) => x.rank < 0);
  if (missing) {
    throw new ConfigError(
      `${file}: \`conflicts.priority\` must rank source \`${missing.source}\`, which conflicts on ${what}; got ${JSON.stringify(rule.priority)}`,
    );
  }
  return ranked.reduce((a, b) => (b.rank < a.rank ? b : a)).value;
}
