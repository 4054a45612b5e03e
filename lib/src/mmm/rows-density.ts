import type { PriorRow } from './problem';

/**
 * Σ over rows of −½ r², with `gradBeta` its gradient in β added in, and `gradScaled` the part of that
 * gradient from the rows that scale with the column sums (`PriorRow.scalesWithSums`). β, `gradBeta` and
 * `gradScaled` are [B + C] (base coefficients, then media).
 */
export function rowsLogDensity(
  rows: PriorRow[],
  beta: Float64Array,
  gradBeta: Float64Array | null,
  gradScaled: Float64Array | null,
): number {
  let lp = 0;
  // The spend-share rows share one `common`: its dot product with β is taken once.
  let common: Float64Array | null = null;
  let d = 0;
  for (const row of rows) {
    const lr = row.lowRank;
    let r: number;
    if (lr) {
      if (lr.common !== common) {
        common = lr.common;
        d = 0;
        for (let k = 0; k < common.length; k++) d += common[k]! * beta[lr.first + k]!;
      }
      r = (lr.own * beta[lr.column]! - d) / lr.sd - row.target;
    } else {
      r = -row.target;
      for (const [j, cj] of row.coef) r += cj * beta[j]!;
    }
    lp -= 0.5 * r * r;
    if (gradBeta) addRowGradient(row, r, gradBeta);
    if (gradScaled && row.scalesWithSums) addRowGradient(row, r, gradScaled);
  }
  return lp;
}

/** Adds −r ∂r/∂β of one prior row to `grad` [B + C]. */
function addRowGradient(row: PriorRow, r: number, grad: Float64Array): void {
  const lr = row.lowRank;
  if (!lr) {
    for (const [j, cj] of row.coef) grad[j] = grad[j]! - r * cj;
    return;
  }
  grad[lr.column] = grad[lr.column]! - (r * lr.own) / lr.sd;
  for (let k = 0; k < lr.common.length; k++) grad[lr.first + k] = grad[lr.first + k]! + (r * lr.common[k]!) / lr.sd;
}
