import { cholesky, choleskyInverse, choleskySolve } from '../math/linalg';
import { addColumnShareGradient, fillMediaColumns, type MediaColumns } from './media-derivatives';
import type { GeoProblem } from './geo-problem';
import type { PriorRow } from './problem';
import { rowsLogDensity } from './rows-density';

/**
 * The geo density's ROIs integrated out with its base (`marginalRoi`). Each geo's ROI has a Gaussian
 * prior around its channel's centre, ROI_{g,c} ~ N(r_c, (τ_c r_c)²), so given (u, σ_g, ρ, τ) the geo's
 * θ_g = [b_g (B) | ROI_g (C)] is Gaussian: its likelihood is linear in θ (the media column of channel c
 * is m_c = z_c/S_c · spend_{g,c}/ȳ_g) and its prior rows are Gaussian. Per geo, with X = [base | m],
 * P0 = blockdiag(RᵀR, diag 1/(τr)²), Λ = XᵀX/σ² + P0 and θ̂ = Λ⁻¹(Xᵀy/σ² + P0μ0):
 *
 *   lp_g = −T log σ − ½[‖y − Xθ̂‖²/σ² + ‖R b̂ − t‖² + Σ_c (θ̂_c − r_c)²/(τ_c r_c)²] − ½ log|Λ| + ½ log|P0|
 *
 * The gradient by the envelope theorem: ∂lp/∂X = (e θ̂ᵀ − XΛ⁻¹)/σ² (e = y − Xθ̂), chained through each media
 * column's derivatives in u; in the ROI rows' precision p_c and mean r_c directly.
 */

/**
 * What the variant reads of the geo density: structurally geo-density's `GeoDensity`, declared here so
 * that the two modules do not import each other.
 */
export interface RoiMarginalDensity {
  q: GeoProblem;
  layout: { B: number; C: number; nU: number; local: number; shared: number };
  baseRows: PriorRow[];
  /** spend_{g,c} / ȳ_g, [G][C]. */
  spendScaled: number[][];
  columns: MediaColumns[];
  /** The centres r_c = e^ρ_c at the φ evaluated, [C]. */
  r: Float64Array;
  roiMarginal: RoiMarginal | null;
}

/** The variant's constant terms and buffers (K = B + C). */
export interface RoiMarginal {
  /** Each geo's base XᵀX [G][B·B] and Xᵀy [G][B]. */
  gram: Float64Array[];
  baseY: Float64Array[];
  /** Each geo's X by column, each contiguous: its B base columns, then the C media buffers below [G][K][T]. */
  xcols: Float64Array[][];
  /** The base rows' RᵀR [B·B] and Rᵀt [B]. */
  rowsGram: Float64Array;
  rowsTarget: Float64Array;
  /** The media columns m_c [C][T], Λ and its factor [K·K], Λ⁻¹ [K·K], h then θ̂ [K]. */
  media: Float64Array[];
  lam: Float64Array;
  chol: Float64Array;
  inv: Float64Array;
  /** L⁻¹ while Λ⁻¹ is formed [K·K]. */
  work: Float64Array;
  theta: Float64Array;
  /** Each media column's sum S_c before scaling [C]. */
  sums: Float64Array;
  /** ∂lp/∂m_c at every week [C][T]. */
  xv: Float64Array[];
  resid: Float64Array;
}

/**
 * The base's constant Gaussian terms, shared with the base-only marginal: each geo's XᵀX [G][B·B] over its
 * base columns, and the base prior rows' RᵀR [B·B] and Rᵀt [B].
 */
export function baseGaussianTerms(q: GeoProblem, baseRows: PriorRow[]) {
  const B = q.B;
  const rowsGram = new Float64Array(B * B);
  const rowsTarget = new Float64Array(B);
  for (const row of baseRows) {
    for (const [i, ci] of row.coef) {
      rowsTarget[i] = rowsTarget[i]! + ci * row.target;
      for (const [j, cj] of row.coef) rowsGram[i * B + j] = rowsGram[i * B + j]! + ci * cj;
    }
  }
  const gram = q.geos.map((p) => {
    const a = new Float64Array(B * B);
    for (let t = 0; t < p.T; t++) {
      for (let i = 0; i < B; i++) {
        const xi = p.base[t * B + i]!;
        for (let j = 0; j < B; j++) a[i * B + j] = a[i * B + j]! + xi * p.base[t * B + j]!;
      }
    }
    return a;
  });
  return { gram, rowsGram, rowsTarget };
}

/** The constant terms of {@link RoiMarginal} for a density's problem and base rows. */
export function roiMarginalTerms(d: Pick<RoiMarginalDensity, 'q' | 'baseRows'>): RoiMarginal {
  const { q, baseRows } = d;
  const { B, C } = q;
  const K = B + C;
  const T = q.geos[0]!.T;
  const { gram, rowsGram, rowsTarget } = baseGaussianTerms(q, baseRows);
  const baseY = q.geos.map((p) => {
    const a = new Float64Array(B);
    for (let t = 0; t < p.T; t++) for (let j = 0; j < B; j++) a[j] = a[j]! + p.base[t * B + j]! * p.y[t]!;
    return a;
  });
  const media = Array.from({ length: C }, () => new Float64Array(T));
  const xcols = q.geos.map((p) => [
    ...Array.from({ length: B }, (_, j) => Float64Array.from({ length: p.T }, (_, t) => p.base[t * B + j]!)),
    ...media,
  ]);
  return {
    gram,
    baseY,
    xcols,
    rowsGram,
    rowsTarget,
    media,
    lam: new Float64Array(K * K),
    chol: new Float64Array(K * K),
    inv: new Float64Array(K * K),
    work: new Float64Array(K * K),
    theta: new Float64Array(K),
    sums: new Float64Array(C),
    xv: Array.from({ length: C }, () => new Float64Array(T)),
    resid: new Float64Array(T),
  };
}

/**
 * Geo g's θ_g given the rest: fills the media columns (with their derivatives when `derivatives`), Λ's
 * factor and θ̂ in the variant's buffers. Returns false when a column sums to 0 or Λ does not factor.
 * φ's layout: log σ_g at g (each geo's block is its log σ), ρ_c and log τ_c after u.
 */
export function roiConditional(d: RoiMarginalDensity, g: number, phi: Float64Array, derivatives: boolean): boolean {
  const m = d.roiMarginal!;
  const { layout: l } = d;
  const { B, C } = l;
  const K = B + C;
  const p = d.q.geos[g]!;
  const T = p.T;
  const cols = d.columns[g]!;
  fillMediaColumns(p, phi.subarray(l.shared, l.shared + l.nU), cols, derivatives);
  const s2 = Math.exp(2 * phi[g * l.local]!);
  const { lam, theta: h, media } = m;
  const gram = m.gram[g]!;
  for (let i = 0; i < B; i++) {
    for (let j = 0; j < B; j++) lam[i * K + j] = gram[i * B + j]! / s2 + m.rowsGram[i * B + j]!;
    h[i] = m.baseY[g]![i]! / s2 + m.rowsTarget[i]!;
  }
  for (let c = 0; c < C; c++) {
    const z = cols.z[c]!;
    let S = 0;
    for (let t = 0; t < T; t++) S += z[t]!;
    if (!(S > 0)) return false;
    m.sums[c] = S;
    const scale = d.spendScaled[g]![c]! / S;
    const mc = media[c]!;
    for (let t = 0; t < T; t++) mc[t] = scale * z[t]!;
  }
  // Λ's media rows (m_c against the base columns and m_0 … m_c) and h's media entries.
  const xcols = m.xcols[g]!;
  for (let c = 0; c < C; c++) {
    const mc = media[c]!;
    dotsInto(mc, xcols, B + c + 1, T, lam, (B + c) * K);
    h[B + c] = dot(mc, p.y, T);
  }
  for (let c = 0; c < C; c++) {
    const i = B + c;
    for (let j = 0; j <= i; j++) {
      const v = lam[i * K + j]! / s2;
      lam[i * K + j] = v;
      lam[j * K + i] = v;
    }
    const r = d.r[c]!;
    const tau = Math.exp(phi[l.shared + l.nU + l.C + c]!);
    const prec = 1 / (tau * r * tau * r);
    lam[i * K + i] = lam[i * K + i]! + prec;
    h[i] = h[i]! / s2 + prec * r;
  }
  if (!cholesky(lam, K, m.chol)) return false;
  choleskySolve(m.chol, K, h, h);
  return true;
}

/**
 * Geo g's term of the log density with its base and ROIs integrated out (the formula above), its
 * gradient added into `grad` (log σ_g, u, ρ, log τ). Needs the density's r = e^ρ filled.
 */
export function roiMarginalTerm(d: RoiMarginalDensity, g: number, phi: Float64Array, grad?: Float64Array): number {
  if (!roiConditional(d, g, phi, grad !== undefined)) return -Infinity;
  const m = d.roiMarginal!;
  const { layout: l } = d;
  const { B, C } = l;
  const K = B + C;
  const p = d.q.geos[g]!;
  const T = p.T;
  const logSigma = phi[g * l.local]!;
  const s2 = Math.exp(2 * logSigma);
  const { theta, resid, chol } = m;
  // e = y − X θ̂, X's columns four at a time.
  const xcols = m.xcols[g]!;
  resid.set(p.y);
  addColumns(resid, xcols, theta, 0, -1, T);
  let ss = 0;
  for (let t = 0; t < T; t++) ss += resid[t]! * resid[t]!;
  let logDet = 0;
  for (let j = 0; j < K; j++) logDet += 2 * Math.log(chol[j * K + j]!);
  let lp = -T * logSigma - (0.5 * ss) / s2 + rowsLogDensity(d.baseRows, theta, null, null) - 0.5 * logDet;
  lp += -0.5 * s2 + logSigma;
  for (let c = 0; c < C; c++) {
    const r = d.r[c]!;
    const tauR = Math.exp(phi[l.shared + l.nU + l.C + c]!) * r;
    const dev = (theta[B + c]! - r) / tauR;
    lp += -0.5 * dev * dev - Math.log(tauR);
  }
  if (!grad || !Number.isFinite(lp)) return lp;
  // Λ⁻¹ from its factor; tr(Λ⁻¹XᵀX)/σ² = K − tr(Λ⁻¹P0).
  const inv = choleskyInverse(chol, K, m.inv, m.work);
  let traceP0 = 0;
  for (let i = 0; i < B; i++) for (let j = 0; j < B; j++) traceP0 += inv[i * K + j]! * m.rowsGram[j * B + i]!;
  for (let c = 0; c < C; c++) {
    const tauR = Math.exp(phi[l.shared + l.nU + l.C + c]!) * d.r[c]!;
    traceP0 += inv[(B + c) * K + B + c]! / (tauR * tauR);
  }
  grad[g * l.local] = grad[g * l.local]! - T + ss / s2 + K - traceP0 - s2 + 1;
  const cols = d.columns[g]!;
  // ∂lp/∂m_c = (e θ̂_c − X Λ⁻¹[:, B+c]) / σ² at every week: X's columns four at a time into each (Λ⁻¹ is
  // symmetric, so its row B+c is read contiguously).
  const is2 = 1 / s2;
  for (let c = 0; c < C; c++) {
    const xv = m.xv[c]!;
    const th = theta[B + c]! * is2;
    for (let t = 0; t < T; t++) xv[t] = resid[t]! * th;
    addColumns(xv, xcols, inv, (B + c) * K, -is2, T);
  }
  for (let c = 0; c < C; c++) {
    const xv = m.xv[c]!;
    // m_c = (spend/ȳ) z/S: ∂m_c/∂u_k = (spend/ȳ)(∂z_k − (z/S) ∂S_k)/S.
    const z = cols.z[c]!;
    const S = m.sums[c]!;
    let gz = 0;
    for (let t = 0; t < T; t++) gz += xv[t]! * z[t]!;
    addColumnShareGradient(grad, l.shared + p.uOffset[c]!, cols.dz[c]!, xv, gz, S, d.spendScaled[g]![c]! / S);
    // The ROI row: mean r_c, precision p_c = e^{−2(ρ+log τ)}; ∂p/∂ρ = ∂p/∂log τ = −2p, ∂r/∂ρ = r.
    const r = d.r[c]!;
    const tauR = Math.exp(phi[l.shared + l.nU + l.C + c]!) * r;
    const prec = 1 / (tauR * tauR);
    const dev = theta[B + c]! - r;
    const dPrec = -0.5 * dev * dev - 0.5 * inv[(B + c) * K + B + c]! + 0.5 / prec;
    const rho = l.shared + l.nU + c;
    const logTau = rho + l.C;
    grad[rho] = grad[rho]! + prec * dev * r - 2 * prec * dPrec;
    grad[logTau] = grad[logTau]! - 2 * prec * dPrec;
  }
  return lp;
}

/**
 * A draw of geo g's θ_g = [b_g | ROI_g] from its Gaussian conditional N(θ̂, Λ⁻¹) given φ (into `out`, [K]):
 * θ̂ + L⁻ᵀξ with ξ standard normal [K] (`xi`, overwritten). Returns false where the density is −∞.
 */
export function drawRoiConditional(
  d: RoiMarginalDensity,
  g: number,
  phi: Float64Array,
  xi: Float64Array,
  out: Float64Array,
): boolean {
  if (!roiConditional(d, g, phi, false)) return false;
  const m = d.roiMarginal!;
  const K = d.layout.B + d.layout.C;
  const L = m.chol;
  for (let i = K - 1; i >= 0; i--) {
    let s = xi[i]!;
    for (let k = i + 1; k < K; k++) s -= L[k * K + i]! * xi[k]!;
    xi[i] = s / L[i * K + i]!;
  }
  for (let i = 0; i < K; i++) out[i] = m.theta[i]! + xi[i]!;
  return true;
}

/** Σ_t a_t b_t with four running sums, so that the adds overlap. */
function dot(a: Float64Array, b: ArrayLike<number>, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < n; t += 4) {
    s0 += a[t]! * b[t]!;
    s1 += a[t + 1]! * b[t + 1]!;
    s2 += a[t + 2]! * b[t + 2]!;
    s3 += a[t + 3]! * b[t + 3]!;
  }
  for (; t < n; t++) s0 += a[t]! * b[t]!;
  return s0 + s1 + s2 + s3;
}

/**
 * out += scale · Σ_k coef[at + k] cols[k] over the first n entries, four columns a pass over out (`at`: where
 * the coefficients start in `coef`, so that a row of a matrix is read in place).
 */
function addColumns(
  out: Float64Array,
  cols: Float64Array[],
  coef: ArrayLike<number>,
  at: number,
  scale: number,
  n: number,
): void {
  const K = cols.length;
  let k = 0;
  for (; k + 3 < K; k += 4) {
    const a0 = scale * coef[at + k]!;
    const a1 = scale * coef[at + k + 1]!;
    const a2 = scale * coef[at + k + 2]!;
    const a3 = scale * coef[at + k + 3]!;
    const x0 = cols[k]!;
    const x1 = cols[k + 1]!;
    const x2 = cols[k + 2]!;
    const x3 = cols[k + 3]!;
    for (let t = 0; t < n; t++) out[t] = out[t]! + a0 * x0[t]! + a1 * x1[t]! + a2 * x2[t]! + a3 * x3[t]!;
  }
  for (; k < K; k++) {
    const a = scale * coef[at + k]!;
    const x = cols[k]!;
    for (let t = 0; t < n; t++) out[t] = out[t]! + a * x[t]!;
  }
}

/** out[at + j] = a · cols[j] for j < count, four columns a pass over a. */
function dotsInto(
  a: Float64Array,
  cols: Float64Array[],
  count: number,
  n: number,
  out: Float64Array,
  at: number,
): void {
  let j = 0;
  for (; j + 3 < count; j += 4) {
    const b0 = cols[j]!;
    const b1 = cols[j + 1]!;
    const b2 = cols[j + 2]!;
    const b3 = cols[j + 3]!;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < n; t++) {
      const x = a[t]!;
      s0 += x * b0[t]!;
      s1 += x * b1[t]!;
      s2 += x * b2[t]!;
      s3 += x * b3[t]!;
    }
    out[at + j] = s0;
    out[at + j + 1] = s1;
    out[at + j + 2] = s2;
    out[at + j + 3] = s3;
  }
  for (; j < count; j++) out[at + j] = dot(a, cols[j]!, n);
}
