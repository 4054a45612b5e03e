import { InputError } from '../errors';
import { normal, seededRandom } from '../math/random';
import type { FittedChannel, FittedMmm } from './fitted';
import { choleskyWithRidge } from '../math/linalg';
import { channelLayout, channelTransforms } from './params';

/** What scoring needs of a channel: its curve and coefficient (a fitted channel, or a posterior draw). */
export type ChannelCurve = Pick<FittedChannel, 'inputMean' | 'adstock' | 'saturation' | 'coefficient'>;

/**
 * Draws of a channel's curve and coefficient: from the sampler's kept draws when the model has them,
 * else from its Laplace posterior (β clipped at 0, as the fit constrains it). Deterministic for a seed.
 * @throws InputError for a model stored without the posterior (fitted without intervals, or older)
 */
export function posteriorCurves(fit: FittedMmm, c: number, draws: number, seed: number): ChannelCurve[] {
  const ch = fit.channels[c]!;
  const post = ch.posterior;
  if (!post) {
    throw new InputError(`channel ${ch.name}: the model holds no posterior (fit it with intervals) to draw bands from`);
  }
  const n = post.mean.length;
  const layout = channelLayout(fit.config.adstock, fit.config.saturation, fit.config.lookback);
  const rand = seededRandom(seed);
  const kept = post.samples;
  if (kept && kept.length > 0) {
    // The sampler's own draws (β > 0 there), picked at random with replacement.
    return Array.from({ length: draws }, () => {
      const phi = kept[Math.floor(rand() * kept.length)]!;
      const tr = channelTransforms(layout, phi.slice(0, n - 1));
      return { inputMean: ch.inputMean, ...tr, coefficient: phi[n - 1]! * fit.outcomeMean };
    });
  }
  const l = choleskyWithRidge(Float64Array.from(post.cov), n);
  return Array.from({ length: draws }, () => {
    const e = post.mean.map(() => normal(rand));
    const phi = post.mean.map((m, i) => {
      let s = m;
      for (let k = 0; k <= i; k++) s += l[i * n + k]! * e[k]!;
      return s;
    });
    const tr = channelTransforms(layout, phi.slice(0, n - 1));
    return { inputMean: ch.inputMean, ...tr, coefficient: Math.max(0, phi[n - 1]!) * fit.outcomeMean };
  });
}
