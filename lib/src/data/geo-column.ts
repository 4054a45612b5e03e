import { InputError, show } from '../errors';
import { rowOf } from './cells';
import type { Frame } from './frame';

/** The column that names a row's region (DESIGN §5): `date,geo,channel,spend,...`. */
export const GEO = 'geo';

/**
 * Reads a frame's `geo` column: one trimmed geo name per record, or null when the frame has no `geo`
 * column or leaves it empty on every row (national data, the one-geo case).
 *
 * @returns one geo per record, shape [nRows], or null for national data
 * @throws InputError naming the file, both rows and the geo when some rows name a geo and others leave it
 *   empty (national and geo rows mixed in one file):
 *   `` `geo` must be given on every row or on none; got "" at row 7 of sales.csv, but row 2 has "north" ``
 * @example geoColumn(toFrame([{ date: '2024-01-01', geo: 'north', revenue: 3 }], 'r')) // ['north']
 */
export function geoColumn(frame: Frame): string[] | null {
  if (!frame.table.columnNames().includes(GEO)) return null;
  const cells = frame.table.array(GEO) as ArrayLike<unknown>;
  const geos = Array.from(cells, (raw) => (raw === null || raw === undefined ? '' : String(raw).trim()));
  const named = geos.findIndex((g) => g !== '');
  if (named < 0) return null;
  const empty = geos.indexOf('');
  if (empty >= 0) throw mixedGeosError(cells[empty] ?? '', rowOf(frame, empty), frame.firstRow + named, geos[named]!);
  return geos;
}

/**
 * The error of a file whose `geo` column is empty on some rows and names a geo on others.
 *
 * @param emptyAt where the empty cell is, `row 7 of sales.csv`
 * @param namedRow the row of a named geo in the same file, or its place in words (`row 2 of events/b.parquet`)
 * @example mixedGeosError('', 'row 7 of sales.csv', 2, 'north').message
 */
export function mixedGeosError(cell: unknown, emptyAt: string, namedRow: number | string, geo: string): InputError {
  return new InputError(
    `\`geo\` must be given on every row or on none (national and geo rows cannot share a file); got ` +
      `${show(cell)} at ${emptyAt}, but ${typeof namedRow === 'number' ? `row ${namedRow}` : namedRow} has ${show(geo)}`,
  );
}
