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
  // y = tanh(λx/2): ∂y/∂x = λ(1 − y²)/2, ∂y/∂log λ = λx(1 − y²)/2.
  derivatives: (u, at, x, y, dx, du) => {
    const lambda = Math.exp(u[at]!);
    const dLambda = du[0]!;
    for (let t = 0; t < x.length; t++) {
      const v = x[t]!;
      const yt = Math.tanh((lambda * v) / 2);
      const g = (lambda * (1 - yt * yt)) / 2;
      y[t] = yt;
      dx[t] = g;
      dLambda[t] = g * v;
    }
  },
});
