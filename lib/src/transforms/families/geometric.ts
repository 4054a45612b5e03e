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
});
