import { checkInteger, checkNumber, outArray } from './check';

/** Options of Weibull adstock; nothing is defaulted because each choice changes the meaning. */
export interface WeibullOptions {
  /** Weibull shape k > 0. */
  shape: number;
  /** Weibull scale λ > 0, in periods. */
  scale: number;
  /** The maximum lag carried over (the model's lookback window): lags 0..lMax. */
  lMax: number;
  /**
   * `cdf`: weights 1 − F(l) (decay, as Robyn's `weibull_cdf`); `pdf`: weights f(l + 1), which can peak
   * after a delay (Robyn's `weibull_pdf`, for effects that build up).
   */
  kind: 'cdf' | 'pdf';
  /** When true the weights are divided by their sum, so adstock keeps the total of x. */
  normalize: boolean;
}

/**
 * The lag weights of Weibull adstock, for l = 0..lMax:
 * cdf: w_l = exp(−(l/λ)^k) (the survival function); pdf: w_l = (k/λ)((l+1)/λ)^(k−1) exp(−((l+1)/λ)^k),
 * rescaled so the largest weight is 1, or so the weights sum to 1 when `normalize`.
 *
 * @param out optional result of shape [lMax + 1]
 * @returns Float64Array of shape [lMax + 1]
 * @throws InputError on a bad shape, scale, lMax or out
 * @example weibullWeights({ shape: 1, scale: 2, lMax: 2, kind: 'cdf', normalize: false }) // [1, e^-0.5, e^-1]
 */
export function weibullWeights(options: WeibullOptions, out?: Float64Array): Float64Array {
  const k = checkNumber('shape', options.shape, 1e-3, 20);
  const lambda = checkNumber('scale', options.scale, 1e-3, 520);
  const lMax = checkInteger('lMax', options.lMax, 0, 520);
  const w = outArray(out, lMax + 1);
  for (let l = 0; l <= lMax; l++) {
    if (options.kind === 'cdf') w[l] = Math.exp(-Math.pow(l / lambda, k));
    else {
      const z = (l + 1) / lambda;
      w[l] = (k / lambda) * Math.pow(z, k - 1) * Math.exp(-Math.pow(z, k));
    }
  }
  let max = 0;
  let sum = 0;
  for (let l = 0; l <= lMax; l++) {
    max = Math.max(max, w[l]!);
    sum += w[l]!;
  }
  const div = options.normalize ? sum : max;
  if (div > 0) for (let l = 0; l <= lMax; l++) w[l] = w[l]! / div;
  return w;
}
