import type { PopulationRow } from '../data/population';
import { InputError, show } from '../errors';

/**
 * Applies the rules' geo renames to population rows and sums the populations of merged geos. The same
 * geo in two population tables is refused (a rename merges geos; it does not choose between tables).
 *
 * @param geos geo renames (the rules' `geos`)
 * @returns one row per geo, named after the rename; the row of its first source row
 * @throws InputError naming both rows when two tables give a population for one geo
 * @example renamePopulation([{ geo: 'NE', population: 5, file: 'p.csv', row: 2 }], { NE: 'northeast' })[0].geo // 'northeast'
 */
export function renamePopulation(
  rows: readonly PopulationRow[],
  geos: Readonly<Record<string, string>>,
): PopulationRow[] {
  const out = new Map<string, PopulationRow>();
  for (const r of rows) {
    const geo = geos[r.geo] ?? r.geo;
    const prev = out.get(geo);
    if (prev === undefined) out.set(geo, { ...r, geo });
    else if ((prev.dataset ?? prev.file) === (r.dataset ?? r.file)) prev.population += r.population;
    else {
      const where = (x: PopulationRow) => `row ${x.row} of ${x.file}${x.dataset ? ` (dataset ${x.dataset})` : ''}`;
      throw new InputError(
        `geo ${show(geo)} has a population at ${where(prev)} and again at ${where(r)}; give each geo one population`,
      );
    }
  }
  return [...out.values()];
}
