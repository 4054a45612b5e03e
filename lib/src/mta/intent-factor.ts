import { normalNodes } from '../math/gauss-hermite';
import { lbfgsMaximize } from '../math/lbfgs';
import { featureCount, journeyFeatures, type CountPatterns, type FeatureShape } from './count-patterns';

/** A fitted continuous-intent model (see {@link fitIntentFactor}). */
export interface IntentFactor {
  channels: string[];
  /** Reach of each channel at intent 0 (logit α_c) and its loading λ_c on intent, [C] each. */
  alpha: Float64Array;
  lambda: Float64Array;
  /** A reached user's touches beyond the first: Poisson with log mean μ_c + κ_c z, [C] each. */
  mu: Float64Array;
  kappa: Float64Array;
  /** Baseline hazard e^(a0 + b·z): a0 and its loading b on intent. */
  a0: number;
  b: number;
  /** The conversion features' shape (see `journeyFeatures`). */
  shape: FeatureShape;
  /** Coefficients of the conversion features, ≥ 0, [featureCount(shape)]. */
  delta: Float64Array;
  /** Intent nodes z_q (Gauss–Hermite for a standard normal) and the fitted intent distribution on them, [Q]. */
  nodes: Float64Array;
  weights: Float64Array;
  /** Posterior weight of each node for each pattern, [N, Q]. */
  resp: Float64Array;
  logLik: number;
  iterations: number;
}

/** The data as the factor likelihood reads it (see {@link factorData}). */
export interface FactorData {
  N: number;
  C: number;
  F: number;
  x: Float64Array;
  reached: Uint8Array;
  /** Touches beyond the first of a reached channel, [N, C]. */
  extra: Float64Array;
  y: Uint8Array;
  w: Float64Array;
  z: Float64Array;
  /** The normal's quadrature weights: the prior mean of the intent's distribution. */
  omega: Float64Array;
}

const PRIOR_SD = 3;
const DIRICHLET = 20;

/**
 * The marginal log-likelihood of reach indicators and conversions over a standard normal intent z
 * (quadrature), the untouched users left out (−W log(1 − P0)), with N(0, 3²) priors on the loadings;
 * θ = [α [C], λ [C], μ [C], κ [C], a0, b, log δ [F]] (a reached user's touches beyond the first are
 * Poisson with mean e^(μ_c + κ_c z)); fills `grad` and the node posteriors `resp` [N, Q].
 */
export function factorLogLik(d: FactorData, theta: Float64Array, grad: Float64Array, resp: Float64Array): number {
  const { N, C, F, x, reached, extra, y, w, z, omega: prior } = d;
  const Q = z.length;
  // The intent's distribution: free weights on the quadrature grid (logits at θ's end), drawn toward
  // the normal's by a Dirichlet prior, so two classes and a continuum both fit.
  const ow = 4 * C + 2 + F;
  let maxW = -Infinity;
  for (let q = 0; q < Q; q++) maxW = Math.max(maxW, theta[ow + q]!);
  const omega = Float64Array.from({ length: Q }, (_, q) => Math.exp(theta[ow + q]! - maxW));
  const zw = omega.reduce((a, b) => a + b, 0);
  for (let q = 0; q < Q; q++) omega[q]! /= zw;
  const logOmega = Float64Array.from(omega, Math.log);
  const R = new Float64Array(Q);
  const ol = C;
  const om = 2 * C;
  const ok = 3 * C;
  const oa = 4 * C;
  const od = 4 * C + 2;
  grad.fill(0);
  const sig = new Float64Array(C * Q);
  const logOn = new Float64Array(C * Q);
  const logOff = new Float64Array(C * Q);
  const freq = new Float64Array(C * Q);
  const logFreq = new Float64Array(C * Q);
  for (let c = 0; c < C; c++) {
    for (let q = 0; q < Q; q++) {
      const u = theta[c]! + theta[ol + c]! * z[q]!;
      sig[c * Q + q] = 1 / (1 + Math.exp(-u));
      logOn[c * Q + q] = -Math.log1p(Math.exp(-u));
      logOff[c * Q + q] = -Math.log1p(Math.exp(u));
      logFreq[c * Q + q] = theta[om + c]! + theta[ok + c]! * z[q]!;
      freq[c * Q + q] = Math.exp(logFreq[c * Q + q]!);
    }
  }
  const h0 = Float64Array.from(z, (v) => Math.exp(theta[oa]! + theta[oa + 1]! * v));
  const delta = Float64Array.from({ length: F }, (_, f) => Math.exp(theta[od + f]!));
  const lp = new Float64Array(Q);
  const d1 = new Float64Array(Q);
  let W = 0;
  let ll = 0;
  for (let r = 0; r < N; r++) {
    let hz = 0;
    for (let f = 0; f < F; f++) hz += x[r * F + f]! * delta[f]!;
    let max = -Infinity;
    for (let q = 0; q < Q; q++) {
      let s = logOmega[q]!;
      for (let c = 0; c < C; c++) {
        if (!reached[r * C + c]) s += logOff[c * Q + q]!;
        else {
          s += logOn[c * Q + q]! + extra[r * C + c]! * logFreq[c * Q + q]! - freq[c * Q + q]!;
        }
      }
      const eta = -h0[q]! - hz;
      const e = Math.exp(Math.min(eta, -1e-12));
      s += y[r] ? Math.log(1 - e) : eta;
      d1[q] = y[r] ? -e / (1 - e) : 1;
      lp[q] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let q = 0; q < Q; q++) sum += Math.exp(lp[q]! - max);
    const wr = w[r]!;
    W += wr;
    ll += wr * (max + Math.log(sum));
    let dh = 0;
    for (let q = 0; q < Q; q++) {
      const pq = Math.exp(lp[q]! - max) / sum;
      resp[r * Q + q] = pq;
      const qw = wr * pq;
      R[q] += qw;
      for (let c = 0; c < C; c++) {
        const g = (reached[r * C + c] ? 1 : 0) - sig[c * Q + q]!;
        grad[c] += qw * g;
        grad[ol + c] += qw * g * z[q]!;
        if (reached[r * C + c]) {
          const gm = extra[r * C + c]! - freq[c * Q + q]!;
          grad[om + c] += qw * gm;
          grad[ok + c] += qw * gm * z[q]!;
        }
      }
      grad[oa] -= qw * d1[q]! * h0[q]!;
      grad[oa + 1] -= qw * d1[q]! * h0[q]! * z[q]!;
      dh += qw * d1[q]!;
    }
    for (let f = 0; f < F; f++) if (x[r * F + f] !== 0) grad[od + f] -= dh * x[r * F + f]! * delta[f]!;
  }
  // Untouched users: −W log(1 − P0), P0 = Σ_q ω_q Π_c (1 − σ_cq).
  let P0 = 0;
  const p0 = new Float64Array(Q);
  for (let q = 0; q < Q; q++) {
    let v = omega[q]!;
    for (let c = 0; c < C; c++) v *= 1 - sig[c * Q + q]!;
    p0[q] = v;
    P0 += v;
  }
  ll -= W * Math.log(1 - P0);
  const g0 = W / (1 - P0);
  for (let q = 0; q < Q; q++) {
    grad[ow + q] += R[q]! - W * omega[q]! + g0 * (p0[q]! - omega[q]! * P0);
    ll += DIRICHLET * prior[q]! * logOmega[q]!;
    grad[ow + q] += DIRICHLET * (prior[q]! - omega[q]!);
  }
  for (let c = 0; c < C; c++) {
    for (let q = 0; q < Q; q++) {
      grad[c] -= g0 * p0[q]! * sig[c * Q + q]!;
      grad[ol + c] -= g0 * p0[q]! * sig[c * Q + q]! * z[q]!;
    }
  }
  for (const i of [
    ...Array.from({ length: C }, (_, c) => ol + c),
    ...Array.from({ length: C }, (_, c) => ok + c),
    oa + 1,
  ]) {
    ll -= (0.5 * theta[i]! ** 2) / PRIOR_SD ** 2;
    grad[i] -= theta[i]! / PRIOR_SD ** 2;
  }
  return ll;
}

/** The patterns as {@link factorLogLik} reads them: conversion features of `shape`, reach, extra touches, `nodes` nodes. */
export function factorData(p: CountPatterns, shape: FeatureShape, nodes: number): FactorData {
  const C = p.channels.length;
  const N = p.converted.length;
  const F = featureCount(shape);
  const x = new Float64Array(N * F);
  for (let r = 0; r < N; r++) journeyFeatures(p.counts, shape, x, r * C, r * F);
  const reached = Uint8Array.from(p.counts, (n) => (n > 0 ? 1 : 0));
  const extra = Float64Array.from(p.counts, (n) => Math.max(0, n - 1));
  const { z, w: omega } = normalNodes(nodes);
  return {
    N,
    C,
    F,
    x,
    reached,
    extra,
    y: p.converted,
    w: p.weight,
    z,
    omega,
  };
}

/**
 * A continuous-intent attribution model: each user has an intent z (a distribution on a Gauss–Hermite
 * grid, free weights drawn toward the standard normal's, so a continuum and a few classes both fit);
 * channel c reaches a user with probability logistic(α_c + λ_c z) and then 1 + Poisson(e^(μ_c + κ_c z))
 * times, and the user converts with P = 1 − exp(−e^(a0 + b z) − Σ_c h_c(n_c)), h_c a non-decreasing
 * concave function of the channel's touch count (`countFeatures`). The loadings λ, κ say which channels
 * chase intent; they are learned from how channels' reach and frequency move together, and b from how
 * conversion moves with them. Fitted by L-BFGS on the marginal likelihood (quadrature over z), users
 * no channel touched treated as missing (−W log(1 − P0)).
 *
 * @param options `knots` of each channel's hazard in its touch count (default 1; 0: constant returns),
 *   `pairs` (default false: see `journeyFeatures`), `nodes` of the intent's grid (9), L-BFGS's
 *   `maxIterations` (300)
 */
export function fitIntentFactor(
  p: CountPatterns,
  options: { knots?: number; pairs?: boolean; nodes?: number; maxIterations?: number } = {},
): IntentFactor {
  const nodes = options.nodes ?? 9;
  const maxIterations = options.maxIterations ?? 300;
  const C = p.channels.length;
  const N = p.converted.length;
  const shape: FeatureShape = { channels: C, knots: options.knots ?? 1, pairs: options.pairs ?? false };
  const F = featureCount(shape);
  const d = factorData(p, shape, nodes);
  const { reached, extra, omega } = d;
  let W = 0;
  let Y = 0;
  const reach = new Float64Array(C);
  const more = new Float64Array(C);
  for (let r = 0; r < N; r++) {
    W += p.weight[r]!;
    Y += p.weight[r]! * p.converted[r]!;
    for (let c = 0; c < C; c++) {
      reach[c] += p.weight[r]! * reached[r * C + c]!;
      more[c] += p.weight[r]! * extra[r * C + c]!;
    }
  }
  const theta = new Float64Array(4 * C + 2 + F + nodes);
  for (let q = 0; q < nodes; q++) theta[4 * C + 2 + F + q] = Math.log(omega[q]!);
  for (let c = 0; c < C; c++) {
    const share = Math.min(0.95, Math.max(0.01, reach[c]! / W / 1.5));
    theta[c] = Math.log(share / (1 - share));
    theta[C + c] = 0.3;
    theta[2 * C + c] = Math.log(Math.max(0.05, more[c]! / Math.max(1, reach[c]!)));
  }
  theta[4 * C] = Math.log((0.5 * Y) / W);
  theta[4 * C + 1] = 0.5;
  for (let f = 0; f < F; f++) theta[4 * C + 2 + f] = Math.log(0.003);
  const resp = new Float64Array(N * nodes);
  const fit = lbfgsMaximize((t, g) => factorLogLik(d, t, g, resp), theta, { maxIterations, tolerance: 1e-3 });
  const t = fit.x;
  const logLik = factorLogLik(d, t, new Float64Array(t.length), resp);
  return {
    channels: p.channels,
    alpha: t.slice(0, C),
    lambda: t.slice(C, 2 * C),
    mu: t.slice(2 * C, 3 * C),
    kappa: t.slice(3 * C, 4 * C),
    a0: t[4 * C]!,
    b: t[4 * C + 1]!,
    shape,
    delta: Float64Array.from(t.subarray(4 * C + 2, 4 * C + 2 + F), Math.exp),
    nodes: d.z,
    weights: softmaxOf(t.subarray(4 * C + 2 + F)),
    resp,
    logLik,
    iterations: fit.iterations,
  };
}

function softmaxOf(v: Float64Array): Float64Array {
  const max = v.reduce((m, x) => Math.max(m, x), -Infinity);
  const out = Float64Array.from(v, (x) => Math.exp(x - max));
  const z = out.reduce((a, b) => a + b, 0);
  return out.map((x) => x / z);
}
