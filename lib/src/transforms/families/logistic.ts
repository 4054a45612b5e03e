import type { LogisticOptions } from '../logistic';
import { logisticSaturation } from '../values';
import { defineSaturation } from './family';

/** Logistic saturation: tanh(λx / 2) on the input over its mean, λ = exp(u); prior centred on λ = 1.5. */
export const logistic = defineSaturation({
  name: 'logistic',
  label: 'logistic',
  description: 'concave',
  type: 'logistic',
  priors: () => [{ name: 'lambda', mean: Math.log(1.5), sd: 0.7 }],
  constrain: (u, at): LogisticOptions => ({ lambda: Math.exp(u[at]!) }),
  unconstrain: (p) => [Math.log(p.lambda)],
  transform: logisticSaturation,
});
