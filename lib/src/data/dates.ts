import { cellError } from './cells';
import type { Frame } from './frame';
import { detectDateOrder, parseDate } from './parse-date';

/**
 * Reads a column of dates or timestamps as `YYYY-MM-DD` days; the order of `a/b/yyyy` dates is
 * detected once for the column ({@link detectDateOrder}).
 *
 * @returns one day per record
 * @throws InputError naming the column, row, file and value of the first cell that is not a date
 * @example dateColumn(frame, 'date') // ['2024-01-01', ...]
 */
export function dateColumn(frame: Frame, column: string): string[] {
  const cells = frame.table.array(column) as ArrayLike<unknown>;
  const order = detectDateOrder(cells);
  const out = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const d = parseDate(cells[i], order);
    if (d === null) throw cellError(frame, i, column, 'must be a date such as 2024-01-31', cells[i] ?? '');
    out[i] = d;
  }
  return out;
}
