import type { GeometricOptions } from '../geometric';
import { geometric as geometricValue } from '../values';
import { defineAdstock } from './family';
import { retentionAtCap, retentionFromU, retentionPrior, retentionToU } from './retention';

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
});
