import { geometricWeights, type GeometricOptions } from '../geometric';
import { geometric as geometricValue } from '../values';
import { defineAdstock, normalizedWeightDerivative } from './family';
import { retentionAtCap, retentionFromU, retentionPrior, retentionToU } from './retention';
import { sigmoid } from './scales';

/**
 * Geometric adstock: w_l ∝ θ^l for l = 0..lookback, normalized. One parameter, θ = 0.95 · sigmoid(u).
 * @example geometric.constrain([0], 0, 8) // { theta: 0.475, lMax: 8, normalize: true }
 */
export const geometric = defineAdstock({
  name: 'geometric',
  label: 'geometric',
  description: 'strongest in the week of spend, then decays',
  type: 'geometric',
  priors: () => [retentionPrior()],
  constrain: (u, at, lookback): GeometricOptions => ({
    theta: retentionFromU(u[at]!),
    lMax: lookback,
    normalize: true,
  }),
  unconstrain: (p) => [retentionToU(p.theta)],
  atBounds: (p) => retentionAtCap(p.theta),
  transform: geometricValue,
  weights: (u, at, lookback, out) =>
    geometricWeights({ theta: retentionFromU(u[at]!), lMax: lookback, normalize: true }, out),
  // log w̃_l = l log θ and ∂log θ/∂u = 1 − sigmoid(u), so ∂w_l/∂u = w_l (l − Σ_m m w_m)(1 − sigmoid(u)).
  weightDerivatives: (u, at, _lookback, w, dw) => {
    const g = dw[0]!;
    const dLogTheta = sigmoid(-u[at]!);
    for (let l = 0; l < w.length; l++) g[l] = l * dLogTheta;
    normalizedWeightDerivative(w, g);
  },
  carry: (u, at, lookback, x, from, out, du) => geometricCarry(u[at]!, lookback, x, from, out, du?.[0] ?? null),
});

/**
 * The normalized geometric carry-over by recursion, L = lookback + 1 lags: a_t = Σ_{l<L} θ^l x_{t−l} =
 * θ a_{t−1} + x_t − θ^L x_{t−L} and b_t = Σ_{l<L} l θ^l x_{t−l} = θ (b_{t−1} + a_{t−1}) − L θ^L x_{t−L};
 * with N = Σ_{l<L} θ^l and M = Σ_{l<L} l θ^l, the carry is a_t / N and its derivative in log θ is
 * (b_t − M a_t / N) / N (that of Σ_l w_l x_{t−l} with w_l = θ^l / N), times ∂log θ/∂u = 1 − sigmoid(u).
 * Both restart at exactly 0 after L zero inputs, where the recursion would leave rounding behind.
 */
function geometricCarry(
  u: number,
  lookback: number,
  x: Float64Array,
  from: number,
  out: Float64Array,
  du: Float64Array | null,
): void {
  const theta = retentionFromU(u);
  const L = lookback + 1;
  let n = 0;
  let m = 0;
  for (let l = 0, v = 1; l < L; l++, v *= theta) {
    n += v;
    m += l * v;
  }
  const thetaL = theta ** L;
  const inv = 1 / n;
  const dLogTheta = sigmoid(-u) * inv;
  let a = 0;
  let b = 0;
  let lastInput = -Infinity;
  for (let t = 0; t < x.length; t++) {
    const xt = x[t]!;
    if (xt !== 0) lastInput = t;
    if (t - lastInput >= L) {
      a = 0;
      b = 0;
    } else {
      const old = t >= L ? x[t - L]! : 0;
      b = theta * (b + a) - L * thetaL * old;
      a = theta * a + xt - thetaL * old;
    }
    if (t < from) continue;
    const c = a * inv;
    out[t - from] = c;
    if (du) du[t - from] = (b - m * c) * dLogTheta;
  }
}
