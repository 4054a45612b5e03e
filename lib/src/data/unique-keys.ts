import { InputError, show } from '../errors';
import { rowOf } from './cells';
import type { Frame } from './frame';

/**
 * Checks that each record's key is given once in a frame.
 *
 * @param keys one key per record, e.g. `date|channel`
 * @param columns the key's column names, for the message
 * @throws InputError `` `date`, `channel` must be unique; got ("2024-01-01", "tv") again at row 5 of tv.csv (first at row 3) ``
 */
export function checkUniqueKeys(frame: Frame, keys: readonly string[], columns: readonly string[]): void {
  const first = new Map<string, number>();
  keys.forEach((k, i) => {
    const j = first.get(k);
    if (j === undefined) return void first.set(k, i);
    const parts = k.split('|').map((p) => show(p));
    const value = parts.length === 1 ? parts[0] : `(${parts.join(', ')})`;
    const names = columns.map((c) => `\`${c}\``).join(', ');
    throw new InputError(
      `${names} must be unique; got ${value} again at ${rowOf(frame, i)} (first at row ${frame.firstRow + j})`,
    );
  });
}
