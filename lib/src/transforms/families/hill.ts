import { formatNumber } from '../../format';
import type { HillOptions } from '../hill';
import { hillSaturation } from '../values';
import { defineSaturation } from './family';

/**
 * Hill saturation: x^s / (x^s + K^s) on the input over its mean. K = exp(u₀) (half-saturation, in
 * multiples of mean input) and s = exp(u₁); priors centred on K = 1 and s = 1.5.
 */
export const hill = defineSaturation({
  name: 'hill',
  label: 'Hill',
  description: 'concave or S-shaped',
  type: 'hill',
  priors: () => [
    { name: 'half', mean: 0, sd: 0.5 },
    { name: 'slope', mean: Math.log(1.5), sd: 0.3 },
  ],
  constrain: (u, at): HillOptions => ({ half: Math.exp(u[at]!), shape: Math.exp(u[at + 1]!) }),
  unconstrain: (p) => [Math.log(p.half), Math.log(p.shape)],
  atBounds: (p) => [
    ...(p.half < 0.05 || p.half > 20 ? [`half-saturation at ${p.half.toPrecision(2)}× mean spend`] : []),
    ...(p.shape < 0.3 || p.shape > 6 ? [`Hill shape ${formatNumber(p.shape)}`] : []),
  ],
  transform: hillSaturation,
  // With r = (x/K)^s, y = r / (1 + r) and y(1 − y) = r / (1 + r)²: ∂y/∂x = s y(1 − y) / x,
  // ∂y/∂log K = −s y(1 − y), ∂y/∂log s = s log(x/K) y(1 − y).
  derivatives: (u, at, x, y, dx, du) => {
    const logK = u[at]!;
    const s = Math.exp(u[at + 1]!);
    const dHalf = du[0]!;
    const dShape = du[1]!;
    for (let t = 0; t < x.length; t++) {
      const v = x[t]!;
      if (!(v > 0)) {
        y[t] = 0;
        dx[t] = 0;
        dHalf[t] = 0;
        dShape[t] = 0;
        continue;
      }
      const l = Math.log(v) - logK;
      const yt = 1 / (1 + Math.exp(-s * l));
      const g = s * yt * (1 - yt);
      y[t] = yt;
      dx[t] = g / v;
      dHalf[t] = -g;
      dShape[t] = g * l;
    }
  },
});
