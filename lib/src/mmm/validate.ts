import { InputError } from '../errors';
import type { MmmData } from './spec';

/**
 * Checks that every series has one value per date and that names are unique.
 * @throws InputError naming the series and the lengths
 */
export function validateData(data: MmmData): void {
  const n = data.dates.length;
  const check = (what: string, arr: ArrayLike<number>) => {
    if (!(arr instanceof Float64Array)) throw new InputError(`${what} must be a Float64Array`);
    if (arr.length !== n) throw new InputError(`${what} has ${arr.length} values for ${n} dates`);
  };
  check('outcome', data.outcome);
  const seen = new Set<string>();
  for (const c of data.channels) {
    if (seen.has(c.name)) throw new InputError(`channel ${JSON.stringify(c.name)} appears twice`);
    seen.add(c.name);
    check(`channel ${c.name} input`, c.input);
    check(`channel ${c.name} spend`, c.spend);
  }
  for (const f of data.factors) {
    if (seen.has(f.name)) throw new InputError(`factor ${JSON.stringify(f.name)} clashes with another name`);
    seen.add(f.name);
    check(`factor ${f.name}`, f.values);
    f.values.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        throw new InputError(`factor ${f.name} has no value at row ${i} (${data.dates[i]}); fill or drop it`);
      }
    });
  }
}
