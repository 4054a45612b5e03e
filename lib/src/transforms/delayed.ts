import { checkInteger, checkNumber, outArray } from './check';

/** Options of delayed adstock (PyMC-Marketing's `delayed_adstock`). */
export interface DelayedOptions {
  /** Retention rate in [0, 1). */
  theta: number;
  /** The lag of the peak effect, in periods, in [0, lMax]. */
  delay: number;
  /** The maximum lag carried over: lags 0..lMax. */
  lMax: number;
  /** When true the weights are divided by their sum. */
  normalize: boolean;
}

/**
 * The lag weights of delayed adstock: w_l = θ^((l − delay)²) for l = 0..lMax, peaking at l = delay.
 *
 * @param out optional result of shape [lMax + 1]
 * @returns Float64Array of shape [lMax + 1]
 * @throws InputError on a bad theta, delay, lMax or out
 * @example delayedWeights({ theta: 0.5, delay: 1, lMax: 2, normalize: false }) // [0.5, 1, 0.5]
 */
export function delayedWeights(options: DelayedOptions, out?: Float64Array): Float64Array {
  const theta = checkNumber('theta', options.theta, 0, 1, true);
  const lMax = checkInteger('lMax', options.lMax, 0, 520);
  const delay = checkNumber('delay', options.delay, 0, lMax);
  const w = outArray(out, lMax + 1);
  let sum = 0;
  for (let l = 0; l <= lMax; l++) {
    w[l] = Math.pow(theta, (l - delay) * (l - delay));
    sum += w[l]!;
  }
  if (options.normalize && sum > 0) for (let l = 0; l <= lMax; l++) w[l] = w[l]! / sum;
  return w;
}
