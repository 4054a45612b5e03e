import { InputError, show } from '../errors';
import { cellError, columnName, rowOf } from './cells';
import type { Frame } from './frame';
import { detectDateOrder, readDate, type DateFormatOut } from './parse-date';

/**
 * Reads a column of dates or timestamps as `YYYY-MM-DD` days; the order of `a/b/yyyy` dates is
 * detected once for the column ({@link detectDateOrder}). Every cell must be written in the format
 * of the column's first cell ({@link dateFormat}): one `03/01/2022` in an ISO column is refused, not
 * read as a date that stretches the range.
 *
 * @returns one day per record
 * @throws InputError naming the column, row, file and value of the first cell that is not a date, or
 *   of the first cell whose format differs from the first row's (and that format)
 * @example dateColumn(frame, 'date') // ['2024-01-01', ...]
 */
export function dateColumn(frame: Frame, column: string): string[] {
  const cells = frame.table.array(column) as ArrayLike<unknown>;
  const order = detectDateOrder(cells);
  const out = new Array<string>(cells.length);
  const seen: DateFormatOut = { format: '' };
  let first = '';
  for (let i = 0; i < cells.length; i++) {
    const d = readDate(cells[i], order, seen);
    if (d === null) throw cellError(frame, i, column, 'must be a date such as 2024-01-31', cells[i] ?? '');
    if (i === 0) first = seen.format;
    else if (seen.format !== first) {
      throw new InputError(
        `${columnName(column)} must have one date format throughout; got ${show(cells[i])} (${seen.format}) at ` +
          `${rowOf(frame, i)}, but the column is ${first} from row ${frame.firstRow}`,
      );
    }
    out[i] = d;
  }
  return out;
}
