/** The harmonized table an entry belongs to. */
export type EntryTable = 'media' | 'conversions' | 'factors';

/**
 * One validated value of a dataset in long form: media `(date, geo, channel, metric)`, conversions
 * `(date, geo, metric)` and factors `(date, geo, factor)` with `channel` empty. `geo` is absent (or
 * `''`) for national data; a national factor applies to every geo. `value` is null for an empty factor
 * cell, which stays missing.
 */
export interface Entry {
  table: EntryTable;
  /** `YYYY-MM-DD`. */
  date: string;
  /** The region of a geo dataset's row; absent or `''` for national data. */
  geo?: string;
  /** The channel of a media entry; `''` for conversions and factors. */
  channel: string;
  /** The metric (`spend`, `revenue`, ...) or the factor name. */
  metric: string;
  value: number | null;
  /** The dataset name (the rules' source name). */
  source: string;
  /** The file or label and the row the value came from, for messages. */
  file: string;
  row: number;
}

/** The key of an entry: `table|date|geo|channel|metric` (geo empty for national data). */
export function entryKey(e: Entry): string {
  return `${e.table}|${e.date}|${e.geo ?? ''}|${e.channel}|${e.metric}`;
}
