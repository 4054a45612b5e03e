import type { EventRow } from '../mta/journeys';
import { seededRandom } from '../math/random';

/** One channel of the synthetic journeys: its lift per touch and how its exposure depends on intent. */
export interface JourneyChannel {
  name: string;
  /** Probability that one touch makes a conversion happen that would not have otherwise. */
  lift: number;
  /** Mean touches per user for low- and high-intent users (selection when they differ). */
  touchesLow: number;
  touchesHigh: number;
}

/** Synthetic users with known incremental effects and selection on intent. */
export interface JourneySpec {
  seed: number;
  users: number;
  /** Share of users with high intent, and the baseline conversion probability of each group. */
  highShare: number;
  baseLow: number;
  baseHigh: number;
  channels: JourneyChannel[];
}

/** The confounded case of the MTA issue: search and email reach the users who would convert anyway. */
export const CONFOUNDED_JOURNEYS: JourneySpec = {
  seed: 7,
  users: 20_000,
  highShare: 0.2,
  baseLow: 0.01,
  baseHigh: 0.25,
  channels: [
    { name: 'search', lift: 0.02, touchesLow: 0.2, touchesHigh: 2.0 },
    { name: 'email', lift: 0.01, touchesLow: 0.1, touchesHigh: 1.5 },
    { name: 'display', lift: 0.03, touchesLow: 0.8, touchesHigh: 0.8 },
    { name: 'social', lift: 0.04, touchesLow: 0.6, touchesHigh: 0.6 },
  ],
};

function poisson(rand: () => number, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > l; p *= rand()) k++;
  return k;
}

/**
 * Generates event rows: P(convert) = 1 − (1 − base)·Π_c (1 − lift_c)^touches_c, touches spread over
 * 28 days in random order, the conversion a day after the last touch. The truth is each channel's
 * expected incremental conversions, Σ_users [P(convert) − P(convert without that channel's touches)],
 * and its share of their sum.
 */
export function generateJourneys(spec: JourneySpec): {
  events: EventRow[];
  truth: Record<string, { incremental: number; share: number }>;
} {
  const rand = seededRandom(spec.seed);
  const events: EventRow[] = [];
  const incremental = new Map(spec.channels.map((c) => [c.name, 0]));
  const t0 = Date.UTC(2025, 0, 6);
  for (let u = 0; u < spec.users; u++) {
    const high = rand() < spec.highShare;
    const base = high ? spec.baseHigh : spec.baseLow;
    const counts = spec.channels.map((c) => poisson(rand, high ? c.touchesHigh : c.touchesLow));
    const keep = spec.channels.map((c, i) => Math.pow(1 - c.lift, counts[i]!));
    const pAll = 1 - (1 - base) * keep.reduce((a, b) => a * b, 1);
    spec.channels.forEach((c, i) => {
      const without = 1 - (1 - base) * keep.reduce((a, b, k) => (k === i ? a : a * b), 1);
      incremental.set(c.name, incremental.get(c.name)! + pAll - without);
    });
    const touches = spec.channels.flatMap((c, i) => Array.from({ length: counts[i]! }, () => c.name));
    const times = touches.map(() => t0 + Math.floor(rand() * 28 * 86_400_000)).sort((a, b) => a - b);
    for (let i = touches.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [touches[i], touches[j]] = [touches[j]!, touches[i]!];
    }
    const id = `u${u}`;
    touches.forEach((channel, i) =>
      events.push({ user_id: id, timestamp: new Date(times[i]!).toISOString(), channel, event: 'touch', value: 0 }),
    );
    if (touches.length > 0 && rand() < pAll) {
      const at = new Date(times[times.length - 1]! + 86_400_000).toISOString();
      events.push({ user_id: id, timestamp: at, channel: touches[touches.length - 1]!, event: 'conversion', value: 1 });
    }
  }
  const total = [...incremental.values()].reduce((a, b) => a + b, 0);
  return {
    events,
    truth: Object.fromEntries([...incremental].map(([c, v]) => [c, { incremental: v, share: v / total }])),
  };
}
