import { lbfgsMaximize } from '../math/lbfgs';
import { featureCount, type CountPatterns, type FeatureShape } from './count-patterns';
import { factorData, factorLogLik } from './intent-factor-loglik';

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
  const fit = lbfgsMaximize((t, g) => factorLogLik(d, t, g), theta, { maxIterations, tolerance: 1e-3 });
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

/**
 * The log-likelihood of the same model with every touch's effect removed (δ = 0: conversion depends on
 * the users' intent alone), maximized over the other parameters from `fit`'s values: the null of
 * {@link effectTest}. The conversion features are left out (with δ = 0 they add nothing), so its
 * steps cost a fraction of the full model's.
 */
export function intentOnlyLogLik(p: CountPatterns, fit: IntentFactor, maxIterations = 150): number {
  const C = p.channels.length;
  const Q = fit.nodes.length;
  const shape: FeatureShape = { channels: C, knots: 0, pairs: false };
  const d = factorData(p, shape, Q);
  const head = 4 * C + 2;
  // θ of the full likelihood with log δ at a value whose exponential is 0 in double precision.
  const theta = new Float64Array(head + C + Q).fill(-800);
  const g = new Float64Array(theta.length);
  const x0 = new Float64Array(head + Q);
  [fit.alpha, fit.lambda, fit.mu, fit.kappa].forEach((v, k) => x0.set(v, k * C));
  x0[4 * C] = fit.a0;
  x0[4 * C + 1] = fit.b;
  for (let q = 0; q < Q; q++) x0[head + q] = Math.log(Math.max(fit.weights[q]!, 1e-300));
  const logLik = (x: Float64Array, grad: Float64Array): number => {
    theta.set(x.subarray(0, head), 0);
    theta.set(x.subarray(head), head + C);
    const ll = factorLogLik(d, theta, g);
    grad.set(g.subarray(0, head), 0);
    grad.set(g.subarray(head + C), head);
    return ll;
  };
  const best = lbfgsMaximize(logLik, x0, { maxIterations, tolerance: 1e-3 });
  return best.value;
}

function softmaxOf(v: Float64Array): Float64Array {
  const max = v.reduce((m, x) => Math.max(m, x), -Infinity);
  const out = Float64Array.from(v, (x) => Math.exp(x - max));
  const z = out.reduce((a, b) => a + b, 0);
  return out.map((x) => x / z);
}
