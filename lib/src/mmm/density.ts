import { convolveLags } from '../transforms/geometric';
import { mediaColumn, type ChannelLayout } from './params';
import { columnSums, priorRowsFromSums, type PriorRow, type Problem } from './problem';

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

/**
 * A channel's media column over the window and its derivative in each of its curve parameters
 * ([k][T]). Adstock is linear in the input, so its part is the input convolved with the weights'
 * derivative (weights by forward differences: a few numbers); the saturation's part is exact when the
 * family gives its derivatives, else by forward differences of the whole column.
 */
function columnWithDerivatives(
  layout: ChannelLayout,
  params: number[],
  x: Float64Array,
  pre: number,
): { z: Float64Array; dz: Float64Array[] } {
  const { adstock: a, saturation: s, lookback, adstockSize } = layout;
  const derivatives = s.derivatives;
  if (!derivatives) {
    const z = mediaColumn(layout, params, x).subarray(pre);
    const dz = params.map((v, k) => {
      const step = H * Math.max(1, Math.abs(v));
      const moved = params.slice();
      moved[k] = v + step;
      const z2 = mediaColumn(layout, moved, x).subarray(pre);
      return Float64Array.from(z2, (w, t) => (w - z[t]!) / step);
    });
    return { z, dz };
  }
  const n = x.length;
  const w = a.transform(a.constrain(params, 0, lookback)).weights();
  const carried = convolveLags(x, w);
  const y = new Float64Array(n);
  const dx = new Float64Array(n);
  const nS = params.length - adstockSize;
  const du = Array.from({ length: nS }, () => new Float64Array(n));
  derivatives(params, adstockSize, carried, y, dx, du);
  const dz: Float64Array[] = [];
  for (let k = 0; k < adstockSize; k++) {
    const step = H * Math.max(1, Math.abs(params[k]!));
    const moved = params.slice();
    moved[k] = moved[k]! + step;
    const w2 = a.transform(a.constrain(moved, 0, lookback)).weights();
    const dw = Float64Array.from(w2, (v, l) => (v - w[l]!) / step);
    const dc = convolveLags(x, dw);
    const out = new Float64Array(n - pre);
    for (let t = pre; t < n; t++) out[t - pre] = dx[t]! * dc[t]!;
    dz.push(out);
  }
  for (let k = 0; k < nS; k++) dz.push(du[k]!.subarray(pre));
  return { z: y.subarray(pre), dz };
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
  const dzs: Float64Array[][] = [];
  for (let c = 0; c < C; c++) {
    const off = p.uOffset[c]!;
    const n = p.layouts[c]!.priors.length;
    const params: number[] = [];
    for (let k = 0; k < n; k++) params.push(u[off + k]!);
    if (grad) {
      const { z: zc, dz } = columnWithDerivatives(p.layouts[c]!, params, p.x[c]!, p.pre);
      z.push(zc);
      dzs.push(dz);
    } else {
      z.push(mediaColumn(p.layouts[c]!, params, p.x[c]!).subarray(p.pre));
    }
  }
  const base = p.base;
  const resid = Float64Array.from(p.y);
  for (let t = 0; t < T; t++) {
    let f = 0;
    for (let j = 0; j < B; j++) f += base[t * B + j]! * beta[j]!;
    resid[t] = resid[t]! - f;
  }
  for (let c = 0; c < C; c++) {
    const zc = z[c]!;
    const bc = beta[B + c]!;
    for (let t = 0; t < T; t++) resid[t] = resid[t]! - zc[t]! * bc;
  }
  let ss = 0;
  for (let t = 0; t < T; t++) ss += resid[t]! * resid[t]!;
  if (!Number.isFinite(ss)) return -Infinity;
  const s2 = sigma * sigma;
  const sums = columnSums(p, z);
  const rows = priorRowsFromSums(p, sums);
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
  const gb = new Float64Array(B);
  for (let t = 0; t < T; t++) {
    const r = resid[t]!;
    for (let j = 0; j < B; j++) gb[j] = gb[j]! + r * base[t * B + j]!;
  }
  for (let j = 0; j < B; j++) grad[p.nU + j] = gb[j]! / s2 + gradBeta![j]!;
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
    const S = sums[c]!;
    let dRowsdS = 0;
    if (S > 0) {
      const moved = sums.slice();
      moved[c] = S * (1 + H);
      dRowsdS = (rowsLogDensity(priorRowsFromSums(p, moved), beta, null) - rowsLp) / (H * S);
    }
    const off = p.uOffset[c]!;
    const bc = beta[B + c]!;
    const dz = dzs[c]!;
    p.layouts[c]!.priors.forEach((q, k) => {
      const dk = dz[k]!;
      let g = 0;
      for (let t = 0; t < T; t++) g += ((resid[t]! * bc) / s2 + dRowsdS) * dk[t]!;
      grad[off + k] = g - (u[off + k]! - q.mean) / (q.sd * q.sd);
    });
  }
  return lp;
}
