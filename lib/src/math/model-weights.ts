// Weights for combining the predictions of K models from their pointwise LOO predictive densities:
// Yao, Vehtari, Simpson & Gelman, "Using stacking to average Bayesian predictive distributions",
// Bayesian Analysis 13(3) (2018).
import { InputError, show } from '../errors';
import { seededRandom } from './random';

/** How near the stacking objective must be to its maximum, in nats summed over observations. */
const STACKING_GAP = 1e-9;
const STACKING_MAX_ITERATIONS = 100_000;

/**
 * Stacking weights: the w on the simplex that maximize Σ_i log Σ_k w_k·exp(elpd_ik), the LOO log
 * score of the mixture of the models' predictive distributions.
 *
 * The objective is concave; it is maximized by the fixed-point (EM) iteration for mixture weights,
 * w_k ← w_k·g_k/N with g_k = Σ_i e_ik / Σ_j w_j·e_ij, which stays on the simplex and never lowers the
 * objective. It stops when the concavity bound on the remaining gain, N·(max_k g_k/N − 1), is below
 * 1e-9 (or after 100 000 steps). Two identical models keep ½ each; a dominated model goes to 0.
 *
 * @param elpdPointwise per model k, elpd_loo_i of shape [N] (e.g. `psisLoo(...).pointwise.elpdLoo`)
 * @returns w of shape [K], w_k ≥ 0, Σ_k w_k = 1
 * @throws InputError when there is no model, the lengths differ or a value is not finite
 * @example stackingWeights([looA.pointwise.elpdLoo, looB.pointwise.elpdLoo]) // Float64Array [0.8, 0.2]
 */
export function stackingWeights(elpdPointwise: Float64Array[]): Float64Array {
  const n = checkModels(elpdPointwise);
  const models = elpdPointwise.length;
  // e_ik = exp(elpd_ik − max_k elpd_ik): the objective changes by a constant only.
  const e = new Float64Array(n * models);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < models; k++) max = Math.max(max, elpdPointwise[k]![i]!);
    for (let k = 0; k < models; k++) e[i * models + k] = Math.exp(elpdPointwise[k]![i]! - max);
  }
  const w = new Float64Array(models).fill(1 / models);
  const g = new Float64Array(models);
  for (let step = 0; step < STACKING_MAX_ITERATIONS; step++) {
    g.fill(0);
    for (let i = 0; i < n; i++) {
      let mix = 0;
      for (let k = 0; k < models; k++) mix += w[k]! * e[i * models + k]!;
      for (let k = 0; k < models; k++) g[k] = g[k]! + e[i * models + k]! / mix;
    }
    let gMax = 0;
    for (let k = 0; k < models; k++) gMax = Math.max(gMax, g[k]!);
    if (gMax - n < STACKING_GAP) break;
    let total = 0;
    for (let k = 0; k < models; k++) total += w[k] = (w[k]! * g[k]!) / n;
    // Σ_k w_k·g_k = N exactly; renormalizing only removes rounding.
    for (let k = 0; k < models; k++) w[k] = w[k]! / total;
  }
  return w;
}

/**
 * Pseudo-BMA weights: w_k ∝ exp(elpd_k) with elpd_k = Σ_i elpd_ik (Akaike-type weights on the LOO
 * scale; they ignore the uncertainty of elpd_k, see {@link pseudoBmaPlusWeights}).
 *
 * @param elpdPointwise per model k, elpd_loo_i of shape [N]
 * @returns w of shape [K], summing to 1
 * @throws InputError when there is no model, the lengths differ or a value is not finite
 * @example pseudoBmaWeights([a, b]) // [0.75, 0.25] when Σ a − Σ b = log 3
 */
export function pseudoBmaWeights(elpdPointwise: Float64Array[]): Float64Array {
  const n = checkModels(elpdPointwise);
  const alpha = new Float64Array(n).fill(1 / n);
  return softmaxOfWeightedSums(elpdPointwise, alpha, new Float64Array(elpdPointwise.length));
}

/** Options of {@link pseudoBmaPlusWeights}. */
export interface PseudoBmaPlusOptions {
  /** B, the number of Bayesian bootstrap replicates (Yao et al. use 1000). */
  replicates: number;
  /** Seed of the replicates' random numbers. */
  seed: number;
}

/**
 * Pseudo-BMA+ weights: pseudo-BMA weights averaged over B Bayesian bootstrap replicates of the
 * observations, w_k = (1/B)·Σ_b softmax_k(N·Σ_i α_bi·elpd_ik) with α_b ~ Dirichlet(1, …, 1). They
 * are less extreme than {@link pseudoBmaWeights} when the elpd difference is uncertain.
 *
 * @param elpdPointwise per model k, elpd_loo_i of shape [N]
 * @returns w of shape [K], summing to 1
 * @throws InputError when there is no model, the lengths differ, a value is not finite or B < 1
 */
export function pseudoBmaPlusWeights(elpdPointwise: Float64Array[], options: PseudoBmaPlusOptions): Float64Array {
  const n = checkModels(elpdPointwise);
  const { replicates, seed } = options;
  if (!Number.isInteger(replicates) || replicates < 1) {
    throw new InputError(`\`replicates\` must be an integer ≥ 1; got ${show(replicates)}`);
  }
  const rand = seededRandom(seed);
  const models = elpdPointwise.length;
  const alpha = new Float64Array(n);
  const replicate = new Float64Array(models);
  const w = new Float64Array(models);
  for (let b = 0; b < replicates; b++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += alpha[i] = -Math.log(1 - rand());
    for (let i = 0; i < n; i++) alpha[i] = alpha[i]! / total;
    softmaxOfWeightedSums(elpdPointwise, alpha, replicate);
    for (let k = 0; k < models; k++) w[k] = w[k]! + replicate[k]! / replicates;
  }
  return w;
}

// out_k = softmax_k(N·Σ_i α_i·elpd_ik), with α summing to 1.
function softmaxOfWeightedSums(elpdPointwise: Float64Array[], alpha: Float64Array, out: Float64Array): Float64Array {
  const n = alpha.length;
  let max = -Infinity;
  for (let k = 0; k < elpdPointwise.length; k++) {
    let z = 0;
    for (let i = 0; i < n; i++) z += alpha[i]! * elpdPointwise[k]![i]!;
    out[k] = n * z;
    max = Math.max(max, out[k]!);
  }
  let total = 0;
  for (let k = 0; k < out.length; k++) total += out[k] = Math.exp(out[k]! - max);
  for (let k = 0; k < out.length; k++) out[k] = out[k]! / total;
  return out;
}

// Checks K ≥ 1 models of equal length N ≥ 1 with finite values; returns N.
function checkModels(elpdPointwise: Float64Array[]): number {
  if (elpdPointwise.length === 0) throw new InputError('`elpdPointwise` must hold at least one model; got 0');
  const n = elpdPointwise[0]!.length;
  if (n === 0) throw new InputError('`elpdPointwise` must hold at least one observation per model; got 0');
  elpdPointwise.forEach((model, k) => {
    if (model.length !== n) {
      throw new InputError(`\`elpdPointwise[${k}]\` must have ${n} observations like model 0; got ${model.length}`);
    }
    model.forEach((v, i) => {
      if (!Number.isFinite(v)) throw new InputError(`\`elpdPointwise[${k}][${i}]\` must be finite; got ${show(v)}`);
    });
  });
  return n;
}
