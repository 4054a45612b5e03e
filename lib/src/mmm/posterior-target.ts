import type { LogDensityTarget } from '../math/nuts';
import { logPosterior } from './density';
import type { MediaScale } from './media-scale';
import { buildProblem, type Problem } from './problem';
import type { MmmData, ResolvedConfig } from './spec';
import type { WindowIndex } from './window';

/**
 * Everything a sampler's worker thread needs to rebuild the posterior a fit sampled: the data, the
 * resolved config and window (so `buildProblem` gives the same problem), the hyperparameters the MAP
 * fit settled on, and the preconditioner. Structured-cloneable.
 */
export interface PosteriorTargetData {
  data: MmmData;
  config: ResolvedConfig;
  window: WindowIndex;
  sigma: number;
  poolRoi: number;
  anchorRoi: number | null;
  silent: boolean[];
  /** The knots' random-walk step sd and the spend-share prior's sd, when the fit chose them from the data. */
  knotStep: number;
  spendShareSd: number | null;
  /** The media coordinates the sampler moves on (θ's scale below is theirs). */
  scale: MediaScale;
  /** The mode on θ's scale and the lower Cholesky factor L of the negative Hessian there, [dim × dim]. */
  mode: Float64Array;
  chol: Float64Array;
}

/** The problem a target's data stand for, with the MAP fit's hyperparameters. */
export function targetProblem(d: PosteriorTargetData): Problem {
  const p = buildProblem(d.data, d.config, d.window);
  p.sigma = d.sigma;
  p.poolRoi = d.poolRoi;
  p.anchorRoi = d.anchorRoi;
  p.silent = d.silent.slice();
  p.knotStep = d.knotStep;
  p.spendShareSd = d.spendShareSd;
  return p;
}

/** θ = mode + L⁻ᵀζ: a point of the sampler's whitened scale back on θ's (into `out`). */
export function thetaOfZeta(
  mode: Float64Array,
  chol: Float64Array,
  zeta: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const n = mode.length;
  for (let i = n - 1; i >= 0; i--) {
    let v = zeta[i]!;
    for (let k = i + 1; k < n; k++) v -= chol[k * n + i]! * (out[k]! - mode[k]!);
    out[i] = mode[i]! + v / chol[i * n + i]!;
  }
  return out;
}

/**
 * The log posterior on the whitened scale ζ, θ = mode + L⁻ᵀζ with LLᵀ the negative Hessian at the
 * mode: near the mode the posterior is close to a standard normal in ζ, so NUTS takes few, long steps
 * with a unit mass matrix to start from (the Jacobian of this linear map is a constant). The
 * gradient is ∇ζ = L⁻¹∇θ.
 *
 * Loaded by the sampler's worker threads as `require(this file)[posteriorTarget](data)`.
 */
export function posteriorTarget(d: PosteriorTargetData): LogDensityTarget {
  const p = targetProblem(d);
  const n = d.mode.length;
  const theta = new Float64Array(n);
  const g = new Float64Array(n);
  return {
    dim: n,
    logDensityGradient(zeta, grad) {
      thetaOfZeta(d.mode, d.chol, zeta, theta);
      const lp = logPosterior(p, theta, g, d.scale);
      for (let i = 0; i < n; i++) {
        let v = g[i]!;
        for (let k = 0; k < i; k++) v -= d.chol[i * n + k]! * grad[k]!;
        grad[i] = v / d.chol[i * n + i]!;
      }
      return lp;
    },
  };
}
