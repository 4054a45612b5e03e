import { cellError, numberCell, textCell } from './cells';
import type { Frame } from './frame';
import { GEO } from './geo-column';
import { checkUniqueKeys } from './unique-keys';

/** One geo's population as read from a population table, with where it came from for messages. */
export interface PopulationRow {
  geo: string;
  population: number;
  file: string;
  row: number;
  /** The dataset the row belongs to, when known (two datasets may come from files of one name). */
  dataset?: string;
}

/**
 * Validates a population table (`geo,population`, one row per geo) and returns its rows. Call after
 * {@link schemaProblems} found nothing.
 *
 * @returns one row per geo, in file order
 * @throws InputError naming file, row, column and value: an empty geo, a geo given twice, a population
 *   that is empty or not a number > 0
 * @example populationRows(toFrame([{ geo: 'north', population: 1200000 }], 'pop.csv'))[0].population // 1200000
 */
export function populationRows(frame: Frame): PopulationRow[] {
  const n = frame.table.numRows();
  const geos = Array.from({ length: n }, (_, i) => textCell(frame, GEO, i));
  checkUniqueKeys(frame, geos, [GEO]);
  return geos.map((geo, i) => {
    const population = numberCell(frame, 'population', i);
    if (population === null || population <= 0)
      throw cellError(frame, i, 'population', 'must be a number > 0', frame.table.get('population', i) ?? '');
    return { geo, population, file: frame.source, row: frame.firstRow + i };
  });
}
