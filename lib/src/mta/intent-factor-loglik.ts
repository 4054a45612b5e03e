import { normalNodes } from '../math/gauss-hermite';
import { featureCount, journeyFeatures, type CountPatterns, type FeatureShape } from './count-patterns';

/** The data as the factor likelihood reads it (see {@link factorData}). */
export interface FactorData {
  N: number;
  C: number;
  F: number;
  /** Conversion features, [N, F]. */
  x: Float64Array;
  reached: Uint8Array;
  /** Touches beyond the first of a reached channel, [N, C]. */
  extra: Float64Array;
  y: Uint8Array;
  w: Float64Array;
  z: Float64Array;
  /** The normal's quadrature weights: the prior mean of the intent's distribution. */
  omega: Float64Array;
  /**
   * The same patterns sparse, as the likelihood's loops read them: pattern r's reached channels are
   * `reachChannel[reachStart[r] … reachStart[r + 1])` with their extra touches in `reachExtra`, its
   * non-zero features `featIndex[featStart[r] … featStart[r + 1])` with their values in `featValue`.
   */
  reachStart: Uint32Array;
  reachChannel: Uint32Array;
  reachExtra: Float64Array;
  featStart: Uint32Array;
  featIndex: Uint32Array;
  featValue: Float64Array;
}

const PRIOR_SD = 3;
const DIRICHLET = 20;
/** The largest chance of no conversion at a node: e^(−1e-12), so a converted pattern's log(1 − e) stays finite. */
const NEVER = Math.exp(-1e-12);

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
  const reach = sparseRows(reached, extra, N, C);
  const feat = sparseRows(x, x, N, F);
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
    reachStart: reach.start,
    reachChannel: reach.index,
    reachExtra: reach.value,
    featStart: feat.start,
    featIndex: feat.index,
    featValue: feat.value,
  };
}

/** The non-zero entries of `nonZero` [N, K] by row, with `values`' entry at each. */
function sparseRows(nonZero: ArrayLike<number>, values: ArrayLike<number>, N: number, K: number) {
  const start = new Uint32Array(N + 1);
  let n = 0;
  for (let i = 0; i < N * K; i++) if (nonZero[i] !== 0) n++;
  const index = new Uint32Array(n);
  const value = new Float64Array(n);
  n = 0;
  for (let r = 0; r < N; r++) {
    for (let k = 0; k < K; k++) {
      if (nonZero[r * K + k] === 0) continue;
      index[n] = k;
      value[n++] = values[r * K + k]!;
    }
    start[r + 1] = n;
  }
  return { start, index, value };
}

/**
 * The marginal log-likelihood of reach indicators and conversions over a standard normal intent z
 * (quadrature), the untouched users left out (−W log(1 − P0)), with N(0, 3²) priors on the loadings;
 * θ = [α [C], λ [C], μ [C], κ [C], a0, b, log δ [F], intent logits [Q]] (a reached user's touches
 * beyond the first are Poisson with mean e^(μ_c + κ_c z)); fills `grad` and the node posteriors
 * `resp` [N, Q] when given (the optimizer's steps leave it out).
 *
 * The loops over patterns touch only each pattern's reached channels and non-zero features: the
 * unreached channels' terms are summed once per node, and the reach and frequency gradients are
 * gathered per channel and node and contracted with the nodes after the loop.
 */
export function factorLogLik(d: FactorData, theta: Float64Array, grad: Float64Array, resp?: Float64Array): number {
  const { N, C, F, y, w, z, omega: prior, reachStart, reachChannel, reachExtra, featStart, featIndex, featValue } = d;
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
  const ol = C;
  const om = 2 * C;
  const ok = 3 * C;
  const oa = 4 * C;
  const od = 4 * C + 2;
  grad.fill(0);
  // Per channel and node: σ, log frequency and e^(log frequency); `on` is what reaching the user adds
  // to the node's log density over not reaching it (before the extra touches' n·log frequency);
  // `base` is the node's log density with no channel reaching the user.
  const sig = new Float64Array(C * Q);
  const freq = new Float64Array(C * Q);
  const logFreq = new Float64Array(C * Q);
  const on = new Float64Array(C * Q);
  const base = Float64Array.from(logOmega);
  for (let c = 0; c < C; c++) {
    for (let q = 0; q < Q; q++) {
      const u = theta[c]! + theta[ol + c]! * z[q]!;
      const i = c * Q + q;
      sig[i] = 1 / (1 + Math.exp(-u));
      const logOff = -Math.log1p(Math.exp(u));
      const lf = theta[om + c]! + theta[ok + c]! * z[q]!;
      const fr = Math.exp(lf);
      logFreq[i] = lf;
      freq[i] = fr;
      on[i] = -Math.log1p(Math.exp(-u)) - logOff - fr;
      base[q] += logOff;
    }
  }
  const h0 = Float64Array.from(z, (v) => Math.exp(theta[oa]! + theta[oa + 1]! * v));
  const noH0 = Float64Array.from(h0, (v) => Math.exp(-v));
  const delta = Float64Array.from({ length: F }, (_, f) => Math.exp(theta[od + f]!));
  const lp = new Float64Array(Q);
  const d1 = new Float64Array(Q);
  const qw = new Float64Array(Q);
  // Σ_r w_r p_rq over the patterns (R), over those reaching c (A) and times c's extra touches (E); H:
  // Σ_r w_r p_rq ∂log P(y_r)/∂(hazard), the conversion term's derivative.
  const R = new Float64Array(Q);
  const A = new Float64Array(C * Q);
  const E = new Float64Array(C * Q);
  const H = new Float64Array(Q);
  let W = 0;
  let ll = 0;
  for (let r = 0; r < N; r++) {
    let hz = 0;
    for (let j = featStart[r]!; j < featStart[r + 1]!; j++) hz += featValue[j]! * delta[featIndex[j]!]!;
    lp.set(base);
    const j0 = reachStart[r]!;
    const j1 = reachStart[r + 1]!;
    for (let j = j0; j < j1; j++) {
      const o = reachChannel[j]! * Q;
      const ex = reachExtra[j]!;
      for (let q = 0; q < Q; q++) lp[q] += on[o + q]! + ex * logFreq[o + q]!;
    }
    const converted = y[r] === 1;
    let max = -Infinity;
    if (converted) {
      // P(no conversion) at node q is e^(−h0_q) e^(−hz): one exponential a pattern, not one a node.
      const noHz = Math.exp(-hz);
      for (let q = 0; q < Q; q++) {
        const e = Math.min(noH0[q]! * noHz, NEVER);
        lp[q] += Math.log(1 - e);
        d1[q] = -e / (1 - e);
        if (lp[q]! > max) max = lp[q]!;
      }
    } else {
      for (let q = 0; q < Q; q++) {
        lp[q] -= h0[q]! + hz;
        if (lp[q]! > max) max = lp[q]!;
      }
    }
    let sum = 0;
    for (let q = 0; q < Q; q++) {
      qw[q] = Math.exp(lp[q]! - max);
      sum += qw[q]!;
    }
    const wr = w[r]!;
    W += wr;
    ll += wr * (max + Math.log(sum));
    const scale = wr / sum;
    if (resp) for (let q = 0; q < Q; q++) resp[r * Q + q] = qw[q]! / sum;
    for (let q = 0; q < Q; q++) {
      qw[q] = qw[q]! * scale;
      R[q] += qw[q]!;
    }
    for (let j = j0; j < j1; j++) {
      const o = reachChannel[j]! * Q;
      const ex = reachExtra[j]!;
      for (let q = 0; q < Q; q++) A[o + q] += qw[q]!;
      if (ex !== 0) for (let q = 0; q < Q; q++) E[o + q] += ex * qw[q]!;
    }
    let dh = 0;
    if (converted) {
      for (let q = 0; q < Q; q++) {
        const v = qw[q]! * d1[q]!;
        H[q] += v;
        dh += v;
      }
    } else {
      for (let q = 0; q < Q; q++) H[q] += qw[q]!;
      dh = wr;
    }
    for (let j = featStart[r]!; j < featStart[r + 1]!; j++) {
      const f = featIndex[j]!;
      grad[od + f] -= dh * featValue[j]! * delta[f]!;
    }
  }
  for (let c = 0; c < C; c++) {
    for (let q = 0; q < Q; q++) {
      const i = c * Q + q;
      const g = A[i]! - R[q]! * sig[i]!;
      const gm = E[i]! - A[i]! * freq[i]!;
      grad[c] += g;
      grad[ol + c] += g * z[q]!;
      grad[om + c] += gm;
      grad[ok + c] += gm * z[q]!;
    }
  }
  for (let q = 0; q < Q; q++) {
    grad[oa] -= H[q]! * h0[q]!;
    grad[oa + 1] -= H[q]! * h0[q]! * z[q]!;
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
