import { InputError, show } from '../errors';
import type { Frame } from './frame';
import { isNonFinite, parseNumber } from './parse-number';

/** Where record `i` of a frame is, as a user counts: `row 12 of spend.csv`. */
export function rowOf(frame: Frame, i: number): string {
  return `row ${frame.firstRow + i} of ${frame.source}`;
}

/**
 * A column name for a message, in backticks, cut to 80 characters like {@link show} cuts values.
 *
 * @example columnName('spend') // '`spend`'
 */
export function columnName(column: string): string {
  return `\`${column.length > 80 ? `${column.slice(0, 80)}…` : column}\``;
}

/**
 * An InputError for one cell: `` `spend` must be a non-negative number; got -3 at row 12 of spend.csv ``.
 */
export function cellError(frame: Frame, i: number, column: string, rule: string, value: unknown): InputError {
  return new InputError(`${columnName(column)} ${rule}; got ${show(value)} at ${rowOf(frame, i)}`);
}

/**
 * Reads numeric cell `i` of `column`: null when empty.
 *
 * @param min the smallest allowed value (`0` for spend), or -Infinity
 * @throws InputError naming the column, row, file and value when the cell is not a finite number (`1e309`,
 *   `Infinity` and `NaN` are refused) or is below min
 */
export function numberCell(frame: Frame, column: string, i: number, min = -Infinity): number | null {
  const raw = frame.table.get(column, i);
  const v = parseNumber(raw, frame.decimal);
  if (v === null) return null;
  if (Number.isNaN(v)) {
    throw cellError(
      frame,
      i,
      column,
      isNonFinite(raw, frame.decimal) ? 'must be a finite number' : 'must be a number',
      raw,
    );
  }
  if (v < min) throw cellError(frame, i, column, min === 0 ? 'must be a non-negative number' : `must be >= ${min}`, v);
  return v;
}

/**
 * Reads text cell `i` of `column`, trimmed.
 *
 * @throws InputError naming the column, row and file when the cell is empty
 */
export function textCell(frame: Frame, column: string, i: number): string {
  const raw = frame.table.get(column, i);
  const s = raw === null || raw === undefined ? '' : String(raw).trim();
  if (s === '') throw cellError(frame, i, column, 'must not be empty', raw ?? '');
  return s;
}
