import { checkInteger, checkNumber, outArray } from './check';

/** Options of geometric adstock; nothing is defaulted because each choice changes the meaning. */
export interface GeometricOptions {
  /** Retention per period, in [0, 1): the weight of lag l is theta^l. */
  theta: number;
  /** The maximum lag carried over (the model's lookback window), so lags 0..lMax are summed. */
  lMax: number;
  /** When true the weights are divided by their sum, so adstock keeps the total of x. */
  normalize: boolean;
}

/**
 * The weights of geometric adstock: w_l = theta^l for l = 0..lMax, divided by Σ w when `normalize`.
 *
 * @param out optional result of shape [lMax + 1]
 * @returns Float64Array of shape [lMax + 1]
 * @throws InputError when theta is outside [0, 1), lMax is not an integer in [0, 520], or on a bad out
 * @example geometricWeights({ theta: 0.5, lMax: 2, normalize: false }) // [1, 0.5, 0.25]
 */
export function geometricWeights(options: GeometricOptions, out?: Float64Array): Float64Array {
  const theta = checkNumber('theta', options.theta, 0, 1, true);
  const lMax = checkInteger('lMax', options.lMax, 0, 520);
  const w = outArray(out, lMax + 1);
  let sum = 0;
  for (let l = 0, v = 1; l <= lMax; l++, v *= theta) {
    w[l] = v;
    sum += v;
  }
  if (options.normalize) for (let l = 0; l <= lMax; l++) w[l] = w[l]! / sum;
  return w;
}

/**
 * Convolves a series with lag weights: y_t = Σ_{l=0}^{min(t, L-1)} w_l · x_{t-l}.
 * Periods before the start of `x` count as zero; callers that know the earlier values prepend them.
 *
 * @param x series of shape [nTimes]
 * @param w lag weights of shape [L]
 * @param out optional result of shape [nTimes]
 * @returns y of shape [nTimes]
 */
export function convolveLags(x: Float64Array, w: Float64Array, out?: Float64Array): Float64Array {
  const n = x.length;
  const y = outArray(out, n);
  const L = w.length;
  for (let t = 0; t < n; t++) {
    let s = 0;
    const lMax = t < L - 1 ? t : L - 1;
    for (let l = 0; l <= lMax; l++) s += w[l]! * x[t - l]!;
    y[t] = s;
  }
  return y;
}

/**
 * Geometric adstock of a series: y_t = Σ_{l=0}^{lMax} theta^l · x_{t-l} (over Σ theta^l when normalized).
 *
 * @param x series of shape [nTimes]; values before x[0] count as zero
 * @param out optional result of shape [nTimes]
 * @returns the adstocked series of shape [nTimes]
 * @throws InputError on a bad theta, lMax or out
 * @example geometricAdstock(Float64Array.of(1, 0, 0), { theta: 0.5, lMax: 2, normalize: false }) // [1, 0.5, 0.25]
 */
export function geometricAdstock(x: Float64Array, options: GeometricOptions, out?: Float64Array): Float64Array {
  return convolveLags(x, geometricWeights(options), out);
}
