import { ConfigError } from '../errors';
import { creditByWeights, summarizeJourneys, type JourneyPatterns } from './journey-patterns';
import type { Journey } from './journeys';
import { intentFactorAttribution } from './intent-factor-attribution';
import { latentIntentWeights } from './latent-intent';
import { markovWeights } from './markov';
import { ruleCredits, type RuleMethod } from './rules';
import { shapleyWeights } from './shapley';

/** Every attribution method. */
export type MtaMethod = RuleMethod | 'markov' | 'markov-2' | 'shapley' | 'latent-intent' | 'intent-factor';

/** The methods, rule-based first. */
export const MTA_METHODS: readonly MtaMethod[] = [
  'last',
  'first',
  'linear',
  'time-decay',
  'position',
  'markov',
  'markov-2',
  'shapley',
  'latent-intent',
  'intent-factor',
];

/**
 * The default: the continuous-intent model, closest to the true incremental shares on every journey
 * process of bench/mta-processes.mjs (bench/README.md), and the one that says where it cannot tell.
 */
export const DEFAULT_MTA_METHOD: MtaMethod = 'intent-factor';

/** One touchpoint's score: the share of a conversion it is credited with. */
export interface TouchScore {
  row: number;
  user: string;
  channel: string;
  time: string;
  score: number;
}

/** Attribution result: `{method, channels: {<name>: {conversions, share}}}` plus one score per touch. */
export interface MtaResult {
  method: MtaMethod;
  channels: Record<string, { conversions: number; share: number }>;
  touches: TouchScore[];
  /** Where the events cannot separate intent from effect, why, in words (data-driven methods that know). */
  reasons?: string[];
}

/** Channel credit without the touches: what both the in-memory and the SQL path report. */
export interface PatternAttribution {
  method: MtaMethod;
  channels: MtaResult['channels'];
  /** The data-driven method's channel weights (a journey's conversion is split by them); null for rules. */
  weights: Map<string, number> | null;
  /** Where the events cannot separate intent from effect, why, in words (intent-factor). */
  reasons?: string[];
}

/** Throws a ConfigError unless `method` is one of {@link MTA_METHODS}. */
export function checkMethod(method: string): asserts method is MtaMethod {
  if (!MTA_METHODS.includes(method as MtaMethod)) {
    throw new ConfigError(`unknown attribution method ${JSON.stringify(method)}; known: ${MTA_METHODS.join(', ')}`);
  }
}

/**
 * Credits the converting journeys' conversions to channels from their {@link JourneyPatterns}: rules by
 * their summed credits, Markov (first or second order), Shapley and the latent-intent model by channel
 * weights from all journeys, a journey's conversion split over its channels by those weights.
 *
 * @throws ConfigError on an unknown method
 * @example attributePatterns(summarizeJourneys(journeys), 'markov').channels.search.share
 */
export function attributePatterns(summary: JourneyPatterns, method: MtaMethod): PatternAttribution {
  checkMethod(method);
  if (method === 'intent-factor') return modelAttribution(summary, method);
  const weights =
    method === 'markov'
      ? markovWeights(summary, 1)
      : method === 'markov-2'
        ? markovWeights(summary, 2)
        : method === 'shapley'
          ? shapleyWeights(summary)
          : method === 'latent-intent'
            ? latentIntentWeights(summary).weights
            : null;
  const rule = summary.rules[method as RuleMethod];
  if (weights === null && !rule) throw new ConfigError(`the journey summary holds no ${method} credits`);
  const totals = weights === null ? rule! : creditByWeights(summary, weights);
  // The channels touched in a converting journey, as the touch scores list them.
  const credited = summary.channels.filter((_, c) => summary.patterns.some((p) => p.converted && p.counts[c]! > 0));
  let all = 0;
  for (const c of credited) all += totals.get(c) ?? 0;
  const channels: MtaResult['channels'] = {};
  for (const c of credited) {
    const v = totals.get(c) ?? 0;
    channels[c] = { conversions: v, share: all > 0 ? v / all : 0 };
  }
  return { method, channels, weights };
}

/**
 * The continuous-intent model's channel totals (its expected incremental conversions, not a split of all
 * conversions), weights (the totals normalized, for the touch scores) and reasons.
 */
function modelAttribution(summary: JourneyPatterns, method: MtaMethod): PatternAttribution {
  const fit = intentFactorAttribution(summary);
  const credited = summary.channels.filter((_, c) => summary.patterns.some((p) => p.converted && p.counts[c]! > 0));
  let all = 0;
  for (const c of credited) all += fit.totals.get(c) ?? 0;
  const channels: MtaResult['channels'] = {};
  for (const c of credited) {
    const v = fit.totals.get(c) ?? 0;
    channels[c] = { conversions: v, share: all > 0 ? v / all : 0 };
  }
  return { method, channels, weights: fit.weights, reasons: fit.reasons };
}

/**
 * The credit of each touch of a converting journey under channel weights: w_c / Σ_{c' in journey} w_c',
 * equally among a channel's touches (by touches when the journey's channels all weigh 0).
 *
 * @returns credits of shape [journey.touches.length]
 */
export function weightedCredits(journey: Journey, weights: ReadonlyMap<string, number>): number[] {
  const per = new Map<string, number>();
  for (const t of journey.touches) per.set(t.channel, (per.get(t.channel) ?? 0) + 1);
  let sum = 0;
  for (const c of per.keys()) sum += weights.get(c) ?? 0;
  return journey.touches.map((t) =>
    sum > 0 ? (weights.get(t.channel) ?? 0) / sum / per.get(t.channel)! : 1 / journey.touches.length,
  );
}

/**
 * Credits each converting journey's conversion to its touches with a method. Rules weigh touches by
 * position or time; Markov (first or second order), Shapley and the latent-intent model weigh channels
 * from all journeys, and a journey's conversion is split over its channels by those weights, equally
 * among a channel's touches. The channel totals come from the journeys' patterns
 * ({@link attributePatterns}), as out of core; for intent-factor they are the model's expected
 * incremental conversions, and `reasons` says where the events cannot separate intent from effect.
 *
 * @throws ConfigError on an unknown method
 * @example attribute(journeysFromEvents(rows, 28), 'markov').channels.search.share
 */
export function attribute(journeys: readonly Journey[], method: MtaMethod, halfLifeDays = 7): MtaResult {
  checkMethod(method);
  const { channels, weights, reasons } = attributePatterns(summarizeJourneys(journeys, halfLifeDays), method);
  const touches: TouchScore[] = [];
  for (const j of journeys) {
    if (!j.converted || j.touches.length === 0) continue;
    const credit = weights === null ? ruleCredits(j, method as RuleMethod, halfLifeDays) : weightedCredits(j, weights);
    j.touches.forEach((t, i) => {
      touches.push({
        row: t.row,
        user: j.user,
        channel: t.channel,
        time: new Date(t.time).toISOString(),
        score: credit[i]!,
      });
    });
  }
  return reasons ? { method, channels, touches, reasons } : { method, channels, touches };
}
