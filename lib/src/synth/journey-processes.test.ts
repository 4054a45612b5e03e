import { describe, expect, it } from 'vitest';
import { journeysFromEvents } from '../mta/journeys';
import { generateProcessJourneys, type JourneyProcess, type ProcessChannel } from './journey-processes';
import { JOURNEY_PROCESSES } from './journey-processes-cases';

const spec = (channels: ProcessChannel[], change: Partial<JourneyProcess> = {}): JourneyProcess => ({
  name: 'test',
  description: 'test',
  seed: 3,
  users: 4000,
  minDays: 10,
  maxDays: 60,
  intent: { kind: 'normal' },
  baseHazard: 0.05,
  baseIntent: 0,
  channels,
  ...change,
});

describe('generateProcessJourneys', () => {
  it('generateProcessJourneys(one channel, one touch each) has the exact truth Σ e^(−h0) − e^(−h0 − effect)', () => {
    const { truth } = generateProcessJourneys(
      spec([{ name: 'tv', reach: 0.999999, frequency: 0, effect: 0.2 }], { users: 1000 }),
    );
    // Every user is reached once (frequency 0): the same increment for each.
    expect(truth['tv']!.incremental).toBeCloseTo(1000 * (Math.exp(-0.05) - Math.exp(-0.25)), 6);
    expect(truth['tv']!.share).toBe(1);
  });

  it('a channel that works only after another gives the other its effect: removing the gate removes both', () => {
    const { truth } = generateProcessJourneys(
      spec([
        { name: 'display', reach: 0.6, frequency: 1, effect: 0 },
        { name: 'social', reach: 0.6, frequency: 1, effect: 0.05, after: 'display' },
      ]),
    );
    // display adds nothing itself, yet without it social's touches count for nothing: equal increments.
    expect(truth['display']!.incremental).toBeGreaterThan(10);
    expect(truth['display']!.incremental).toBeCloseTo(truth['social']!.incremental, 9);
  });

  it('power 0 makes every touch after the first add nothing; recency makes old touches count less', () => {
    const flat = generateProcessJourneys(spec([{ name: 'a', reach: 0.5, frequency: 3, effect: 0.1, power: 0 }]));
    const once = generateProcessJourneys(spec([{ name: 'a', reach: 0.5, frequency: 0, effect: 0.1 }]));
    // The same users are reached (same draws up to the counts); with power 0 their counts do not matter.
    expect(flat.truth['a']!.incremental / once.truth['a']!.incremental).toBeCloseTo(1, 1);
    const fresh = generateProcessJourneys(spec([{ name: 'a', reach: 0.5, frequency: 1, effect: 0.1 }]));
    const decayed = generateProcessJourneys(
      spec([{ name: 'a', reach: 0.5, frequency: 1, effect: 0.1, halfLifeDays: 7 }]),
    );
    expect(decayed.truth['a']!.incremental).toBeLessThan(0.5 * fresh.truth['a']!.incremental);
  });

  it('an intent-chasing channel reaches the users who convert anyway more often', () => {
    const { events } = generateProcessJourneys(
      spec(
        [
          { name: 'search', reach: 0.3, reachIntent: 1.5, frequency: 0, effect: 0 },
          { name: 'display', reach: 0.5, frequency: 0, effect: 0 },
        ],
        { baseIntent: 1.5, users: 20_000 },
      ),
    );
    const converted = new Set(events.filter((e) => e.event === 'conversion').map((e) => e.user_id));
    const rate = (channel: string, conv: boolean) => {
      const users = new Set(events.filter((e) => e.channel === channel).map((e) => e.user_id));
      const all = new Set(events.map((e) => e.user_id));
      const group = [...all].filter((u) => converted.has(u) === conv);
      return group.filter((u) => users.has(u)).length / group.length;
    };
    // Channels with no effect: search's reach is higher among converters, display's is not (by much).
    expect(rate('search', true) / rate('search', false)).toBeGreaterThan(1.5);
    expect(rate('display', true) / rate('display', false)).toBeLessThan(1.3);
  });

  it.each(JOURNEY_PROCESSES.map((p) => [p.name, p] as const))(
    '%s: journeys within maxDays, 5 channels, shares summing to 1',
    (_, p) => {
      const { events, truth, conversions } = generateProcessJourneys({ ...p, users: 3000 });
      const js = journeysFromEvents(events, p.maxDays + 2);
      const converting = js.filter((j) => j.converted);
      expect(converting.length).toBe(conversions);
      expect(Object.keys(truth)).toHaveLength(5);
      expect(Object.values(truth).reduce((s, t) => s + t.share, 0)).toBeCloseTo(1, 9);
      for (const t of Object.values(truth)) expect(t.share).toBeGreaterThan(0.03);
      // Every touch lies within maxDays of its user's conversion: the lookback covers the journeys.
      const short = journeysFromEvents(events, p.maxDays).filter((j) => j.converted);
      expect(short.reduce((s, j) => s + j.touches.length, 0)).toBe(
        converting.reduce((s, j) => s + j.touches.length, 0),
      );
    },
  );
});
