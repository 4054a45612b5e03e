// Pareto smoothed importance sampling (PSIS): Vehtari, Simpson, Gelman, Yao & Gabry, "Pareto smoothed
// importance sampling", JMLR 25 (2024), arXiv:1507.02646. The largest importance ratios are replaced by
// the expected order statistics of a generalized Pareto distribution fitted to them, which lowers the
// variance of the estimates; the fitted shape k̂ says whether the estimates can be trusted.
import { InputError, show } from '../errors';
import { gpdFit, gpdQuantile, shrinkShape } from './gpd';
import { normalizeLogWeights } from './log-sum-exp';

/** The result of {@link psis}. */
export interface PsisResult {
  /** Smoothed, normalized log weights of shape [S]: Σ_s exp(logWeights_s) = 1. */
  logWeights: Float64Array;
  /**
   * The estimated Pareto shape of the ratios' upper tail (with the prior of {@link shrinkShape}).
   * −∞ when the tail is flat (all M largest ratios equal: nothing to smooth, the weights are bounded);
   * +∞ when it cannot be estimated (fewer than 5 tail draws, S < 21): treat as unreliable.
   */
  khat: number;
  /** M, the number of largest ratios fitted and replaced. */
  tailLength: number;
  /** The effective sample size of the smoothed weights, 1 / Σ_s w_s² (draws taken as independent). */
  ess: number;
}

/** The least tail length for which a Pareto fit is attempted (as in R `loo`). */
const MIN_TAIL = 5;

/**
 * The PSIS tail length for S independent draws: M = ⌈min(0.2·S, 3·√S)⌉.
 *
 * @example psisTailLength(4000) // 190
 */
export function psisTailLength(draws: number): number {
  return Math.ceil(Math.min(0.2 * draws, 3 * Math.sqrt(draws)));
}

/**
 * Pareto smoothed importance weights from log importance ratios r_s = log p(θ_s) − log q(θ_s) of
 * draws θ_s ~ q (p and q may be unnormalized: a constant shift of r changes nothing).
 *
 * With M = {@link psisTailLength}(S) and u the (S − M)-th smallest ratio, a generalized Pareto
 * distribution is fitted ({@link gpdFit}, shape shrunk by {@link shrinkShape}) to the exceedances
 * exp(r) − exp(u) of the M largest ratios; these are replaced, in their order, by the fitted
 * quantiles at (j − ½)/M plus exp(u), every weight is truncated at the largest raw ratio, and the
 * weights are normalized. All arithmetic is relative to max_s r_s, so ratios near ±1000 are safe.
 * The draws are taken as independent (Laplace or other direct draws); MCMC draws would need a
 * longer tail (M from S / r_eff).
 *
 * @param logRatios log importance ratios of shape [S]; −∞ (a draw outside p's support) is allowed
 * @returns weights of shape [S], k̂, M and the effective sample size
 * @throws InputError when `logRatios` is empty, holds NaN or +∞, or is −∞ everywhere
 * @example
 * const r = Float64Array.from(draws, (x) => logTarget(x) - logProposal(x));
 * const { logWeights, khat } = psis(r);
 * if (psisDiagnosis(khat, r.length).reliable) mean = weightedMean(draws, logWeights);
 */
export function psis(logRatios: Float64Array): PsisResult {
  checkLogRatios(logRatios);
  const draws = logRatios.length;
  let max = -Infinity;
  for (let s = 0; s < draws; s++) if (logRatios[s]! > max) max = logRatios[s]!;
  const lw = Float64Array.from(logRatios, (r) => r - max);
  const tailLength = psisTailLength(draws);
  const khat = lw.every((v) => v === 0) ? -Infinity : tailLength < MIN_TAIL ? Infinity : smoothTail(lw, tailLength);
  for (let s = 0; s < draws; s++) if (lw[s]! > 0) lw[s] = 0;
  normalizeLogWeights(lw, lw);
  let sumSq = 0;
  for (let s = 0; s < draws; s++) sumSq += Math.exp(2 * lw[s]!);
  return { logWeights: lw, khat, tailLength, ess: 1 / sumSq };
}

// Replaces the `tail` largest entries of lw (whose maximum is 0) in place; returns k̂.
function smoothTail(lw: Float64Array, tail: number): number {
  const draws = lw.length;
  const order = Uint32Array.from({ length: draws }, (_, s) => s).sort((a, b) => lw[a]! - lw[b]!);
  const first = draws - tail;
  if (lw[order[first]!] === 0) return -Infinity;
  const threshold = Math.exp(lw[order[first - 1]!]!);
  const exceedances = new Float64Array(tail);
  for (let j = 0; j < tail; j++) exceedances[j] = Math.exp(lw[order[first + j]!]!) - threshold;
  const fit = gpdFit(exceedances);
  // As in `loo`: σ from the plain fit, the quantiles with the shrunk shape.
  const k = shrinkShape(fit.k, tail);
  if (!Number.isFinite(k) || !(fit.sigma > 0)) return Infinity;
  for (let j = 0; j < tail; j++) {
    lw[order[first + j]!] = Math.log(gpdQuantile((j + 0.5) / tail, k, fit.sigma) + threshold);
  }
  return k;
}

function checkLogRatios(logRatios: Float64Array): void {
  if (logRatios.length === 0) throw new InputError('`logRatios` must hold at least one draw; got 0');
  let anyFinite = false;
  for (let s = 0; s < logRatios.length; s++) {
    const r = logRatios[s]!;
    if (Number.isNaN(r) || r === Infinity) {
      throw new InputError(`\`logRatios\` must be finite or −∞; got ${show(r)} at draw ${s}`);
    }
    if (r !== -Infinity) anyFinite = true;
  }
  if (!anyFinite) throw new InputError('`logRatios` must have at least one finite entry; got −∞ everywhere');
}

/**
 * The largest k̂ for which PSIS estimates from S draws are reliable: min(1 − 1/log10(S), 0.7).
 *
 * @example psisThreshold(100) // 0.5
 */
export function psisThreshold(draws: number): number {
  return Math.min(1 - 1 / Math.log10(draws), 0.7);
}

/** The verdict of {@link psisDiagnosis}. */
export interface PsisDiagnosis {
  /** k̂ ≤ threshold: the PSIS estimates have small error with high probability. */
  reliable: boolean;
  /** min(1 − 1/log10(S), 0.7): 0.5 at S = 100, 0.67 at S = 1000, 0.7 from S ≈ 2200 on. */
  threshold: number;
  /** In words: `reliable`, or `unreliable: k̂ = 0.82 > 0.70; …` with what would help. */
  status: string;
}

/**
 * Whether PSIS estimates from S draws with Pareto shape k̂ are reliable, by the sample size dependent
 * threshold of Vehtari et al. (2024), min(1 − 1/log10(S), 0.7). Below 0.7 more draws help: about
 * 10^(1/(1 − k̂)) make it reliable. From 0.7 on the bias dominates and more draws do not help; from
 * 1 on the ratios have no finite mean.
 *
 * @param khat the Pareto shape estimate from {@link psis}
 * @param draws S, the number of draws
 * @example psisDiagnosis(0.8, 4000).status // 'unreliable: k̂ = 0.80 > 0.70; more draws will not help …'
 */
export function psisDiagnosis(khat: number, draws: number): PsisDiagnosis {
  const threshold = psisThreshold(draws);
  if (khat <= threshold) return { reliable: true, threshold, status: 'reliable' };
  const head = `unreliable: k̂ = ${khat === Infinity ? '∞' : khat.toFixed(2)} > ${threshold.toFixed(2)}`;
  let advice: string;
  if (khat === Infinity) advice = `the tail could not be fitted from S = ${draws} draws`;
  else if (khat >= 1) advice = 'the importance ratios have no finite mean; use a better proposal or MCMC';
  else if (khat >= 0.7) advice = "more draws will not help, the proposal's tails are too thin; use MCMC";
  else advice = `about ${Math.ceil(10 ** (1 / (1 - khat)))} draws would make it reliable (S = ${draws})`;
  return { reliable: false, threshold, status: `${head}; ${advice}` };
}
