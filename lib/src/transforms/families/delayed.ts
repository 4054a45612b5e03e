import type { DelayedOptions } from '../delayed';
import { delayed as delayedValue } from '../values';
import { defineAdstock } from './family';
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
  constrain: (u, at, lookback): DelayedOptions => ({
    theta: retentionFromU(u[at]!),
    delay: lookback * sigmoid(u[at + 1]!),
    lMax: lookback,
    normalize: true,
  }),
  unconstrain: (p) => [retentionToU(p.theta), logit(p.delay / p.lMax)],
  atBounds: (p) => retentionAtCap(p.theta),
  transform: delayedValue,
});
