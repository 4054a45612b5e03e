import type { JourneyProcess, ProcessChannel } from './journey-processes';

/**
 * Five channels like a retailer's: search and email reach the users of high intent more often (they
 * chase intent), display and social do not, podcast reaches few users with a large effect per touch.
 */
function channels(change: Partial<Record<string, Partial<ProcessChannel>>> = {}): ProcessChannel[] {
  const base: ProcessChannel[] = [
    {
      name: 'search',
      reach: 0.25,
      reachIntent: 1,
      frequency: 1,
      frequencyIntent: 0.4,
      effect: 0.012,
      placement: 'late',
    },
    { name: 'email', reach: 0.3, reachIntent: 0.8, frequency: 1.5, frequencyIntent: 0.3, effect: 0.006 },
    { name: 'display', reach: 0.5, frequency: 1.5, effect: 0.01, placement: 'early' },
    { name: 'social', reach: 0.4, frequency: 1, effect: 0.014 },
    { name: 'podcast', reach: 0.08, frequency: 0.5, effect: 0.05 },
  ];
  return base.map((c) => ({ ...c, ...change[c.name] }));
}

const common = {
  users: 40_000,
  minDays: 14,
  maxDays: 180,
  baseHazard: 0.03,
  baseIntent: 1,
} as const;

/**
 * Journey processes the attribution methods do not assume, each with the exact truth (see
 * `generateProcessJourneys`). Intent drives both conversion and the reach of the intent-chasing
 * channels in all but the last-but-one, where only search chases and nothing else shows intent.
 */
export const JOURNEY_PROCESSES: readonly JourneyProcess[] = [
  {
    ...common,
    name: 'intent-classes',
    description: 'two intent classes (20% of users 12× as likely to convert); search and email chase them',
    seed: 101,
    intent: { kind: 'classes', shares: [0.8, 0.2], levels: [-0.6, 1.9] },
    channels: channels(),
  },
  {
    ...common,
    name: 'continuous-intent',
    description: 'intent is continuous (standard normal), not classes; search and email chase it',
    seed: 102,
    intent: { kind: 'normal' },
    channels: channels(),
  },
  {
    ...common,
    name: 'diminishing',
    description: 'n touches of a channel add effect·n^0.4: the heavy users of a channel get little from each touch',
    seed: 103,
    intent: { kind: 'normal' },
    channels: channels({
      search: { power: 0.4, frequency: 2.5, effect: 0.02 },
      email: { power: 0.4, frequency: 3, effect: 0.01 },
      display: { power: 0.4, frequency: 3, effect: 0.018 },
      social: { power: 0.4, frequency: 2, effect: 0.022 },
      podcast: { power: 0.4, frequency: 1, effect: 0.07 },
    }),
  },
  {
    ...common,
    name: 'recency',
    description: 'a touch’s effect halves every 21 days before the decision; display comes early, search late',
    seed: 104,
    intent: { kind: 'normal' },
    channels: channels({
      search: { halfLifeDays: 21, effect: 0.03 },
      email: { halfLifeDays: 21, effect: 0.015 },
      display: { halfLifeDays: 21, effect: 0.03 },
      social: { halfLifeDays: 21, effect: 0.035 },
      podcast: { halfLifeDays: 21, effect: 0.12 },
    }),
  },
  {
    ...common,
    name: 'sequence',
    description: 'social works only after a display touch: removing display removes social’s effect too',
    seed: 105,
    intent: { kind: 'normal' },
    channels: channels({ social: { after: 'display', effect: 0.03, placement: 'late' } }),
  },
  {
    ...common,
    name: 'reach',
    description: 'very different reach: podcast reaches 3% of users with a large effect, display 80% with a small one',
    seed: 106,
    intent: { kind: 'normal' },
    channels: channels({ podcast: { reach: 0.03, effect: 0.15 }, display: { reach: 0.8, effect: 0.005 } }),
  },
  {
    ...common,
    name: 'intent-chasing',
    description: 'only search chases intent, strongly; no other channel’s reach moves with intent',
    seed: 107,
    intent: { kind: 'normal' },
    channels: channels({
      search: { reachIntent: 1.5, frequencyIntent: 0.6 },
      email: { reachIntent: 0, frequencyIntent: 0 },
    }),
    unidentifiable: true,
  },
  {
    ...common,
    name: 'timing-noise',
    description: 'touch times carry no information: every channel uniform over the journey, effects constant',
    seed: 108,
    intent: { kind: 'normal' },
    channels: channels({ search: { placement: 'uniform' }, display: { placement: 'uniform' } }),
  },
];
