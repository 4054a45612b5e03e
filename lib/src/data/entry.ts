/** The harmonized table an entry belongs to. */
export type EntryTable = 'media' | 'conversions' | 'factors';

/**
 * One validated value of a dataset in long form: media `(date, channel, metric)`, conversions
 * `(date, metric)` and factors `(date, factor)` with `channel` empty. `value` is null for an empty
 * factor cell, which stays missing.
 */
export interface Entry {
  table: EntryTable;
  /** `YYYY-MM-DD`. */
  date: string;
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

/** The key of an entry within its table: `date|channel|metric`. */
export function entryKey(e: Entry): string {
  return `${e.table}|${e.date}|${e.channel}|${e.metric}`;
}
