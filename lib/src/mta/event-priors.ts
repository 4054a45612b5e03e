import { ConfigError } from '../errors';
import type { FittedMmm } from '../mmm/fitted';
import type { RoiPrior } from '../mmm/spec';
import type { MtaResult } from './attribute';

/**
 * ROI priors from event-level attribution, on the MMM's scale: the events say how the tracked
 * channels split their joint effect, the MMM says how large that joint effect is.
 *
 *   roi_c = share_c · Σ_{k tracked} contribution_k / spend_c,   sd_c = relativeSd · roi_c
 *
 * where share_c is channel c's share of the attributed conversions among the tracked channels (those
 * in both the events and the model) and contributions come from `fit`, a fit without these priors.
 * Meant for channels whose summary data are sparse, whose own MMM estimate is weak.
 *
 * @param channels the channels to give a prior (each must be tracked by the events and in the model)
 * @throws ConfigError naming a channel that the events or the model lack, or a bad relativeSd
 * @example eventRoiPriors(attribute(journeys, 'latent-intent'), freeFit, ['podcast'])
 */
export function eventRoiPriors(
  result: MtaResult,
  fit: FittedMmm,
  channels: readonly string[],
  relativeSd = 0.3,
): RoiPrior[] {
  if (!(relativeSd > 0)) throw new ConfigError(`\`relativeSd\` must be > 0; got ${relativeSd}`);
  const byName = new Map(fit.channels.map((c) => [c.name, c]));
  const tracked = Object.keys(result.channels).filter((c) => byName.has(c));
  for (const c of channels) {
    if (!byName.has(c)) throw new ConfigError(`event prior for ${JSON.stringify(c)}: the model has no such channel`);
    if (!tracked.includes(c)) {
      throw new ConfigError(
        `event prior for ${JSON.stringify(c)}: the event data hold no touches of it (tracked: ${tracked.join(', ') || 'none'})`,
      );
    }
  }
  const conv = tracked.reduce((s, c) => s + result.channels[c]!.conversions, 0);
  const effect = tracked.reduce((s, c) => s + byName.get(c)!.contribution.mean, 0);
  return channels
    .filter((c) => byName.get(c)!.spend > 0)
    .map((channel) => {
      const share = conv > 0 ? result.channels[channel]!.conversions / conv : 0;
      const roi = (share * effect) / byName.get(channel)!.spend;
      return { channel, roi, sd: Math.max(relativeSd * roi, 1e-6), source: 'events' as const };
    });
}
