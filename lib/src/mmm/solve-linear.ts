import { solveSpd } from '../math/linalg';
import { rowCoef, type PriorRow, type Problem } from './problem';

/**
 * The MAP of the linear coefficients β = [base..., media...] for fixed media columns: penalized least
 * squares with the media coefficients constrained to β ≥ 0 (active-set on the normal equations).
 *
 * @param z media columns, one [T] array per channel
 * @returns β of shape [nBase + nChannels]
 */
export function solveLinear(p: Problem, z: Float64Array[], rows: PriorRow[]): Float64Array {
  const { m, v, P } = normalEquations(p, z, rows);
  let fixed = activeSets.get(p);
  if (!fixed || fixed.length !== P) {
    fixed = new Uint8Array(P);
    activeSets.set(p, fixed);
  }
  return activeSetSolve(m, v, P, p.nBase, fixed);
}

/** The last active set per problem: the coefficients held at 0 by the previous solve. */
const activeSets = new WeakMap<Problem, Uint8Array>();

/** Cross products of a problem's columns, kept between calls: only changed media columns are redone. */
interface CrossCache {
  /** Base block [B, B] and base·y [B] (independent of the media). */
  bb: Float64Array;
  by: Float64Array;
  /** The media columns the entries below were computed for (by reference). */
  cols: (Float64Array | undefined)[];
  zb: Float64Array;
  zz: Float64Array;
  zy: Float64Array;
}

const caches = new WeakMap<object, CrossCache>();

function dot(a: Float64Array, b: Float64Array, T: number): number {
  let s = 0;
  for (let t = 0; t < T; t++) s += a[t]! * b[t]!;
  return s;
}

function crossProducts(p: Problem, z: Float64Array[]): CrossCache {
  const B = p.nBase;
  const C = z.length;
  const T = p.T;
  let cache = caches.get(p);
  if (!cache || cache.zy.length !== C || cache.by.length !== B) {
    const bb = new Float64Array(B * B);
    const by = new Float64Array(B);
    for (let t = 0; t < T; t++) {
      for (let a = 0; a < B; a++) {
        const xa = p.base[t * B + a]!;
        by[a] = by[a]! + xa * p.y[t]!;
        for (let b = 0; b < B; b++) bb[a * B + b] = bb[a * B + b]! + xa * p.base[t * B + b]!;
      }
    }
    const zb = new Float64Array(C * B);
    const zz = new Float64Array(C * C);
    const zy = new Float64Array(C);
    cache = { bb, by, cols: new Array(C), zb, zz, zy };
    caches.set(p, cache);
  }
  const changed: number[] = [];
  for (let c = 0; c < C; c++) if (cache.cols[c] !== z[c]) changed.push(c);
  for (const c of changed) {
    const zc = z[c]!;
    cache.cols[c] = zc;
    cache.zy[c] = dot(zc, p.y, T);
    for (let j = 0; j < B; j++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += zc[t]! * p.base[t * B + j]!;
      cache.zb[c * B + j] = s;
    }
    for (let k = 0; k < C; k++) {
      const v = dot(zc, z[k]!, T);
      cache.zz[c * C + k] = v;
      cache.zz[k * C + c] = v;
    }
  }
  return cache;
}

/**
 * The normal equations M β = v of the penalized least squares: M = XᵀX/σ² + Σ prior rows' outer
 * products, row-major [P, P] with P = nBase + nChannels. Cross products are cached per problem, so a
 * call after one channel's column changed costs O(T · P), not O(T · P²).
 */
export function normalEquations(
  p: Problem,
  z: Float64Array[],
  rows: PriorRow[],
): { m: Float64Array; v: Float64Array; P: number } {
  const B = p.nBase;
  const C = z.length;
  const P = B + C;
  const x = crossProducts(p, z);
  const m = new Float64Array(P * P);
  const v = new Float64Array(P);
  const w = 1 / (p.sigma * p.sigma);
  for (let a = 0; a < B; a++) {
    v[a] = w * x.by[a]!;
    for (let b = 0; b < B; b++) m[a * P + b] = w * x.bb[a * B + b]!;
  }
  for (let c = 0; c < C; c++) {
    v[B + c] = w * x.zy[c]!;
    for (let j = 0; j < B; j++) {
      const val = w * x.zb[c * B + j]!;
      m[(B + c) * P + j] = val;
      m[j * P + B + c] = val;
    }
    for (let k = 0; k < C; k++) m[(B + c) * P + B + k] = w * x.zz[c * C + k]!;
  }
  // Rows in the spend-share prior's compact form: Σ_c (own_c e_c − s)(own_c e_c − s)ᵀ / sd_c² expanded
  // into its diagonal, cross and shared s sᵀ parts (a row's target is 0, so v is unchanged).
  let shared: Float64Array | null = null;
  let sharedFirst = 0;
  let sharedWeight = 0;
  for (const row of rows) {
    const lr = row.lowRank;
    if (lr && row.target === 0 && (shared === null || shared === lr.common)) {
      shared = lr.common;
      sharedFirst = lr.first;
      const w2 = 1 / (lr.sd * lr.sd);
      sharedWeight += w2;
      const col = lr.column;
      m[col * P + col] = m[col * P + col]! + w2 * lr.own * lr.own;
      for (let k = 0; k < lr.common.length; k++) {
        const val = w2 * lr.own * lr.common[k]!;
        const j = lr.first + k;
        m[col * P + j] = m[col * P + j]! - val;
        m[j * P + col] = m[j * P + col]! - val;
      }
      continue;
    }
    const coef = rowCoef(row);
    for (let i = 0; i < coef.length; i++) {
      const a = coef[i]![0];
      const ca = coef[i]![1];
      v[a] = v[a]! + ca * row.target;
      for (let k = 0; k < coef.length; k++) m[a * P + coef[k]![0]] = m[a * P + coef[k]![0]]! + ca * coef[k]![1];
    }
  }
  if (shared !== null) {
    const s = shared;
    for (let k = 0; k < s.length; k++) {
      const row = (sharedFirst + k) * P + sharedFirst;
      for (let l = 0; l < s.length; l++) m[row + l] = m[row + l]! + sharedWeight * s[k]! * s[l]!;
    }
  }
  return { m, v, P };
}

/**
 * Minimizes ½βᵀMβ − vᵀβ subject to β_j ≥ 0 for j ≥ firstConstrained, by an active set on the
 * normal equations. `fixed` (1 = held at 0) is the starting active set and is updated in place: the
 * optimizer calls this many times with nearly the same columns, so the last set is the best guess.
 * M is positive definite, so the optimum is unique whatever the start.
 */
export function activeSetSolve(
  m: Float64Array,
  v: Float64Array,
  P: number,
  firstConstrained: number,
  fixed: Uint8Array,
): Float64Array {
  const free = new Int32Array(P);
  let beta = new Float64Array(P);
  for (let iter = 0; iter < 3 * P; iter++) {
    let n = 0;
    for (let j = 0; j < P; j++) if (!fixed[j]) free[n++] = j;
    const mf = new Float64Array(n * n);
    const vf = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = free[i]! * P;
      vf[i] = v[free[i]!]!;
      for (let k = 0; k < n; k++) mf[i * n + k] = m[row + free[k]!]!;
    }
    const sol = solveSpd(mf, n, vf);
    beta = new Float64Array(P);
    for (let i = 0; i < n; i++) beta[free[i]!] = sol[i]!;
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
