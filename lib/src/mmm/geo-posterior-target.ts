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
  /** Each geo's base integrated out of φ (see {@link geoDensity}) rather than sampled. */
  marginalBase: boolean;
  /** Each geo's base and ROIs integrated out, under a Gaussian ROI prior (see {@link geoDensity}). */
  marginalRoi: boolean;
  /** The mode on φ's scale and the lower Cholesky factor L of the negative Hessian there, [dim × dim]. */
  mode: Float64Array;
  chol: Float64Array;
  /**
   * A second whitening on top, from the first part of the warm-up: ζ = shift + F ζ′ with F the lower
   * Cholesky factor [dim × dim] of the covariance of the draws there (a dense metric); null before it.
   */
  metric: DenseMetric | null;
}

/** ζ = shift + F ζ′: a dense metric's affine map, F lower triangular row-major [dim × dim]. */
export interface DenseMetric {
  shift: Float64Array;
  factor: Float64Array;
}

/** ζ = shift + F ζ′ (into `out`). */
export function zetaOfMetric(m: DenseMetric, zp: ArrayLike<number>, out: Float64Array): Float64Array {
  const n = m.shift.length;
  const f = m.factor;
  for (let i = 0; i < n; i++) {
    let v = m.shift[i]!;
    for (let k = 0; k <= i; k++) v += f[i * n + k]! * zp[k]!;
    out[i] = v;
  }
  return out;
}

/** The geo problem a target's data stand for, with the MAP fit's prior scales. */
export function geoTargetProblem(
  d: Omit<GeoTargetData, 'mode' | 'chol' | 'centring' | 'marginalBase' | 'marginalRoi' | 'metric'>,
): GeoProblem {
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
  const d = geoDensity(geoTargetProblem(data), data.centring, data.marginalBase, data.marginalRoi);
  return whitenedTarget(d, data.mode, data.chol, data.metric);
}

/**
 * {@link geoPosteriorTarget} over a density already built; with a dense metric, on ζ′ (ζ = shift + Fζ′,
 * ∇ζ′ = Fᵀ∇ζ: O(dim²) more a gradient).
 */
export function whitenedTarget(
  d: GeoDensity,
  mode: Float64Array,
  chol: Float64Array,
  metric: DenseMetric | null = null,
): LogDensityTarget {
  const l = d.layout;
  const n = l.dim;
  const phi = new Float64Array(n);
  const zeta = new Float64Array(n);
  const g = new Float64Array(n);
  return {
    dim: n,
    logDensityGradient(z, grad) {
      if (!metric) {
        phiOfZeta(l, mode, chol, z, phi);
        const lp = geoLogDensity(d, phi, grad);
        whitenGradient(l, chol, grad);
        return lp;
      }
      phiOfZeta(l, mode, chol, zetaOfMetric(metric, z, zeta), phi);
      const lp = geoLogDensity(d, phi, g);
      whitenGradient(l, chol, g);
      const f = metric.factor;
      grad.fill(0);
      for (let i = 0; i < n; i++) {
        const gi = g[i]!;
        for (let k = 0; k <= i; k++) grad[k] = grad[k]! + f[i * n + k]! * gi;
      }
      return lp;
    },
  };
}
