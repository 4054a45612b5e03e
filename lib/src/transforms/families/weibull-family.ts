import type { WeibullOptions } from '../weibull';
import { weibull } from '../values';
import { defineAdstock, type AdstockFamily, type ParamPrior } from './family';

// Clamped to what weibullWeights accepts, so a wild optimizer step costs a flat objective, not a throw.
const SHAPE = { min: 0.01, max: 20 };
const SCALE = { min: 0.01, max: 520 };
const clampedExp = (u: number, r: { min: number; max: number }) => Math.min(r.max, Math.max(r.min, Math.exp(u)));

/**
 * A Weibull adstock family (CDF or PDF weights, see `weibullWeights`): shape k = exp(u₀) and scale
 * λ = exp(u₁) periods, each clamped to the range the weights accept. The two kinds differ in their
 * weights and their priors only.
 */
export function weibullFamily<const N extends string>(definition: {
  name: N;
  label: string;
  description: string;
  kind: WeibullOptions['kind'];
  priors: () => ParamPrior[];
}): AdstockFamily<N> {
  const { kind, ...rest } = definition;
  return defineAdstock({
    ...rest,
    type: 'weibull',
    constrain: (u, at, lookback): WeibullOptions => ({
      shape: clampedExp(u[at]!, SHAPE),
      scale: clampedExp(u[at + 1]!, SCALE),
      lMax: lookback,
      kind,
      normalize: true,
    }),
    unconstrain: (p) => [Math.log(p.shape), Math.log(p.scale)],
    transform: weibull,
  });
}
