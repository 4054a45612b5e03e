import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { fitMmm } from '../mmm/fit';
import { CASES } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import type { MtaResult } from './attribute';
import { eventRoiPriors } from './event-priors';

const TRACKED = ['search', 'social', 'podcast', 'email'];
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

/** Event attribution that splits the tracked channels' conversions as their true effects do, ±6%. */
function eventsLikeTruth(contribution: Record<string, number>): MtaResult {
  const channels: MtaResult['channels'] = {};
  TRACKED.forEach((c, i) => {
    channels[c] = { conversions: (contribution[c]! / 85) * (i % 2 ? 1.06 : 0.94), share: 0 };
  });
  return { method: 'latent-intent', channels, touches: [] };
}

describe('eventRoiPriors', () => {
  it('eventRoiPriors(result, fit, channels) is share × tracked effect / spend, sd relative, source events', () => {
    const { data } = generateSynthetic({ ...CASES['realistic']!, seed: 1 });
    const fit = fitMmm(data, { lookback: 8, intervals: false, starts: 1 });
    const result: MtaResult = {
      method: 'markov',
      channels: {
        search: { conversions: 30, share: 0.3 },
        podcast: { conversions: 10, share: 0.1 },
        app: { conversions: 60, share: 0.6 },
      },
      touches: [],
    };
    const [p] = eventRoiPriors(result, fit, ['podcast'], 0.4);
    const by = (n: string) => fit.channels.find((c) => c.name === n)!;
    // `app` is not in the model: only search and podcast are tracked, podcast has 10 of their 40.
    const expected =
      ((10 / 40) * (by('search').contribution.mean + by('podcast').contribution.mean)) / by('podcast').spend;
    expect(p!.roi).toBeCloseTo(expected, 10);
    expect(p!.sd).toBeCloseTo(0.4 * expected, 10);
    expect(p!.source).toBe('events');
    expect(() => eventRoiPriors(result, fit, ['tv'])).toThrow(/"tv": the event data hold no touches of it/);
    expect(() => eventRoiPriors(result, fit, ['radio'])).toThrow(ConfigError);
  });

  it('on a sparse channel, event priors from journeys that reflect the true effects cut the ROI error', () => {
    const none: number[] = [];
    const events: number[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { data, truth } = generateSynthetic({ ...CASES['realistic']!, seed });
      const free = fitMmm(data, { lookback: 8, intervals: false, starts: 1 });
      const priors = eventRoiPriors(eventsLikeTruth(truth.contribution), free, ['podcast'], 0.3);
      const err = (config: Parameters<typeof fitMmm>[1]) =>
        Math.abs(fitMmm(data, config).channels.find((c) => c.name === 'podcast')!.roi.mean / truth.roi['podcast']! - 1);
      none.push(err({ lookback: 8, intervals: false }));
      events.push(err({ lookback: 8, intervals: false, roiPriors: priors }));
    }
    expect(median(events)).toBeLessThan(median(none));
    expect(Math.max(...events)).toBeLessThan(0.3);
    expect(Math.max(...events)).toBeLessThan(Math.max(...none));
  });
});
