import { not } from 'arquero';
import { entryKey, type Entry } from '../data/entry';
import type { Frame } from '../data/frame';
import { ConfigError } from '../errors';
import type { SourceRules } from './rules';

/**
 * Applies a source's `drop` and `fields` rules to its frame: drops columns, then renames source
 * columns to harmonized ones. Row numbers and the source name stay.
 *
 * @param file the rules file name for messages
 * @throws ConfigError naming the rules file and path when a rule names a column the source lacks, or
 *   two columns would get the same name: `` rules.json: unknown field `cost` in sources.ads.fields; ads.csv has date, spend ``
 */
export function mapColumns(frame: Frame, name: string, rules: Required<SourceRules>, file: string): Frame {
  const columns = frame.table.columnNames();
  const unknown = (path: string, col: string) =>
    new ConfigError(
      `${file}: unknown field \`${col}\` in sources.${name}.${path}; ${frame.source} has ${columns.join(', ')}`,
    );
  for (const c of rules.drop) if (!columns.includes(c)) throw unknown('drop', c);
  for (const c of Object.keys(rules.fields)) if (!columns.includes(c)) throw unknown('fields', c);
  let table = rules.drop.length > 0 ? frame.table.select(not(rules.drop)) : frame.table;
  const after = table.columnNames().map((c) => rules.fields[c] ?? c);
  const twice = after.find((c, i) => after.indexOf(c) !== i);
  if (twice !== undefined) {
    throw new ConfigError(`${file}: sources.${name}.fields gives two columns of ${frame.source} the name \`${twice}\``);
  }
  if (Object.keys(rules.fields).length > 0) table = table.rename(rules.fields);
  return { ...frame, table };
}

/**
 * Applies multipliers, channel renames and geo renames to a source's entries and merges entries whose
 * keys meet after a rename (`fb` and `facebook_ads` → `social`; `NE` and `N. East` → `northeast`): media
 * and conversions are summed, factor values of merged geos averaged. Pure: returns new entries.
 *
 * @param geos geo renames (the rules' `geos`); default none
 * @throws ConfigError when a multiplier names a metric the source does not have
 */
export function transformEntries(
  entries: readonly Entry[],
  name: string,
  rules: Required<SourceRules>,
  channels: Readonly<Record<string, string>>,
  file: string,
  geos: Readonly<Record<string, string>> = {},
): Entry[] {
  const metrics = new Set(entries.map((e) => e.metric));
  for (const m of Object.keys(rules.multipliers)) {
    if (!metrics.has(m)) {
      throw new ConfigError(
        `${file}: unknown field \`${m}\` in sources.${name}.multipliers; the source has ${[...metrics].join(', ')}`,
      );
    }
  }
  const merged = new Map<string, Entry>();
  const counts = new Map<string, number>(); // factor values merged per key, to average them
  for (const e of entries) {
    const k = rules.multipliers[e.metric] ?? 1;
    const out: Entry = {
      ...e,
      ...(e.geo ? { geo: geos[e.geo] ?? e.geo } : {}),
      channel: channels[e.channel] ?? e.channel,
      value: e.value === null ? null : e.value * k,
    };
    const key = entryKey(out);
    const prev = merged.get(key);
    if (prev === undefined) merged.set(key, out);
    else if (out.value !== null) prev.value = (prev.value ?? 0) + out.value;
    if (out.table === 'factors' && out.value !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, n] of counts) {
    const e = merged.get(key)!;
    if (n > 1) e.value = (e.value as number) / n;
  }
  return [...merged.values()];
}
