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
});
