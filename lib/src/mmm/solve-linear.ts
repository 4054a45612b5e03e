import { solveSpd } from './linalg';
import type { PriorRow, Problem } from './problem';

/**
 * The MAP of the linear coefficients β = [base..., media...] for fixed media columns: penalized least
 * squares with the media coefficients constrained to β ≥ 0 (active-set on the normal equations).
 *
 * @param z media columns, one [T] array per channel
 * @returns β of shape [nBase + nChannels]
 */
export function solveLinear(p: Problem, z: Float64Array[], rows: PriorRow[]): Float64Array {
  const { m, v, P } = normalEquations(p, z, rows);
  return activeSetSolve(m, v, P, p.nBase);
}

/**
 * The normal equations M β = v of the penalized least squares: M = XᵀX/σ² + Σ prior rows' outer
 * products, row-major [P, P] with P = nBase + nChannels.
 */
export function normalEquations(
  p: Problem,
  z: Float64Array[],
  rows: PriorRow[],
): { m: Float64Array; v: Float64Array; P: number } {
  const B = p.nBase;
  const P = B + z.length;
  const m = new Float64Array(P * P);
  const v = new Float64Array(P);
  const w = 1 / (p.sigma * p.sigma);
  const xr = new Float64Array(P);
  for (let t = 0; t < p.T; t++) {
    for (let j = 0; j < B; j++) xr[j] = p.base[t * B + j]!;
    for (let c = 0; c < z.length; c++) xr[B + c] = z[c]![t]!;
    const yt = p.y[t]!;
    for (let a = 0; a < P; a++) {
      const xa = xr[a]! * w;
      if (xa === 0) continue;
      v[a] = v[a]! + xa * yt;
      for (let b = 0; b <= a; b++) m[a * P + b] = m[a * P + b]! + xa * xr[b]!;
    }
  }
  for (const row of rows) {
    for (const [a, ca] of row.coef) {
      v[a] = v[a]! + ca * row.target;
      for (const [b, cb] of row.coef) if (b <= a) m[a * P + b] = m[a * P + b]! + ca * cb;
    }
  }
  for (let a = 0; a < P; a++) for (let b = 0; b < a; b++) m[b * P + a] = m[a * P + b]!;
  return { m, v, P };
}

/** Minimizes ½βᵀMβ − vᵀβ subject to β_j ≥ 0 for j ≥ firstConstrained. */
function activeSetSolve(m: Float64Array, v: Float64Array, P: number, firstConstrained: number): Float64Array {
  const fixed = new Uint8Array(P);
  let beta = new Float64Array(P);
  for (let iter = 0; iter < 3 * P; iter++) {
    const free: number[] = [];
    for (let j = 0; j < P; j++) if (!fixed[j]) free.push(j);
    const n = free.length;
    const mf = new Float64Array(n * n);
    const vf = new Float64Array(n);
    free.forEach((a, i) => {
      vf[i] = v[a]!;
      free.forEach((b, k) => (mf[i * n + k] = m[a * P + b]!));
    });
    const sol = solveSpd(mf, n, vf);
    beta = new Float64Array(P);
    free.forEach((a, i) => (beta[a] = sol[i]!));
    let worst = -1;
    for (let j = firstConstrained; j < P; j++)
      if (!fixed[j] && beta[j]! < 0 && (worst < 0 || beta[j]! < beta[worst]!)) worst = j;
    if (worst >= 0) {
      fixed[worst] = 1;
      continue;
    }
    // KKT: a fixed coefficient whose gradient points inward is released.
    let release = -1;
    let best = -1e-12;
    for (let j = firstConstrained; j < P; j++) {
      if (!fixed[j]) continue;
      let g = -v[j]!;
      for (let k = 0; k < P; k++) g += m[j * P + k]! * beta[k]!;
      if (g < best) {
        best = g;
        release = j;
      }
    }
    if (release < 0) break;
    fixed[release] = 0;
  }
  for (let j = firstConstrained; j < P; j++) if (beta[j]! < 0) beta[j] = 0;
  return beta;
}
