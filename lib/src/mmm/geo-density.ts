import { addColumnShareGradient, fillMediaColumns, mediaColumnsBuffers, type MediaColumns } from './media-derivatives';
import { centreAt, centreRows, type GeoProblem, type GeoRow } from './geo-problem';
import { cholesky, choleskySolve } from '../math/linalg';
import { priorRowsFromSums, type PriorRow } from './problem';
import { rowsLogDensity } from './rows-density';
import { baseGaussianTerms, roiMarginalTerm, roiMarginalTerms, type RoiMarginal } from './geo-marginal-roi';

/**
 * The geo-level model's log posterior on an unconstrained vector, for samplers. Per geo g its local
 * block, then the shared parameters:
 *
 *   φ = [b_1 (B) | ε_1 (C) | log σ_1 | … | b_G | ε_G | log σ_G | u (nU) | ρ (C) | log τ (C)]
 *
 * y_{g,t} ~ N(base_{g,t}·b_g + Σ_c w_{g,c} z_{g,c,t}(u) / S_{g,c}(u), σ_g²) in each geo's scaled units,
 * with S_{g,c} = Σ_window z_{g,c} and w_{g,c} = ROI_{g,c} · spend_{g,c} / ȳ_g the geo's contribution
 * (so β_{g,c} = w_{g,c} / S_{g,c}: on this scale the curves do not trade off against the coefficients).
 * Each geo's log ROI λ_{g,c} is drawn around its channel's centre r_c = e^{ρ_c}: λ ~ N(ρ_c, τ_c²),
 * τ_c ~ log-normal ({@link GEO_TAU_PRIOR}) the spread of the geos' log ROIs (0.3: ±30% at one sd, as
 * the MAP's relative τ), held partially non-centred: λ = a ρ + τ^a ε̃ with a_{g,c} ∈ [0, 1] the share of
 * the prior in that ROI's precision at the MAP (1, non-centred, for a geo its data barely inform: the
 * funnel between τ and the geos' ROIs is gone; 0, centred, for one its data pin: the ridge ε·τ ≈ const
 * is gone; in between, both are straightened about as far as a Gaussian model allows). Priors: each geo's base
 * rows as the national model's (intercept, trend, season, factors, knots' walk), the curve priors on u,
 * σ_g ~ half-normal(1), the centres' rows of the MAP fit on r ({@link centreRows}: weak, spend-share,
 * the user's ROI priors), plus the Jacobians of r = e^ρ and σ = e^{log σ} (τ's prior is on log τ).
 *
 * With the base integrated out (`marginalBase`), φ holds no b_g: given the rest, each geo's base is
 * Gaussian (its likelihood is linear in b_g and its prior rows are Gaussian), so the density is the
 * integral over it, −T log σ − ½ min_b [‖y − m − Xb‖²/σ² + ‖Rb − t‖²] − ½ log|XᵀX/σ² + RᵀR| (m the
 * media part, X the base columns, R, t the base's prior rows): the same posterior over the rest, on a
 * smaller φ without the base–ROI ridge.
 *
 * With the ROIs integrated out too (`marginalRoi`, {@link roiMarginalTerm}), each geo's ROI has a Gaussian
 * prior N(r_c, (τ_c r_c)²) instead of the log-normal one, [b_g, ROI_g] is Gaussian given the rest, and φ is
 * [log σ_1 | … | log σ_G | u | ρ | log τ].
 */

/**
 * The prior of each channel's spread τ_c of the geos' log ROIs: log-normal, median 0.3 and sd 0.6 of
 * log τ (90% of its mass in 0.11–0.81). Not a half-normal: that one's mass near τ = 0 gives the geos
 * a geo's data inform a funnel the sampler cannot cross; measured on 4 geos × 104 weeks × 2 channels,
 * 3 seeds (4 chains × 300 + 200): half-normal(0.5) R̂ 1.03–1.18, bulk ESS 18–102, 8–18 divergences, 64–140
 * leapfrog steps a draw; this one R̂ 1.02–1.03, ESS 148–271, 1–8 divergences, 33–63 steps.
 */
export const GEO_TAU_PRIOR = { median: 0.3, sdLog: 0.6 } as const;

/** Where a geo-level density's parts sit in φ. */
export interface GeoDensityLayout {
  G: number;
  B: number;
  C: number;
  nU: number;
  /** The base coefficients φ holds per geo: B, or 0 when the base is integrated out. */
  Bs: number;
  /** The ROIs' ε φ holds per geo: C, or 0 when the ROIs are integrated out. */
  Cs: number;
  /** Size of each geo's block: Bs + Cs + 1. */
  local: number;
  /** Where the shared parameters start: G · local. */
  shared: number;
  dim: number;
}

/** The geo-level density: the problem, its constant prior rows, and buffers made once. */
export interface GeoDensity {
  q: GeoProblem;
  layout: GeoDensityLayout;
  /** Each geo's base prior rows (over b_g, [B]). */
  baseRows: PriorRow[];
  /** The centres' rows over r [C]. */
  centreRows: GeoRow[];
  /** Each geo's ROI's centring a_{g,c} (1 non-centred, 0 centred), [G·C]. */
  centring: Float64Array;
  /** spend_{g,c} / ȳ_g: w = ROI · this, [G][C]. */
  spendScaled: number[][];
  columns: MediaColumns[];
  resid: Float64Array;
  r: Float64Array;
  gradR: Float64Array;
  gradB: Float64Array;
  gradW: Float64Array;
  /**
   * With the base integrated out: each geo's XᵀX [G][B·B], the base rows' RᵀR [B·B] and Rᵀt [B], and
   * the buffers of {@link baseMarginal}.
   */
  marginal: {
    gram: Float64Array[];
    rowsGram: Float64Array;
    rowsTarget: Float64Array;
    lam: Float64Array;
    chol: Float64Array;
    mean: Float64Array;
    col: Float64Array;
  } | null;
  /** With the base and the ROIs integrated out ({@link roiMarginalTerm}): its terms and buffers. */
  roiMarginal: RoiMarginal | null;
}

/** The layout of φ for a geo problem. */
export function geoDensityLayout(q: GeoProblem, marginalBase = false, marginalRoi = false): GeoDensityLayout {
  const { G, B, C } = q;
  const nU = q.geos[0]!.nU;
  const Bs = marginalBase || marginalRoi ? 0 : B;
  const Cs = marginalRoi ? 0 : C;
  const local = Bs + Cs + 1;
  return { G, B, C, nU, Bs, Cs, local, shared: G * local, dim: G * local + nU + 2 * C };
}

/** φ's index of geo g's base coefficient j, its ε_c, its log σ; of u_k, ρ_c, log τ_c. */
export const phiAt = {
  base: (l: GeoDensityLayout, g: number, j: number) => g * l.local + j,
  eps: (l: GeoDensityLayout, g: number, c: number) => g * l.local + l.Bs + c,
  logSigma: (l: GeoDensityLayout, g: number) => g * l.local + l.Bs + l.Cs,
  u: (l: GeoDensityLayout, k: number) => l.shared + k,
  rho: (l: GeoDensityLayout, c: number) => l.shared + l.nU + c,
  logTau: (l: GeoDensityLayout, c: number) => l.shared + l.nU + l.C + c,
};

/**
 * The density of a geo problem (its pooled ROI, spend-share sd and ROI priors as the MAP fit set them).
 * @param centring a_{g,c} [G·C] (geo-major), each in [0, 1]
 * @param marginalBase integrate each geo's base out instead of holding it in φ
 * @param marginalRoi integrate each geo's base and ROIs out, under a Gaussian ROI prior (centring unused)
 */
export function geoDensity(
  q: GeoProblem,
  centring: ArrayLike<number>,
  marginalBase = false,
  marginalRoi = false,
): GeoDensity {
  const layout = geoDensityLayout(q, marginalBase, marginalRoi);
  const { B, C } = layout;
  const first = q.geos[0]!;
  const rows = priorRowsFromSums(first, new Array<number>(C).fill(1), true);
  const t = first.T;
  const baseRows = rows.filter((r) => r.coef.length > 0 && r.coef.every(([j]) => j < B));
  const d: GeoDensity = {
    q,
    layout,
    baseRows,
    centreRows: centreRows(q).map((r) => ({
      coef: r.coef.map(([i, v]): [number, number] => [i - centreAt(q, 0), v]),
      target: r.target,
    })),
    centring: Float64Array.from(centring),
    spendScaled: q.geos.map((p) => p.spend.map((s) => s / p.yMean)),
    columns: q.geos.map((p) => mediaColumnsBuffers(p)),
    resid: new Float64Array(t),
    r: new Float64Array(C),
    gradR: new Float64Array(C),
    gradB: new Float64Array(B),
    gradW: new Float64Array(C),
    marginal: marginalBase && !marginalRoi ? marginalTerms(q, baseRows) : null,
    roiMarginal: null,
  };
  if (marginalRoi) d.roiMarginal = roiMarginalTerms(d);
  return d;
}

/** The base's constant Gaussian terms: each geo's XᵀX, and its prior rows' RᵀR and Rᵀt. */
function marginalTerms(q: GeoProblem, baseRows: PriorRow[]): NonNullable<GeoDensity['marginal']> {
  const B = q.B;
  const { gram, rowsGram, rowsTarget } = baseGaussianTerms(q, baseRows);
  const buffer = () => new Float64Array(B);
  return {
    gram,
    rowsGram,
    rowsTarget,
    lam: new Float64Array(B * B),
    chol: new Float64Array(B * B),
    mean: buffer(),
    col: buffer(),
  };
}

/** Geo g's log ROI of channel c at φ: λ = a ρ_c + τ_c^a ε̃_{g,c}. */
export function geoLogRoiAt(d: GeoDensity, phi: ArrayLike<number>, g: number, c: number): number {
  const l = d.layout;
  const a = d.centring[g * l.C + c]!;
  return a * phi[phiAt.rho(l, c)]! + Math.exp(a * phi[phiAt.logTau(l, c)]!) * phi[phiAt.eps(l, g, c)]!;
}

/** φ's ε̃_{g,c} for a log ROI λ at φ's ρ and τ (the inverse of {@link geoLogRoiAt}). */
export function geoEpsOf(d: GeoDensity, phi: ArrayLike<number>, g: number, c: number, logRoi: number): number {
  const l = d.layout;
  const a = d.centring[g * l.C + c]!;
  return (logRoi - a * phi[phiAt.rho(l, c)]!) / Math.exp(a * phi[phiAt.logTau(l, c)]!);
}

/**
 * The log posterior at φ [dim] (up to a constant) and, with `grad`, its gradient [dim]: exact in every
 * coordinate given each media column's derivatives in its own curve parameters ({@link fillMediaColumns}).
 * Allocates nothing per call: its buffers live with the density.
 */
export function geoLogDensity(d: GeoDensity, phi: Float64Array, grad?: Float64Array): number {
  const { q, layout: l } = d;
  const { C, nU } = l;
  const u = phi.subarray(l.shared, l.shared + nU);
  if (grad) grad.fill(0);
  let lp = 0;
  // The centres: their rows on r = e^ρ with the Jacobian Σ ρ; the spreads: normal on log τ.
  const r = d.r;
  for (let c = 0; c < C; c++) r[c] = Math.exp(phi[phiAt.rho(l, c)]!);
  const gradR = d.gradR.fill(0);
  for (const row of d.centreRows) {
    let s = -row.target;
    for (const [c, v] of row.coef) s += v * r[c]!;
    lp -= 0.5 * s * s;
    for (const [c, v] of row.coef) gradR[c] = gradR[c]! - s * v;
  }
  for (let c = 0; c < C; c++) {
    const rho = phi[phiAt.rho(l, c)]!;
    const logTau = phi[phiAt.logTau(l, c)]!;
    const dev = (logTau - Math.log(GEO_TAU_PRIOR.median)) / GEO_TAU_PRIOR.sdLog;
    lp += rho - 0.5 * dev * dev;
    if (grad) {
      grad[phiAt.rho(l, c)] = gradR[c]! * r[c]! + 1;
      grad[phiAt.logTau(l, c)] = -dev / GEO_TAU_PRIOR.sdLog;
    }
  }
  const first = q.geos[0]!;
  for (let c = 0; c < C; c++) {
    const priors = first.layouts[c]!.priors;
    const off = first.uOffset[c]!;
    for (let k = 0; k < priors.length; k++) {
      const dev = (u[off + k]! - priors[k]!.mean) / priors[k]!.sd;
      lp -= 0.5 * dev * dev;
      if (grad) grad[l.shared + off + k] = -dev / priors[k]!.sd;
    }
  }
  for (let g = 0; g < l.G; g++) {
    const v = d.roiMarginal ? roiMarginalTerm(d, g, phi, grad) : geoTerm(d, g, phi, u, grad);
    if (!Number.isFinite(v)) return -Infinity;
    lp += v;
  }
  return lp;
}

/** One geo's likelihood and local priors, with their gradient added into `grad`. */
function geoTerm(d: GeoDensity, g: number, phi: Float64Array, u: Float64Array, grad?: Float64Array): number {
  const { layout: l } = d;
  const { B, C } = l;
  const p = d.q.geos[g]!;
  const T = p.T;
  const cols = d.columns[g]!;
  fillMediaColumns(p, u, cols, grad !== undefined);
  const logSigma = phi[phiAt.logSigma(l, g)]!;
  const sigma = Math.exp(logSigma);
  const s2 = sigma * sigma;
  const resid = d.resid;
  resid.set(p.y);
  // w_{g,c}/S_{g,c}: the effective coefficient of each column; w as the gradient needs it.
  const w = d.gradW;
  let lp = 0;
  for (let c = 0; c < C; c++) {
    const z = cols.z[c]!;
    let S = 0;
    for (let t = 0; t < T; t++) S += z[t]!;
    if (!(S > 0)) return -Infinity;
    lp += geoPrior(d, phi, g, c, 0);
    w[c] = Math.exp(geoLogRoiAt(d, phi, g, c)) * d.spendScaled[g]![c]!;
    const beta = w[c]! / S;
    for (let t = 0; t < T; t++) resid[t] = resid[t]! - beta * z[t]!;
  }
  // The base: φ's, or (integrated out) its conditional mean given the rest, b̂ = Λ⁻¹(Xᵀr/σ² + Rᵀt).
  const m = d.marginal;
  const b0 = m ? -1 : phiAt.base(l, g, 0);
  const marginal = m ? baseMarginal(d, g, resid, s2) : null;
  const b = marginal ? marginal.mean : phi.subarray(b0, b0 + B);
  const base = p.base;
  for (let t = 0; t < T; t++) {
    let f = 0;
    for (let j = 0; j < B; j++) f += base[t * B + j]! * b[j]!;
    resid[t] = resid[t]! - f;
  }
  let ss = 0;
  for (let t = 0; t < T; t++) ss += resid[t]! * resid[t]!;
  const gradB = grad && !marginal ? d.gradB.fill(0) : null;
  lp += -T * logSigma - (0.5 * ss) / s2 + rowsLogDensity(d.baseRows, b, gradB, null);
  lp += -0.5 * s2 + logSigma;
  if (marginal) {
    if (!Number.isFinite(marginal.logDet)) return -Infinity;
    lp -= 0.5 * marginal.logDet;
  }
  if (!grad || !Number.isFinite(lp)) return lp;
  if (gradB) {
    for (let j = 0; j < B; j++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += resid[t]! * base[t * B + j]!;
      grad[b0 + j] = s / s2 + gradB[j]!;
    }
  }
  // In log σ: the data's −T + ‖e‖²/σ² (at b̂ too: b̂ minimizes the quadratic), the prior's, and the
  // integral's −½ ∂log|Λ|/∂log σ = tr(Λ⁻¹XᵀX)/σ².
  grad[phiAt.logSigma(l, g)] = -T + ss / s2 - s2 + 1 + (marginal ? marginal.traceGram / s2 : 0);
  for (let c = 0; c < C; c++) {
    const z = cols.z[c]!;
    let S = 0;
    let rz = 0;
    for (let t = 0; t < T; t++) {
      S += z[t]!;
      rz += resid[t]! * z[t]!;
    }
    // ∂lp/∂w = Σ r z / (S σ²), and w = e^λ · spend/ȳ: ∂lp/∂λ = w ∂lp/∂w.
    const wdw = (w[c]! * rz) / (S * s2);
    geoPrior(d, phi, g, c, wdw, grad);
    // u: the column over its sum, ∂(z/S)/∂u_k = (∂z/∂u_k − (z/S) ∂S/∂u_k)/S.
    addColumnShareGradient(grad, l.shared + p.uOffset[c]!, cols.dz[c]!, resid, rz, S, w[c]! / (S * s2));
  }
  return lp;
}

/**
 * Geo g's base given the rest, from the residual r = y − media [T]: Λ = XᵀX/σ² + RᵀR, its log
 * determinant, the mean b̂ = Λ⁻¹(Xᵀr/σ² + Rᵀt) and tr(Λ⁻¹XᵀX). A non-positive-definite Λ gives logDet
 * NaN. The mean lives in the density's buffers (overwritten by the next call).
 */
export function baseMarginal(
  d: GeoDensity,
  g: number,
  r: Float64Array,
  s2: number,
): { mean: Float64Array; logDet: number; traceGram: number } {
  const m = d.marginal!;
  const B = d.layout.B;
  const p = d.q.geos[g]!;
  const gram = m.gram[g]!;
  const { lam, mean: h, col } = m;
  for (let k = 0; k < B * B; k++) lam[k] = gram[k]! / s2 + m.rowsGram[k]!;
  h.set(m.rowsTarget);
  for (let t = 0; t < p.T; t++) {
    const rt = r[t]! / s2;
    for (let j = 0; j < B; j++) h[j] = h[j]! + p.base[t * B + j]! * rt;
  }
  const chol = cholesky(lam, B, m.chol);
  if (!chol) return { mean: h.fill(0), logDet: NaN, traceGram: 0 };
  let logDet = 0;
  for (let j = 0; j < B; j++) logDet += 2 * Math.log(chol[j * B + j]!);
  let traceGram = 0;
  for (let j = 0; j < B; j++) {
    for (let i = 0; i < B; i++) col[i] = gram[i * B + j]!;
    traceGram += choleskySolve(chol, B, col, col)[j]!;
  }
  return { mean: choleskySolve(chol, B, h, h), logDet, traceGram };
}

/**
 * The pooling prior of geo g's log ROI λ of channel c, −½((λ − ρ)/τ)² − log τ, with the Jacobian of
 * λ = a ρ + τ^a ε̃ (a log τ). With `grad`, adds the gradient of the prior and of the likelihood through
 * λ (`dLambda`: the likelihood's ∂/∂λ) in ε̃, ρ and log τ.
 */
function geoPrior(
  d: GeoDensity,
  phi: Float64Array,
  g: number,
  c: number,
  dLambda: number,
  grad?: Float64Array,
): number {
  const l = d.layout;
  const a = d.centring[g * l.C + c]!;
  const at = phiAt.eps(l, g, c);
  const rho = phi[phiAt.rho(l, c)]!;
  const logTau = phi[phiAt.logTau(l, c)]!;
  const tau = Math.exp(logTau);
  const ta = Math.exp(a * logTau);
  const lambda = a * rho + ta * phi[at]!;
  const e = (lambda - rho) / tau;
  if (grad) {
    // λ's total derivative, then λ's own: ∂λ/∂ε̃ = τ^a, ∂λ/∂ρ = a, ∂λ/∂log τ = a (λ − a ρ).
    const dl = dLambda - e / tau;
    grad[at] = grad[at]! + ta * dl;
    grad[phiAt.rho(l, c)] = grad[phiAt.rho(l, c)]! + a * dl + e / tau;
    grad[phiAt.logTau(l, c)] = grad[phiAt.logTau(l, c)]! + a * (lambda - a * rho) * dl + e * e - (1 - a);
  }
  return -0.5 * e * e - (1 - a) * logTau;
}
