import { fromArrow } from 'arquero';
import { InputError } from '../errors';
import type { Frame } from './frame';

/**
 * Reads Arrow IPC bytes (file or stream format, e.g. `.arrow`, `.feather` v2) into a {@link Frame};
 * dates and timestamps become `Date` values, read as UTC days.
 *
 * @param bytes the IPC bytes
 * @param source the label errors name; default `arrow`
 * @throws InputError naming the source when the bytes are not Arrow IPC or hold no rows
 * @example loadArrow(toArrowIPC(table({ date: ['2024-01-01'] }))).table.numRows() // 1
 */
export function loadArrow(bytes: Uint8Array, source = 'arrow'): Frame {
  if (bytes.length === 0) throw new InputError(`${source} is empty; expected Arrow IPC bytes`);
  let table;
  try {
    table = fromArrow(bytes);
  } catch (e) {
    throw new InputError(`${source} is not Arrow IPC data: ${(e as Error).message}`);
  }
  if (table.numRows() === 0) throw new InputError(`${source} is empty; expected at least one row`);
  return { source, table, firstRow: 1, decimal: '.' };
}
