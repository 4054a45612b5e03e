import { mediaColumns, priorRows, type Problem } from './problem';
import { solveLinear } from './solve-linear';

/** The state of the model at nonlinear parameters u and linear coefficients β. */
export interface Evaluation {
  u: Float64Array;
  beta: Float64Array;
  /** Media columns over the window, one [T] array per channel. */
  z: Float64Array[];
  /** Fitted scaled outcome over the window, [T]. */
  fitted: Float64Array;
  /** All residuals: data rows / σ, linear prior rows, nonlinear prior rows. Cost = Σ r². */
  residuals: Float64Array;
}

/**
 * Evaluates the negative log posterior as residuals (cost = Σ r² = −2 log posterior + const).
 * Without `beta`, β is profiled out: the MAP of the linear part for these u (variable projection).
 */
export function evaluate(p: Problem, u: Float64Array, beta?: Float64Array): Evaluation {
  const z = mediaColumns(p, u);
  const rows = priorRows(p, z);
  const b = beta ?? solveLinear(p, z, rows);
  const B = p.nBase;
  const fitted = new Float64Array(p.T);
  for (let t = 0; t < p.T; t++) {
    let s = 0;
    for (let j = 0; j < B; j++) s += p.base[t * B + j]! * b[j]!;
    for (let c = 0; c < z.length; c++) s += z[c]![t]! * b[B + c]!;
    fitted[t] = s;
  }
  const r = new Float64Array(p.T + rows.length + p.nU);
  for (let t = 0; t < p.T; t++) r[t] = (p.y[t]! - fitted[t]!) / p.sigma;
  // The spend-share rows share one vector: its product with β is taken once, not once per row.
  const sharedDot = new Map<Float64Array, number>();
  rows.forEach((row, i) => {
    const lr = row.lowRank;
    if (lr) {
      let d = sharedDot.get(lr.common);
      if (d === undefined) {
        d = 0;
        for (let k = 0; k < lr.common.length; k++) d += lr.common[k]! * b[lr.first + k]!;
        sharedDot.set(lr.common, d);
      }
      r[p.T + i] = (lr.own * b[lr.column]! - d) / lr.sd - row.target;
      return;
    }
    let s = -row.target;
    for (const [j, cj] of row.coef) s += cj * b[j]!;
    r[p.T + i] = s;
  });
  let k = p.T + rows.length;
  p.layouts.forEach((l, c) => l.priors.forEach((q, j) => (r[k++] = (u[p.uOffset[c]! + j]! - q.mean) / q.sd)));
  return { u, beta: b, z, fitted, residuals: r };
}
