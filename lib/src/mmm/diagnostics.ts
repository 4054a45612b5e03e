import { solveSpd } from '../math/linalg';
import type { Problem } from './problem';

/** Fit metrics in the outcome's units. */
export interface FitMetrics {
  r2: number;
  /** RMSE over the outcome's range (max − min), as Robyn reports it. */
  nrmse: number;
  /** Mean absolute percentage error over periods with a non-zero outcome. */
  mape: number;
}

/** R², NRMSE and MAPE of predictions against actuals, both of shape [n]. */
export function fitMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): FitMetrics {
  const n = actual.length;
  let mean = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    mean += actual[i]! / n;
    min = Math.min(min, actual[i]!);
    max = Math.max(max, actual[i]!);
  }
  let ss = 0;
  let st = 0;
  let ape = 0;
  let nz = 0;
  for (let i = 0; i < n; i++) {
    const e = actual[i]! - predicted[i]!;
    ss += e * e;
    st += (actual[i]! - mean) ** 2;
    if (actual[i] !== 0) {
      ape += Math.abs(e / actual[i]!);
      nz++;
    }
  }
  return { r2: st > 0 ? 1 - ss / st : 0, nrmse: Math.sqrt(ss / n) / (max - min || 1), mape: nz ? ape / nz : 0 };
}

/** Robyn's DECOMP.RSSD: √Σ (effect share − spend share)² over channels. */
export function decompRssd(effectShare: number[], spendShare: number[]): number {
  return Math.sqrt(effectShare.reduce((s, e, i) => s + (e - spendShare[i]!) ** 2, 0));
}

/**
 * DECOMP.RSSD over the paid channels, as Robyn takes it over paid media only: each one's share of the
 * paid channels' effect against its share of their spend. An owned channel has no spend to compare.
 */
export function paidDecompRssd(channels: readonly { paid?: false; effectShare: number; spendShare: number }[]): number {
  const paid = channels.filter((c) => c.paid !== false);
  const effect = paid.reduce((s, c) => s + c.effectShare, 0) || 1;
  return decompRssd(
    paid.map((c) => c.effectShare / effect),
    paid.map((c) => c.spendShare),
  );
}

/** R² of the least-squares fit of y [T] on the columns cols (each [T]) plus an intercept. */
function rSquared(y: Float64Array, cols: Float64Array[], penalty?: Float64Array): number {
  const T = y.length;
  const P = cols.length + 1;
  const m = new Float64Array(P * P);
  const v = new Float64Array(P);
  const row = new Float64Array(P);
  let mean = 0;
  for (let t = 0; t < T; t++) mean += y[t]! / T;
  for (let t = 0; t < T; t++) {
    row[0] = 1;
    cols.forEach((c, j) => (row[j + 1] = c[t]!));
    for (let a = 0; a < P; a++) {
      v[a] = v[a]! + row[a]! * y[t]!;
      for (let b = 0; b < P; b++) m[a * P + b] = m[a * P + b]! + row[a]! * row[b]!;
    }
  }
  // A penalty on the columns' coefficients (not the intercept's): a prior that limits what they can fit.
  if (penalty) {
    const n = P - 1;
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) m[(a + 1) * P + b + 1] = m[(a + 1) * P + b + 1]! + penalty[a * n + b]!;
  }
  for (let a = 0; a < P; a++) m[a * P + a] = m[a * P + a]! * (1 + 1e-9) + 1e-12;
  const beta = solveSpd(m, P, v);
  let ss = 0;
  let st = 0;
  for (let t = 0; t < T; t++) {
    let f = beta[0]!;
    cols.forEach((c, j) => (f += beta[j + 1]! * c[t]!));
    ss += (y[t]! - f) ** 2;
    st += (y[t]! - mean) ** 2;
  }
  return st > 0 ? Math.max(0, 1 - ss / st) : 1;
}

/** How well a channel's media signal is separated from everything else in the model. */
export interface Separation {
  /** R² of the channel's media column on all other columns (1 − 1/VIF). */
  r2: number;
  /** The regressor group it moves with most, and that group's R². */
  with: string;
  withR2: number;
}

/**
 * For each channel, the R² of its media column against the base (trend, seasonality, factors) and the
 * other channels, and the single group that explains it best. R² near 1 means the data cannot tell
 * the channel's effect from that group's.
 *
 * The knots of a bending baseline are free only as far as their random walk allows: with `beta`, the
 * channel's effect β_c·z_c is fitted on them under that prior (penalty σ²/τ² on the walk's steps), so a
 * stiff baseline the evidence chose cannot be said to absorb a channel it could not follow. Without
 * `beta`, or for a channel at 0, the knots count as free columns.
 */
export function separation(p: Problem, z: Float64Array[], beta?: Float64Array): Separation[] {
  const B = p.nBase;
  const col = (j: number) => Float64Array.from({ length: p.T }, (_, t) => p.base[t * B + j]!);
  const names = p.baseSpec.factors.map((f) => f.name);
  const groups: { name: string; cols: Float64Array[] }[] = [];
  let j = 1;
  if (p.baseSpec.trendScale !== null) groups.push({ name: 'the trend', cols: [col(j++)] });
  if (p.baseSpec.seasonality) {
    const s: Float64Array[] = [];
    for (let k = 0; k < 2 * p.baseSpec.seasonality.order; k++) s.push(col(j++));
    groups.push({ name: 'seasonality', cols: s });
  }
  for (const name of names) groups.push({ name: `factor ${name}`, cols: [col(j++)] });
  const baseCols = groups.flatMap((g) => g.cols);
  const nKnots = Math.max(0, (p.baseSpec.knots?.length ?? 0) - 1);
  const knotCols = Array.from({ length: nKnots }, () => col(j++));
  const walk = nKnots > 0 ? walkPenalty(nKnots, (p.sigma / p.knotStep) ** 2) : undefined;
  return z.map((zc, c) => {
    const others = z.filter((_, k) => k !== c);
    const b = beta?.[p.nBase + c] ?? 0;
    // The knots' R²: of the channel's effect under the walk's prior, or of its column with the knots free.
    const knotsR2 =
      nKnots === 0
        ? 0
        : b > 0 && walk
          ? rSquared(
              Float64Array.from(zc, (v) => b * v),
              knotCols,
              walk,
            )
          : rSquared(zc, knotCols);
    const r2 = Math.max(rSquared(zc, [...baseCols, ...others, ...(b > 0 ? [] : knotCols)]), knotsR2);
    let best = { name: 'nothing', r2: 0 };
    for (const g of groups) {
      const v = rSquared(zc, g.cols);
      if (v > best.r2) best = { name: g.name, r2: v };
    }
    if (knotsR2 > best.r2) best = { name: "the baseline's bends", r2: knotsR2 };
    others.forEach((o, k) => {
      const v = rSquared(zc, [o]);
      const name = p.channels[k >= c ? k + 1 : k]!;
      if (v > best.r2) best = { name: `channel ${name}`, r2: v };
    });
    return { r2, with: best.name, withR2: best.r2 };
  });
}

/** The random walk's precision over K knot levels: (1/τ²)·DᵀD with D's rows k₁ and k_j − k_{j−1}, times `scale` = σ²/τ². */
function walkPenalty(K: number, scale: number): Float64Array {
  const m = new Float64Array(K * K);
  for (let j = 0; j < K; j++) {
    m[j * K + j] = m[j * K + j]! + scale;
    if (j > 0) {
      m[(j - 1) * K + j - 1] = m[(j - 1) * K + j - 1]! + scale;
      m[j * K + j - 1] = m[j * K + j - 1]! - scale;
      m[(j - 1) * K + j] = m[(j - 1) * K + j]! - scale;
    }
  }
  return m;
}
