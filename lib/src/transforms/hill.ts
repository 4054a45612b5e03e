import { checkNumber, outArray } from './check';
import { InputError } from '../errors';

/** Options of Hill saturation. */
export interface HillOptions {
  /** The input at which the response is half of its maximum (K > 0), in the units of x. */
  half: number;
  /** The shape (slope) s > 0; s > 1 gives an S-curve, s ≤ 1 a concave curve. */
  shape: number;
}

/**
 * Hill saturation: y = x^s / (x^s + K^s), from 0 at x = 0 up to 1 as x grows.
 *
 * @param x non-negative inputs of shape [nTimes]
 * @param out optional result of shape [nTimes]
 * @returns y of shape [nTimes], each in [0, 1)
 * @throws InputError when half or shape is not positive, or an input is negative or not finite
 * @example hill(Float64Array.of(0, 2, 4), { half: 2, shape: 1 }) // [0, 0.5, 0.666…]
 */
export function hill(x: Float64Array, options: HillOptions, out?: Float64Array): Float64Array {
  const half = checkNumber('half', options.half, Number.MIN_VALUE, Number.MAX_VALUE);
  const shape = checkNumber('shape', options.shape, Number.MIN_VALUE, 100);
  const n = x.length;
  const y = outArray(out, n);
  const ks = Math.pow(half, shape);
  for (let t = 0; t < n; t++) {
    const v = x[t]!;
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new InputError(`hill input must be finite and non-negative; got ${v} at index ${t}`);
    }
    const xs = Math.pow(v, shape);
    y[t] = xs / (xs + ks);
  }
  return y;
}
