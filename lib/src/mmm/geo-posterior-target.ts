import type { LogDensityTarget } from '../math/nuts';
import { geoDensity, geoLogDensity, type GeoDensity, type GeoDensityLayout } from './geo-density';
import { geoProblem, type GeoProblem } from './geo-problem';
import { buildProblem } from './problem';
import type { MmmData, ResolvedConfig } from './spec';
import type { WindowIndex } from './window';

/**
 * Everything a sampler's worker thread needs to rebuild the geo-level posterior: each geo's data, the
 * resolved config and window (so `buildProblem` gives the same problems), the centres' prior scales the
 * MAP fit settled on, and the preconditioner. Structured-cloneable.
 */
export interface GeoTargetData {
  byGeo: MmmData[];
  config: ResolvedConfig;
  window: WindowIndex;
  pool: number;
  spendShareSd: number | null;
  roiPriors: GeoProblem['roiPriors'];
  /** Each geo's ROI's centring a_{g,c} [G·C] (see {@link geoDensity}). */
  centring: Float64Array;
  /** The mode on φ's scale and the lower Cholesky factor L of the negative Hessian there, [dim × dim]. */
  mode: Float64Array;
  chol: Float64Array;
}

/** The geo problem a target's data stand for, with the MAP fit's prior scales. */
export function geoTargetProblem(d: Omit<GeoTargetData, 'mode' | 'chol' | 'centring'>): GeoProblem {
  const problems = d.byGeo.map((x) => buildProblem(x, d.config, d.window));
  const q = geoProblem(problems, 1, d.spendShareSd, d.roiPriors);
  q.pool = d.pool;
  return q;
}

/**
 * The first index of row i's nonzeros in L (the Cholesky factor of a negative Hessian laid out as φ):
 * a geo's block couples only to itself and the shared parameters, so the factor of the block-arrow
 * matrix keeps its zeros (no fill-in) and row i of a geo's block starts at that block.
 */
function rowStart(l: GeoDensityLayout, i: number): number {
  return i < l.shared ? i - (i % l.local) : 0;
}

/** One past the last index of row i's block (i's nonzeros below the diagonal in column i run to there, then the shared ones). */
function blockEnd(l: GeoDensityLayout, i: number): number {
  return i < l.shared ? i - (i % l.local) + l.local : l.dim;
}

/** φ = mode + L⁻ᵀζ (into `out`), skipping the factor's zero blocks: O(G·P·(P + S) + S²). */
export function phiOfZeta(
  l: GeoDensityLayout,
  mode: Float64Array,
  chol: Float64Array,
  zeta: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const n = l.dim;
  // out holds y = L⁻ᵀζ first, then mode is added.
  for (let i = n - 1; i >= 0; i--) {
    let v = zeta[i]!;
    const end = blockEnd(l, i);
    for (let k = i + 1; k < end; k++) v -= chol[k * n + i]! * out[k]!;
    if (i < l.shared) for (let k = l.shared; k < n; k++) v -= chol[k * n + i]! * out[k]!;
    out[i] = v / chol[i * n + i]!;
  }
  for (let i = 0; i < n; i++) out[i] = out[i]! + mode[i]!;
  return out;
}

/** ∇ζ = L⁻¹∇φ in place (forward substitution over the factor's nonzeros). */
function whitenGradient(l: GeoDensityLayout, chol: Float64Array, grad: Float64Array): void {
  const n = l.dim;
  for (let i = 0; i < n; i++) {
    let v = grad[i]!;
    for (let k = rowStart(l, i); k < i; k++) v -= chol[i * n + k]! * grad[k]!;
    grad[i] = v / chol[i * n + i]!;
  }
}

/**
 * The geo-level log posterior on the whitened scale ζ, φ = mode + L⁻ᵀζ with LLᵀ the negative Hessian at
 * the mode (the Jacobian of this linear map is a constant): near the mode a standard normal, so NUTS
 * starts from a unit metric.
 *
 * Loaded by the sampler's worker threads as `require(this file)[geoPosteriorTarget](data)`.
 */
export function geoPosteriorTarget(data: GeoTargetData): LogDensityTarget {
  return whitenedTarget(geoDensity(geoTargetProblem(data), data.centring), data.mode, data.chol);
}

/** {@link geoPosteriorTarget} over a density already built. */
export function whitenedTarget(d: GeoDensity, mode: Float64Array, chol: Float64Array): LogDensityTarget {
  const l = d.layout;
  const phi = new Float64Array(l.dim);
  return {
    dim: l.dim,
    logDensityGradient(zeta, grad) {
      phiOfZeta(l, mode, chol, zeta, phi);
      const lp = geoLogDensity(d, phi, grad);
      whitenGradient(l, chol, grad);
      return lp;
    },
  };
}
