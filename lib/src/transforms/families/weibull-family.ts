import { weibullWeights, type WeibullOptions } from '../weibull';
import { weibull } from '../values';
import { defineAdstock, normalizedWeightDerivative, type AdstockFamily, type ParamPrior } from './family';

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
  const constrain = (u: ArrayLike<number>, at: number, lookback: number): WeibullOptions => ({
    shape: clampedExp(u[at]!, SHAPE),
    scale: clampedExp(u[at + 1]!, SCALE),
    lMax: lookback,
    kind,
    normalize: true,
  });
  return defineAdstock({
    ...rest,
    type: 'weibull',
    constrain,
    unconstrain: (p) => [Math.log(p.shape), Math.log(p.scale)],
    transform: weibull,
    weights: (u, at, lookback, out) => weibullWeights(constrain(u, at, lookback), out),
    weightDerivatives: (u, at, lookback, w, dw) => {
      const { shape: k, scale } = constrain(u, at, lookback);
      const [dShape, dScale] = dw as [Float64Array, Float64Array];
      for (let l = 0; l < w.length; l++) {
        // cdf: log w̃_l = −q with q = (l/λ)^k; pdf: log w̃_l = log k − log λ + (k − 1) log z − q, z = (l+1)/λ.
        const z = (kind === 'cdf' ? l : l + 1) / scale;
        const q = Math.pow(z, k);
        const kLogZ = z > 0 ? k * Math.log(z) : 0;
        dShape[l] = kind === 'cdf' ? -q * kLogZ : 1 + kLogZ * (1 - q);
        dScale[l] = kind === 'cdf' ? q * k : k * (q - 1);
      }
      // A clamped parameter does not move the weights.
      if (inside(u[at]!, SHAPE)) normalizedWeightDerivative(w, dShape);
      else dShape.fill(0);
      if (inside(u[at + 1]!, SCALE)) normalizedWeightDerivative(w, dScale);
      else dScale.fill(0);
    },
  });
}

const inside = (u: number, r: { min: number; max: number }) => Math.exp(u) > r.min && Math.exp(u) < r.max;
