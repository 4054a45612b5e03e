import { cholesky, choleskyWithRidge } from '../math/linalg';
import { lbfgsMaximize } from '../math/lbfgs';
import { psis, psisDiagnosis } from '../math/psis';
import { normal, seededRandom } from '../math/random';
import { logPosterior, thetaSize } from './density';
import type { MediaScale } from './media-scale';
import type { Problem } from './problem';

/** Draws of θ (the density's unconstrained vector) with their normalized log weights. */
export interface WeightedDraws {
  dim: number;
  /** Row-major [draws × dim]. */
  theta: Float64Array;
  /** Normalized log weights, [draws]; all equal for MCMC draws. */
  logWeights: Float64Array;
}

/** The importance-sampling posterior and how far to trust it. */
export interface ImportancePosterior extends WeightedDraws {
  /** Pareto k̂ of the weights: below the threshold, the weighted draws are the posterior's. */
  khat: number;
  /** The threshold k̂ is held to at this many draws (0.7 from about 2,200 draws). */
  khatThreshold: number;
  reliable: boolean;
  /** Effective sample size of the weights. */
  ess: number;
  /** The mode on θ's scale and the proposal's Cholesky factor of the precision (lower, [dim × dim]). */
  mode: Float64Array;
  precisionCholesky: Float64Array;
}

/** Options of {@link importancePosterior}. */
export interface ImportanceOptions {
  /** Proposal draws (default 4000: the k̂ threshold is 0.7 from about 2,200 on). */
  draws?: number;
  seed?: number;
  /** Degrees of freedom of the Student-t proposal (default 5): heavier tails than the posterior's keep the ratios bounded. */
  df?: number;
}

/**
 * The negative Hessian of the log posterior at θ (media coefficients on `scale`) by central
 * differences of its exact gradient, symmetrized.
 */
export function negativeHessian(p: Problem, theta: Float64Array, scale: MediaScale = 'coefficient'): Float64Array {
  const n = theta.length;
  const h = new Float64Array(n * n);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const step = 1e-5 * Math.max(1, Math.abs(theta[j]!));
    const a = theta.slice();
    const b = theta.slice();
    a[j] = a[j]! + step;
    b[j] = b[j]! - step;
    logPosterior(p, a, up, scale);
    logPosterior(p, b, down, scale);
    for (let i = 0; i < n; i++) h[i * n + j] = -(up[i]! - down[i]!) / (2 * step);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (h[i * n + j]! + h[j * n + i]!);
      h[i * n + j] = v;
      h[j * n + i] = v;
    }
  }
  return h;
}

/**
 * The posterior's mode on a media scale (L-BFGS from `start`) and the lower Cholesky factor of the
 * negative Hessian there: the Laplace approximation the importance sampler draws from and NUTS whitens by.
 */
export function laplaceAtMode(
  p: Problem,
  start: Float64Array,
  scale: MediaScale = 'coefficient',
): { mode: Float64Array; chol: Float64Array } {
  const objective = (x: Float64Array, g: Float64Array) => logPosterior(p, x, g, scale);
  const mode = lbfgsMaximize(objective, start, { tolerance: 1e-5, maxIterations: 400 }).x;
  const h = negativeHessian(p, mode, scale);
  return { mode, chol: cholesky(h, mode.length) ?? choleskyWithRidge(h, mode.length) };
}

/**
 * The full posterior by importance sampling (Laplace plus Pareto-smoothed importance sampling): the
 * mode of the log posterior on θ's scale from `start` (L-BFGS), a Student-t proposal centred there
 * with the inverse negative Hessian as scale, and PSIS weights with their k̂. When k̂ is above the
 * threshold the weighted draws do not represent the posterior (`reliable` false), and a sampler must
 * take over.
 *
 * @param start a point near the mode, e.g. the MAP fit's on θ's scale (`toTheta`)
 */
export function importancePosterior(
  p: Problem,
  start: Float64Array,
  options: ImportanceOptions = {},
): ImportancePosterior {
  const S = options.draws ?? 4000;
  const df = options.df ?? 5;
  const dim = thetaSize(p);
  const { mode, chol: l } = laplaceAtMode(p, start);
  const rand = seededRandom(options.seed ?? 1);
  const theta = new Float64Array(S * dim);
  const logRatios = new Float64Array(S);
  const z = new Float64Array(dim);
  for (let s = 0; s < S; s++) {
    let zz = 0;
    for (let k = 0; k < dim; k++) {
      z[k] = normal(rand);
      zz += z[k]! * z[k]!;
    }
    // t draw: z / sqrt(χ²_df / df); its log density up to a constant in ‖w‖² with w = Lᵀ(θ − mode).
    let chi = 0;
    for (let k = 0; k < df; k++) chi += normal(rand) ** 2;
    const scale = Math.sqrt(df / chi);
    const row = theta.subarray(s * dim, (s + 1) * dim);
    // θ − mode = L⁻ᵀ w, w = scale · z: back-substitution on Lᵀ.
    for (let i = dim - 1; i >= 0; i--) {
      let v = scale * z[i]!;
      for (let k = i + 1; k < dim; k++) v -= l[k * dim + i]! * row[k]!;
      row[i] = v / l[i * dim + i]!;
    }
    for (let k = 0; k < dim; k++) row[k] = row[k]! + mode[k]!;
    const logQ = (-(df + dim) / 2) * Math.log(1 + (scale * scale * zz) / df);
    const lp = logPosterior(p, row);
    logRatios[s] = Number.isFinite(lp) ? lp - logQ : -Infinity;
  }
  const w = psis(logRatios);
  const diagnosis = psisDiagnosis(w.khat, S);
  return {
    dim,
    theta,
    logWeights: w.logWeights,
    khat: w.khat,
    khatThreshold: diagnosis.threshold,
    reliable: diagnosis.reliable,
    ess: w.ess,
    mode,
    precisionCholesky: l,
  };
}
