import { weibullFamily } from './weibull-family';

/**
 * Weibull CDF adstock: survival weights w_l ∝ exp(−(l/λ)^k); k < 1 a long tail, k > 1 a shoulder then
 * decay. Priors centred on k = 1 (geometric-like) and λ = 2 periods.
 */
export const weibullCdf = weibullFamily({
  name: 'weibull-cdf',
  label: 'Weibull CDF',
  description: 'decay of any shape, short or long tail',
  kind: 'cdf',
  priors: () => [
    { name: 'shape', mean: 0, sd: 0.5 },
    { name: 'scale', mean: Math.log(2), sd: 0.7 },
  ],
});
