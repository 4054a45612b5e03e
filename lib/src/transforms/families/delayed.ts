import { delayedWeights, type DelayedOptions } from '../delayed';
import { delayed as delayedValue } from '../values';
import { defineAdstock, normalizedWeightDerivative } from './family';
import { retentionAtCap, retentionFromU, retentionPrior, retentionToU } from './retention';
import { logit, sigmoid } from './scales';

/**
 * Delayed adstock: w_l ∝ θ^((l − delay)²), peaking at the delay. Two parameters: θ = 0.95 · sigmoid(u₀)
 * and delay = lookback · sigmoid(u₁), so the peak stays inside the lookback.
 */
export const delayed = defineAdstock({
  name: 'delayed',
  label: 'delayed',
  description: 'peaks after a fitted delay, then decays',
  type: 'delayed',
  priors: (lookback) => [
    retentionPrior(),
    // Centred on a peak 1.5 periods after the spend (at most 90% of the lookback).
    { name: 'delay', mean: logit(Math.min(0.9, 1.5 / Math.max(lookback, 1))), sd: 1.5 },
  ],
  constrain: (u, at, lookback) => delayedOptions(u, at, lookback),
  unconstrain: (p) => [retentionToU(p.theta), logit(p.delay / p.lMax)],
  atBounds: (p) => retentionAtCap(p.theta),
  transform: delayedValue,
  weights: (u, at, lookback, out) => delayedWeights(delayedOptions(u, at, lookback), out),
  // log w̃_l = (l − d)² log θ: ∂/∂u₀ = (l − d)² (1 − sigmoid(u₀)), ∂/∂u₁ = −2 (l − d) log θ · ∂d/∂u₁.
  weightDerivatives: (u, at, lookback, w, dw) => {
    const { theta, delay } = delayedOptions(u, at, lookback);
    const [dTheta, dDelay] = dw as [Float64Array, Float64Array];
    if (!(theta > 0)) {
      dTheta.fill(0);
      dDelay.fill(0);
      return;
    }
    const dLogTheta = sigmoid(-u[at]!);
    const s = sigmoid(u[at + 1]!);
    const dd = -2 * Math.log(theta) * lookback * s * (1 - s);
    for (let l = 0; l < w.length; l++) {
      dTheta[l] = (l - delay) * (l - delay) * dLogTheta;
      dDelay[l] = (l - delay) * dd;
    }
    normalizedWeightDerivative(w, dTheta);
    normalizedWeightDerivative(w, dDelay);
  },
});

function delayedOptions(u: ArrayLike<number>, at: number, lookback: number): DelayedOptions {
  return {
    theta: retentionFromU(u[at]!),
    delay: lookback * sigmoid(u[at + 1]!),
    lMax: lookback,
    normalize: true,
  };
}
