import { checkNumber, outArray } from './check';
import { InputError } from '../errors';

/** Options of logistic saturation (PyMC-Marketing's `logistic_saturation`). */
export interface LogisticOptions {
  /** Steepness λ > 0, per unit of x: the response is (1 − e^(−λx)) / (1 + e^(−λx)). */
  lambda: number;
}

/**
 * Logistic saturation: y = (1 − e^(−λx)) / (1 + e^(−λx)) = tanh(λx / 2), from 0 at x = 0 towards 1.
 *
 * @param x non-negative inputs of shape [nTimes]
 * @param out optional result of shape [nTimes]
 * @returns y of shape [nTimes], each in [0, 1)
 * @throws InputError when lambda is not positive or an input is negative or not finite
 * @example logistic(Float64Array.of(0, Math.log(3)), { lambda: 1 }) // [0, 0.5]
 */
export function logistic(x: Float64Array, options: LogisticOptions, out?: Float64Array): Float64Array {
  const lambda = checkNumber('lambda', options.lambda, Number.MIN_VALUE, Number.MAX_VALUE);
  const y = outArray(out, x.length);
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new InputError(`logistic input must be finite and non-negative; got ${v} at index ${t}`);
    }
    y[t] = Math.tanh((lambda * v) / 2);
  }
  return y;
}
