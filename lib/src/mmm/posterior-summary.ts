import { quantile } from '../math/mcmc-diagnostics';
import { fromTheta } from './density';
import type { Interval } from './laplace';
import type { Problem } from './problem';
import type { PosteriorSample } from './sample-posterior';

/** How many posterior draws a fitted channel keeps for its response-curve bands. */
export const KEPT_DRAWS = 200;

/** One channel's posterior summary: ROI and contribution (mean and 90% interval), and kept draws. */
export interface ChannelPosteriorSummary {
  roi: Interval;
  contribution: Interval;
  /** Evenly thinned draws of [curve parameters on the u scale..., β on the model's scale]. */
  samples: number[][];
}

/** Mean, 5% and 95% quantiles of draws. */
export function drawInterval(draws: Float64Array): Interval {
  let s = 0;
  for (const v of draws) s += v;
  return { mean: s / draws.length, lower: quantile(draws, 0.05), upper: quantile(draws, 0.95) };
}

/** Each channel's posterior summary from the sampler's draws (every number from the same draws). */
export function posteriorSummary(p: Problem, sample: PosteriorSample): ChannelPosteriorSummary[] {
  const N = sample.roi[0]?.length ?? 0;
  const keep = Math.min(KEPT_DRAWS, N);
  const picks = Array.from({ length: keep }, (_, i) => Math.floor(((i + 0.5) * N) / keep));
  const parts = picks.map((s) => fromTheta(p, sample.theta.subarray(s * sample.dim, (s + 1) * sample.dim)));
  return p.channels.map((_, c) => {
    const off = p.uOffset[c]!;
    const n = p.layouts[c]!.priors.length;
    return {
      roi: drawInterval(sample.roi[c]!),
      contribution: drawInterval(sample.contribution[c]!),
      samples: parts.map(({ u, beta }) => [...Array.from(u.subarray(off, off + n)), beta[p.nBase + c]!]),
    };
  });
}

/** The correlation matrix of per-channel draws, [C][C]. */
export function correlation(draws: Float64Array[]): number[][] {
  const N = draws[0]?.length ?? 0;
  const means = draws.map((d) => d.reduce((s, v) => s + v, 0) / N);
  const centred = draws.map((d, c) => Float64Array.from(d, (v) => v - means[c]!));
  const sd = centred.map((d) => Math.sqrt(d.reduce((s, v) => s + v * v, 0)));
  return centred.map((a, i) =>
    centred.map((b, j) => {
      if (i === j) return 1;
      if (!(sd[i]! > 0 && sd[j]! > 0)) return 0;
      let v = 0;
      for (let s = 0; s < N; s++) v += a[s]! * b[s]!;
      return v / (sd[i]! * sd[j]!);
    }),
  );
}
