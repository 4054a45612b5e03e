// Leave-one-out cross-validation by Pareto smoothed importance sampling (PSIS-LOO) and WAIC, from the
// pointwise log likelihood of posterior draws: Vehtari, Gelman & Gabry, "Practical Bayesian model
// evaluation using leave-one-out cross-validation and WAIC", Statistics and Computing 27 (2017).
import { InputError, show } from '../errors';
import { logSumExp, normalizeLogWeights } from './log-sum-exp';
import { psis, psisThreshold } from './psis';

/** Options of {@link psisLoo} and {@link waic}. */
export interface LooOptions {
  /**
   * Log importance weights of the draws, shape [S], when the draws come from a proposal q instead of
   * the posterior (e.g. Laplace draws with their {@link psis} weights); need not be normalized.
   * Without it the draws are posterior draws of equal weight.
   */
  logDrawWeights?: Float64Array;
}

/** The result of {@link psisLoo}; sums are over observations, SEs are √N·sd of the pointwise values. */
export interface LooResult {
  /** Σ_i log p(y_i | y_−i), the expected log pointwise predictive density. */
  elpdLoo: number;
  seElpdLoo: number;
  /** lpd − elpd_loo, the effective number of parameters. */
  pLoo: number;
  sePLoo: number;
  /** −2·elpd_loo. */
  looic: number;
  /** Per observation, each of shape [N]: elpd_loo_i, p_loo_i and the Pareto k̂ of its LOO weights. */
  pointwise: { elpdLoo: Float64Array; pLoo: Float64Array; khat: Float64Array };
  /** The k̂ threshold for S draws, min(1 − 1/log10(S), 0.7) (0.7 from S ≈ 2200 on). */
  khatThreshold: number;
  /** The observations whose k̂ exceeds the threshold: their elpd_loo_i is not to be trusted. */
  highKhat: number[];
}

/** The result of {@link waic}. */
export interface WaicResult {
  /** Σ_i (lpd_i − p_waic_i). */
  elpdWaic: number;
  seElpdWaic: number;
  /** Σ_i Var_s log p(y_i | θ_s). */
  pWaic: number;
  sePWaic: number;
  /** −2·elpd_waic. */
  waic: number;
  /** Per observation, each of shape [N]. */
  pointwise: { elpdWaic: Float64Array; pWaic: Float64Array };
  /** Observations with p_waic_i > 0.4, where WAIC is known to be unreliable (PSIS-LOO is preferred). */
  highPWaic: number[];
}

/**
 * PSIS-LOO: for each observation i, the draws are reweighted from the posterior to the posterior
 * without y_i by the ratios r_s ∝ w_s / p(y_i | θ_s) (w_s the draws' own weights), smoothed by
 * {@link psis}, and elpd_loo_i = log Σ_s w̃_is·p(y_i | θ_s). lpd_i = log Σ_s w_s·p(y_i | θ_s), and
 * p_loo_i = lpd_i − elpd_loo_i.
 *
 * @param logLik log p(y_i | θ_s), row-major [S draws, N observations]
 * @param draws S
 * @param observations N
 * @throws InputError when the shape does not match, a log likelihood is not finite, or S < 2
 * @example
 * const loo = psisLoo(logLik, 4000, 104);
 * if (loo.highKhat.length > 0) console.warn(`${loo.highKhat.length} observations with high k̂`);
 */
export function psisLoo(
  logLik: Float64Array,
  draws: number,
  observations: number,
  options: LooOptions = {},
): LooResult {
  const lv = drawLogWeights(logLik, draws, observations, options);
  const elpd = new Float64Array(observations);
  const pLoo = new Float64Array(observations);
  const khat = new Float64Array(observations);
  const ratios = new Float64Array(draws);
  const terms = new Float64Array(draws);
  for (let i = 0; i < observations; i++) {
    for (let s = 0; s < draws; s++) ratios[s] = lv[s]! - logLik[s * observations + i]!;
    const smoothed = psis(ratios);
    for (let s = 0; s < draws; s++) terms[s] = smoothed.logWeights[s]! + logLik[s * observations + i]!;
    elpd[i] = logSumExp(terms);
    for (let s = 0; s < draws; s++) terms[s] = lv[s]! + logLik[s * observations + i]!;
    pLoo[i] = logSumExp(terms) - elpd[i]!;
    khat[i] = smoothed.khat;
  }
  const threshold = psisThreshold(draws);
  const highKhat: number[] = [];
  khat.forEach((k, i) => k > threshold && highKhat.push(i));
  const [elpdLoo, seElpdLoo] = sumAndSe(elpd);
  const [p, seP] = sumAndSe(pLoo);
  return {
    elpdLoo,
    seElpdLoo,
    pLoo: p,
    sePLoo: seP,
    looic: -2 * elpdLoo,
    pointwise: { elpdLoo: elpd, pLoo, khat },
    khatThreshold: threshold,
    highKhat,
  };
}

/**
 * WAIC (Watanabe 2010): elpd_waic_i = lpd_i − p_waic_i with lpd_i = log Σ_s w_s·p(y_i | θ_s) and
 * p_waic_i the (weighted, unbiased) variance over draws of log p(y_i | θ_s).
 *
 * @param logLik log p(y_i | θ_s), row-major [S draws, N observations]
 * @param draws S
 * @param observations N
 * @throws InputError when the shape does not match, a log likelihood is not finite, or S < 2
 */
export function waic(logLik: Float64Array, draws: number, observations: number, options: LooOptions = {}): WaicResult {
  const lv = drawLogWeights(logLik, draws, observations, options);
  const w = Float64Array.from(lv, Math.exp);
  let sumSq = 0;
  for (let s = 0; s < draws; s++) sumSq += w[s]! * w[s]!;
  const elpd = new Float64Array(observations);
  const pWaic = new Float64Array(observations);
  const terms = new Float64Array(draws);
  for (let i = 0; i < observations; i++) {
    let mean = 0;
    for (let s = 0; s < draws; s++) {
      const ll = logLik[s * observations + i]!;
      terms[s] = lv[s]! + ll;
      mean += w[s]! * ll;
    }
    let v = 0;
    for (let s = 0; s < draws; s++) v += w[s]! * (logLik[s * observations + i]! - mean) ** 2;
    pWaic[i] = v / (1 - sumSq);
    elpd[i] = logSumExp(terms) - pWaic[i]!;
  }
  const highPWaic: number[] = [];
  pWaic.forEach((p, i) => p > 0.4 && highPWaic.push(i));
  const [elpdWaic, seElpdWaic] = sumAndSe(elpd);
  const [p, seP] = sumAndSe(pWaic);
  return {
    elpdWaic,
    seElpdWaic,
    pWaic: p,
    sePWaic: seP,
    waic: -2 * elpdWaic,
    pointwise: { elpdWaic: elpd, pWaic },
    highPWaic,
  };
}

// Checks the inputs once; returns the normalized log weights of the draws, shape [S].
function drawLogWeights(logLik: Float64Array, draws: number, observations: number, options: LooOptions) {
  if (!Number.isInteger(draws) || draws < 2)
    throw new InputError(`\`draws\` must be an integer ≥ 2; got ${show(draws)}`);
  if (!Number.isInteger(observations) || observations < 1) {
    throw new InputError(`\`observations\` must be an integer ≥ 1; got ${show(observations)}`);
  }
  if (logLik.length !== draws * observations) {
    throw new InputError(
      `\`logLik\` must have draws × observations = ${draws * observations} entries; got ${logLik.length}`,
    );
  }
  for (let j = 0; j < logLik.length; j++) {
    const v = logLik[j]!;
    if (!Number.isFinite(v)) {
      const at = `draw ${Math.floor(j / observations)}, observation ${j % observations}`;
      throw new InputError(`\`logLik\` must be finite; got ${show(v)} at ${at}`);
    }
  }
  const given = options.logDrawWeights;
  if (given === undefined) return new Float64Array(draws).fill(-Math.log(draws));
  if (given.length !== draws) {
    throw new InputError(`\`logDrawWeights\` must have one entry per draw (${draws}); got ${given.length}`);
  }
  for (let s = 0; s < draws; s++) {
    const v = given[s]!;
    if (Number.isNaN(v) || v === Infinity) {
      throw new InputError(`\`logDrawWeights\` must be finite or −∞; got ${show(v)} at draw ${s}`);
    }
  }
  if (logSumExp(given) === -Infinity) {
    throw new InputError('`logDrawWeights` must have at least one finite entry; got −∞ everywhere');
  }
  return normalizeLogWeights(given);
}

// [Σ_i x_i, √N·sd(x)] with the sd's divisor N − 1 (0 for N = 1).
function sumAndSe(x: Float64Array): [number, number] {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i]!;
  if (n < 2) return [sum, 0];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
  return [sum, Math.sqrt((n * ss) / (n - 1))];
}
