import { mediaColumn } from './params';
import { priorRows, type PriorRow, type Problem } from './problem';

/**
 * The MMM's log posterior on an unconstrained vector, for samplers:
 *
 *   θ = [u (curve parameters, nU) | b (base coefficients, B) | η = log β (media coefficients, C) | log σ]
 *
 * y_t ~ N(base_t·b + Σ_c β_c z_c,t(u), σ²) in scaled units (outcome over its window mean); the priors
 * are the fit's own (every linear prior row of `priorRows` as a Gaussian on β, the curve priors on u,
 * a half-normal on β through its weak row), σ ~ half-normal(1), plus the Jacobians of β = e^η and
 * σ = e^(log σ). The spend-share scale and anchor are the problem's (set by the MAP fit), as empirical
 * Bayes would fix them. β > 0 on this scale: a channel's coefficient is never exactly 0, its posterior
 * mean is where the data and the half-normal put it.
 */

/** The size of θ for a problem. */
export function thetaSize(p: Problem): number {
  return p.nU + p.nBase + p.channels.length + 1;
}

/** The natural parameters a θ stands for. */
export interface ThetaParts {
  u: Float64Array;
  /** β = [base..., media...] as in the MAP fit. */
  beta: Float64Array;
  sigma: number;
}

/** Splits θ into curve parameters, the full β (media on the natural scale) and σ. */
export function fromTheta(p: Problem, theta: ArrayLike<number>): ThetaParts {
  const B = p.nBase;
  const C = p.channels.length;
  const u = Float64Array.from({ length: p.nU }, (_, k) => theta[k]!);
  const beta = new Float64Array(B + C);
  for (let j = 0; j < B; j++) beta[j] = theta[p.nU + j]!;
  for (let c = 0; c < C; c++) beta[B + c] = Math.exp(theta[p.nU + B + c]!);
  return { u, beta, sigma: Math.exp(theta[p.nU + B + C]!) };
}

/**
 * θ at a point of the MAP fit. A media coefficient at its bound 0 starts at `floor` (a small share of
 * the largest), since log 0 is not a point of θ.
 */
export function toTheta(p: Problem, u: ArrayLike<number>, beta: ArrayLike<number>, sigma: number): Float64Array {
  const B = p.nBase;
  const C = p.channels.length;
  const theta = new Float64Array(thetaSize(p));
  for (let k = 0; k < p.nU; k++) theta[k] = u[k]!;
  let top = 0;
  for (let c = 0; c < C; c++) top = Math.max(top, beta[B + c]!);
  const floor = Math.max(1e-3 * top, 1e-6);
  for (let j = 0; j < B; j++) theta[p.nU + j] = beta[j]!;
  for (let c = 0; c < C; c++) theta[p.nU + B + c] = Math.log(Math.max(beta[B + c]!, floor));
  theta[p.nU + B + C] = Math.log(sigma);
  return theta;
}

/** Σ over rows of −½ r² and its gradient in β, for rows built at fixed media columns. */
function rowsLogDensity(rows: PriorRow[], beta: Float64Array, gradBeta: Float64Array | null): number {
  let lp = 0;
  const shared = new Map<Float64Array, number>();
  for (const row of rows) {
    const lr = row.lowRank;
    if (lr) {
      let d = shared.get(lr.common);
      if (d === undefined) {
        d = 0;
        for (let k = 0; k < lr.common.length; k++) d += lr.common[k]! * beta[lr.first + k]!;
        shared.set(lr.common, d);
      }
      const r = (lr.own * beta[lr.column]! - d) / lr.sd - row.target;
      lp -= 0.5 * r * r;
      if (gradBeta) {
        gradBeta[lr.column] = gradBeta[lr.column]! - (r * lr.own) / lr.sd;
        for (let k = 0; k < lr.common.length; k++) {
          gradBeta[lr.first + k] = gradBeta[lr.first + k]! + (r * lr.common[k]!) / lr.sd;
        }
      }
      continue;
    }
    let r = -row.target;
    for (const [j, cj] of row.coef) r += cj * beta[j]!;
    lp -= 0.5 * r * r;
    if (gradBeta) for (const [j, cj] of row.coef) gradBeta[j] = gradBeta[j]! - r * cj;
  }
  return lp;
}

/** Relative step of the forward differences of media columns and prior rows in their inputs. */
const H = 1e-6;

/**
 * The log posterior at θ (up to a constant) and, with `grad`, its gradient. The gradient is exact in
 * b, η and log σ; in u it is exact through the likelihood and the priors, with each media column's
 * derivative in its own curve parameters by forward differences (a channel's column depends on its
 * own 1–4 parameters only). Samplers stay exact with it: the leapfrog map is volume-preserving and
 * reversible for any gradient field, and acceptance uses the exact density.
 */
export function logPosterior(p: Problem, theta: ArrayLike<number>, grad?: Float64Array): number {
  const B = p.nBase;
  const C = p.channels.length;
  const T = p.T;
  const { u, beta, sigma } = fromTheta(p, theta);
  if (!Number.isFinite(sigma) || sigma <= 0) return -Infinity;
  const z: Float64Array[] = [];
  const uc: number[][] = [];
  for (let c = 0; c < C; c++) {
    const off = p.uOffset[c]!;
    const n = p.layouts[c]!.priors.length;
    const params = Array.from({ length: n }, (_, k) => u[off + k]!);
    uc.push(params);
    z.push(mediaColumn(p.layouts[c]!, params, p.x[c]!).subarray(p.pre));
  }
  const resid = new Float64Array(T);
  let ss = 0;
  for (let t = 0; t < T; t++) {
    let f = 0;
    for (let j = 0; j < B; j++) f += p.base[t * B + j]! * beta[j]!;
    for (let c = 0; c < C; c++) f += z[c]![t]! * beta[B + c]!;
    const r = p.y[t]! - f;
    resid[t] = r;
    ss += r * r;
  }
  if (!Number.isFinite(ss)) return -Infinity;
  const s2 = sigma * sigma;
  const rows = priorRows(p, z);
  const gradBeta = grad ? new Float64Array(B + C) : null;
  let lp = -T * Math.log(sigma) - (0.5 * ss) / s2 + rowsLogDensity(rows, beta, gradBeta);
  // Curve priors, σ ~ half-normal(1), and the Jacobians of β = e^η (Σ η) and σ = e^{log σ}.
  p.layouts.forEach((l, c) =>
    l.priors.forEach((q, k) => {
      const d = (u[p.uOffset[c]! + k]! - q.mean) / q.sd;
      lp -= 0.5 * d * d;
    }),
  );
  lp += -0.5 * s2 + Math.log(sigma);
  for (let c = 0; c < C; c++) lp += theta[p.nU + B + c]!;
  if (!grad) return lp;

  grad.fill(0);
  // β: likelihood Σ_t r_t x_t / σ² plus the prior rows; η = log β by the chain rule.
  for (let j = 0; j < B; j++) {
    let g = 0;
    for (let t = 0; t < T; t++) g += resid[t]! * p.base[t * B + j]!;
    grad[p.nU + j] = g / s2 + gradBeta![j]!;
  }
  for (let c = 0; c < C; c++) {
    let g = 0;
    const zc = z[c]!;
    for (let t = 0; t < T; t++) g += resid[t]! * zc[t]!;
    grad[p.nU + B + c] = beta[B + c]! * (g / s2 + gradBeta![B + c]!) + 1;
  }
  grad[p.nU + B + C] = -T + ss / s2 - s2 + 1;
  // u: through each channel's column. The rows depend on a column only through its sum S_c (ROI per
  // β, share of outcome, spend share), so their part is one number per channel, by a difference in S_c.
  const rowsLp = rowsLogDensity(rows, beta, null);
  for (let c = 0; c < C; c++) {
    const zc = z[c]!;
    let S = 0;
    for (let t = 0; t < T; t++) S += zc[t]!;
    let dRowsdS = 0;
    if (S > 0) {
      const scaled = z.slice();
      scaled[c] = Float64Array.from(zc, (v) => v * (1 + H));
      dRowsdS = (rowsLogDensity(priorRows(p, scaled), beta, null) - rowsLp) / (H * S);
    }
    const off = p.uOffset[c]!;
    const params = uc[c]!;
    const bc = beta[B + c]!;
    for (let k = 0; k < params.length; k++) {
      const step = H * Math.max(1, Math.abs(params[k]!));
      const moved = params.slice();
      moved[k] = moved[k]! + step;
      const z2 = mediaColumn(p.layouts[c]!, moved, p.x[c]!).subarray(p.pre);
      let g = 0;
      for (let t = 0; t < T; t++) {
        const dz = (z2[t]! - zc[t]!) / step;
        g += ((resid[t]! * bc) / s2 + dRowsdS) * dz;
      }
      const q = p.layouts[c]!.priors[k]!;
      grad[off + k] = g - (params[k]! - q.mean) / (q.sd * q.sd);
    }
  }
  return lp;
}
