import type { Problem } from './problem';

/**
 * How θ holds the media coefficients, one coordinate v_c per channel:
 *
 * - `coefficient`: v_c = η_c = log β_c, θ's own scale (what the MAP fit, the summaries and the draws use).
 * - `contribution`: softplus(v_c) = β_c S_c(u), the channel's contribution over the window in units of
 *   the outcome's mean (S_c = Σ_window z_c(u), its column's sum), so η_c = log softplus(v_c) − log S_c(u).
 *
 * Both carry the same posterior (the density on the contribution scale has the map's log-Jacobian
 * added: log ∂η_c/∂v_c, the map being triangular in (u, v)); they differ in the sampler's path only.
 * On the contribution scale the curve parameters do not trade off against β along a curved ridge of
 * constant contribution (the data and the spend-share prior pin the contribution, not β), and the
 * softplus keeps the likelihood's curvature in v_c near constant, where on a log scale it grows as
 * the contribution squared.
 */
export type MediaScale = 'coefficient' | 'contribution';

/** Per channel [C]: η_c, ∂η_c/∂v_c, the log-Jacobian log ∂η_c/∂v_c and its derivative in v_c. */
export interface MediaCoordinates {
  eta: Float64Array;
  slope: Float64Array;
  logJacobian: Float64Array;
  jacobianSlope: Float64Array;
}

/** log softplus(v) = log log(1 + e^v), without underflow for very negative v. */
function logSoftplus(v: number): number {
  if (v < -30) return v;
  return Math.log(v > 30 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)));
}

/** The inverse of softplus at m > 0: log(e^m − 1). */
function softplusInverse(m: number): number {
  return m > 30 ? m + Math.log1p(-Math.exp(-m)) : Math.log(Math.expm1(m));
}

/**
 * Fills entry c of `out` from channel c's coordinate v on `scale` and its column sum S:
 * coefficient: η = v, slope 1, no Jacobian; contribution: η = log softplus(v) − log S,
 * ∂η/∂v = sigmoid(v)/softplus(v), log-Jacobian log sigmoid(v) − log softplus(v).
 * @returns false when η is not defined (S ≤ 0 on the contribution scale)
 */
export function mediaCoordinate(scale: MediaScale, v: number, sum: number, c: number, out: MediaCoordinates): boolean {
  if (scale === 'coefficient') {
    out.eta[c] = v;
    out.slope[c] = 1;
    out.logJacobian[c] = 0;
    out.jacobianSlope[c] = 0;
    return true;
  }
  if (!(sum > 0)) return false;
  const logSp = logSoftplus(v);
  const sp = Math.exp(logSp);
  const sg = 1 / (1 + Math.exp(-v));
  out.eta[c] = logSp - Math.log(sum);
  out.slope[c] = sg / sp;
  out.logJacobian[c] = Math.log(sg) - logSp;
  out.jacobianSlope[c] = 1 - sg - sg / sp;
  return true;
}

/** Buffers for {@link mediaCoordinate}, for C channels. */
export function mediaCoordinates(C: number): MediaCoordinates {
  const v = () => new Float64Array(C);
  return { eta: v(), slope: v(), logJacobian: v(), jacobianSlope: v() };
}

/**
 * θ with its media coordinates moved from scale `from` to `to` (into `out`, which may be θ itself);
 * u, b and log σ are kept.
 * @param theta [thetaSize(p)] on the scale `from`
 * @param sums each media column's sum over the window at θ's curve parameters [C] (`columnSumsAt`)
 * @example changeMediaScale(p, theta, 'coefficient', 'contribution', columnSumsAt(p, theta), out)
 */
export function changeMediaScale(
  p: Problem,
  theta: ArrayLike<number>,
  from: MediaScale,
  to: MediaScale,
  sums: readonly number[],
  out: Float64Array,
): Float64Array {
  for (let k = 0; k < out.length; k++) out[k] = theta[k]!;
  if (from === to) return out;
  const at = p.nU + p.nBase;
  for (let c = 0; c < sums.length; c++) {
    const v = out[at + c]!;
    const logS = Math.log(sums[c]!);
    out[at + c] = from === 'coefficient' ? softplusInverse(Math.exp(v + logS)) : logSoftplus(v) - logS;
  }
  return out;
}
