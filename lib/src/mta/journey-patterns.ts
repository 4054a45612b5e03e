import type { Journey } from './journeys';
import { ruleCredits, type RuleMethod } from './rules';

/** Journeys that share their touch counts per channel and their outcome, as one row with a weight. */
export interface JourneyPattern {
  /** Touches per channel, in the order of {@link JourneyPatterns.channels}; shape [channels.length]. */
  counts: number[];
  converted: boolean;
  /** How many journeys have this pattern. */
  weight: number;
}

/**
 * Transition counts of a Markov chain over journeys: from a state to the next, where a state is the
 * last k channels joined by `>` (fewer at a journey's start), `(start)` before the first touch and
 * `(conversion)` or `(null)` after the last.
 */
export type TransitionCounts = Map<string, Map<string, number>>;

/** Names of the Markov chain's special states. */
export const START = '(start)';
export const CONVERSION = '(conversion)';
export const NULL = '(null)';

/**
 * All that the attribution methods read from the journeys (journeys with at least one touch):
 * the distinct patterns with weights (latent intent, Shapley and every data-driven method's split),
 * the transition counts of order 1 and 2 (Markov) and each rule's credit per channel summed over the
 * converting journeys. Built in memory by {@link summarizeJourneys} or out of core in SQL
 * (`journeySql`), with the same numbers.
 */
export interface JourneyPatterns {
  /** Every channel touched in a journey, sorted. */
  channels: string[];
  /** Sorted by {@link comparePatterns}, so both paths feed the methods in one order. */
  patterns: JourneyPattern[];
  transitions: { 1: TransitionCounts; 2: TransitionCounts };
  /** Per rule method, the credit per channel summed over converting journeys (SQL: the method asked). */
  rules: Partial<Record<RuleMethod, Map<string, number>>>;
  /** The time-decay half-life the `time-decay` credits were computed with. */
  halfLifeDays: number;
}

/** The rule methods, in a fixed order. */
export const RULE_METHODS: readonly RuleMethod[] = ['last', 'first', 'linear', 'time-decay', 'position'];

/** Orders patterns: non-converting first, then by counts (lexicographic). */
export function comparePatterns(a: JourneyPattern, b: JourneyPattern): number {
  if (a.converted !== b.converted) return a.converted ? 1 : -1;
  for (let c = 0; c < a.counts.length; c++) if (a.counts[c] !== b.counts[c]) return a.counts[c]! - b.counts[c]!;
  return 0;
}

/** Adds `count` to the transition `from → to`. */
export function addTransition(t: TransitionCounts, from: string, to: string, count = 1): void {
  const m = t.get(from) ?? new Map<string, number>();
  m.set(to, (m.get(to) ?? 0) + count);
  t.set(from, m);
}

/**
 * Groups in-memory journeys into {@link JourneyPatterns} (journeys without a touch are left out, as
 * every method leaves them out).
 *
 * @example summarizeJourneys(journeysFromEvents(rows, 28)).patterns.length
 */
export function summarizeJourneys(journeys: readonly Journey[], halfLifeDays = 7): JourneyPatterns {
  const channels = [...new Set(journeys.flatMap((j) => j.touches.map((t) => t.channel)))].sort();
  const index = new Map(channels.map((c, i) => [c, i]));
  const byKey = new Map<string, JourneyPattern>();
  const transitions = { 1: new Map(), 2: new Map() };
  const rules = Object.fromEntries(RULE_METHODS.map((m) => [m, new Map<string, number>()])) as Record<
    RuleMethod,
    Map<string, number>
  >;
  for (const j of journeys) {
    if (j.touches.length === 0) continue;
    const counts = new Array<number>(channels.length).fill(0);
    for (const t of j.touches) counts[index.get(t.channel)!]! += 1;
    const key = `${j.converted ? 1 : 0}:${counts.join(',')}`;
    const p = byKey.get(key);
    if (p) p.weight += 1;
    else byKey.set(key, { counts, converted: j.converted, weight: 1 });
    for (const order of [1, 2] as const) {
      let prev = START;
      j.touches.forEach((t, i) => {
        const state = i === 0 || order === 1 ? t.channel : `${j.touches[i - 1]!.channel}>${t.channel}`;
        addTransition(transitions[order], prev, state);
        prev = state;
      });
      addTransition(transitions[order], prev, j.converted ? CONVERSION : NULL);
    }
    if (!j.converted) continue;
    for (const m of RULE_METHODS) {
      const credit = ruleCredits(j, m, halfLifeDays);
      j.touches.forEach((t, i) => rules[m].set(t.channel, (rules[m].get(t.channel) ?? 0) + credit[i]!));
    }
  }
  return { channels, patterns: [...byKey.values()].sort(comparePatterns), transitions, rules, halfLifeDays };
}

/**
 * The credit per channel of the converting patterns when each journey's conversion is split over its
 * channels by `weights` (equally among a channel's touches): channel c of a journey gets
 * w_c / Σ_{c' in journey} w_c'; a journey whose channels all weigh 0 is split by touches.
 *
 * @returns credit per channel (conversions), summed over the patterns' weights
 */
export function creditByWeights(summary: JourneyPatterns, weights: ReadonlyMap<string, number>): Map<string, number> {
  const w = summary.channels.map((c) => weights.get(c) ?? 0);
  const total = new Float64Array(summary.channels.length);
  for (const p of summary.patterns) {
    if (!p.converted) continue;
    let sum = 0;
    let touches = 0;
    p.counts.forEach((n, c) => {
      if (n > 0) sum += w[c]!;
      touches += n;
    });
    p.counts.forEach((n, c) => {
      if (n > 0) total[c]! += p.weight * (sum > 0 ? w[c]! / sum : n / touches);
    });
  }
  return new Map(summary.channels.map((c, i) => [c, total[i]!]));
}
