import { ConfigError } from '../errors';
import type { Journey } from './journeys';
import { latentIntentWeights } from './latent-intent';
import { markovWeights } from './markov';
import { ruleCredits, type RuleMethod } from './rules';
import { shapleyWeights } from './shapley';

/** Every attribution method. */
export type MtaMethod = RuleMethod | 'markov' | 'markov-2' | 'shapley' | 'latent-intent';

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
];

/** The default: the data-driven method that is robust to selection on intent. */
export const DEFAULT_MTA_METHOD: MtaMethod = 'latent-intent';

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
}

/**
 * Credits each converting journey's conversion to its touches with a method. Rules weigh touches by
 * position or time; Markov (first or second order), Shapley and the latent-intent model weigh channels
 * from all journeys, and a journey's conversion is split over its channels by those weights, equally
 * among a channel's touches.
 *
 * @throws ConfigError on an unknown method
 * @example attribute(journeysFromEvents(rows, 28), 'markov').channels.search.share
 */
export function attribute(journeys: readonly Journey[], method: MtaMethod, halfLifeDays = 7): MtaResult {
  if (!MTA_METHODS.includes(method)) {
    throw new ConfigError(`unknown attribution method ${JSON.stringify(method)}; known: ${MTA_METHODS.join(', ')}`);
  }
  const weights =
    method === 'markov'
      ? markovWeights(journeys, 1)
      : method === 'markov-2'
        ? markovWeights(journeys, 2)
        : method === 'shapley'
          ? shapleyWeights(journeys)
          : method === 'latent-intent'
            ? latentIntentWeights(journeys).weights
            : null;
  const touches: TouchScore[] = [];
  const totals = new Map<string, number>();
  for (const j of journeys) {
    if (!j.converted || j.touches.length === 0) continue;
    let credit: number[];
    if (weights === null) credit = ruleCredits(j, method as RuleMethod, halfLifeDays);
    else {
      const per = new Map<string, number>();
      for (const t of j.touches) per.set(t.channel, (per.get(t.channel) ?? 0) + 1);
      let sum = 0;
      for (const c of per.keys()) sum += weights.get(c) ?? 0;
      credit = j.touches.map((t) =>
        sum > 0 ? (weights.get(t.channel) ?? 0) / sum / per.get(t.channel)! : 1 / j.touches.length,
      );
    }
    j.touches.forEach((t, i) => {
      const score = credit[i]!;
      totals.set(t.channel, (totals.get(t.channel) ?? 0) + score);
      touches.push({ row: t.row, user: j.user, channel: t.channel, time: new Date(t.time).toISOString(), score });
    });
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  const channels: MtaResult['channels'] = {};
  for (const [c, v] of [...totals].sort()) channels[c] = { conversions: v, share: all > 0 ? v / all : 0 };
  return { method, channels, touches };
}
