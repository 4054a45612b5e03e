import { InputError, show } from '../errors';

/** Checks that `value` is a finite number in `[min, max]` (or `[min, max)` when `openMax`). */
export function checkNumber(name: string, value: unknown, min: number, max: number, openMax = false): number {
  const ok =
    typeof value === 'number' && Number.isFinite(value) && value >= min && (openMax ? value < max : value <= max);
  if (!ok) {
    const range = `[${min}, ${max}${openMax ? ')' : ']'}`;
    throw new InputError(`\`${name}\` must be a number in ${range}; got ${show(value)}`);
  }
  return value;
}

/** Checks that `value` is an integer in `[min, max]`. */
export function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InputError(`\`${name}\` must be an integer in [${min}, ${max}]; got ${show(value)}`);
  }
  return value;
}

/** Checks that `out`, when given, is a Float64Array of length `n`, and returns it or a new one. */
export function outArray(out: Float64Array | undefined, n: number): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (!(out instanceof Float64Array) || out.length !== n) {
    throw new InputError(`\`out\` must be a Float64Array of length ${n}; got length ${show(out?.length)}`);
  }
  return out;
}
