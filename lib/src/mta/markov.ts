import type { Journey } from './journeys';
import {
  CONVERSION,
  NULL,
  START,
  summarizeJourneys,
  type JourneyPatterns,
  type TransitionCounts,
} from './journey-patterns';

/** The conversion probability of a Markov chain given as transition counts, from START. */
function conversionProbability(counts: TransitionCounts, states: readonly string[], removed: string | null): number {
  // Absorbing-chain value iteration: p(s) = Σ P(s→s') p(s'), p(CONV) = 1, p(NULL) = 0; a state that
  // holds the removed channel leads to NULL. States go in sorted order, so the in-memory and the SQL
  // counts give the same numbers.
  const p = new Map<string, number>(states.map((s) => [s, 0]));
  const hit = (s: string) => removed !== null && s !== START && s.split('>').includes(removed);
  for (let iter = 0; iter < 200; iter++) {
    let delta = 0;
    for (const s of states) {
      if (hit(s)) continue;
      const next = counts.get(s)!;
      let total = 0;
      let v = 0;
      for (const [t, c] of next) {
        total += c;
        if (t === CONVERSION) v += c;
        else if (t !== NULL && !hit(t)) v += c * (p.get(t) ?? 0);
      }
      const nv = total > 0 ? v / total : 0;
      delta = Math.max(delta, Math.abs(nv - p.get(s)!));
      p.set(s, nv);
    }
    if (delta < 1e-12) break;
  }
  return p.get(START) ?? 0;
}

/**
 * Markov-chain removal effect from transition counts: the removal effect of a channel is the relative
 * drop in conversion probability when its states lead nowhere. Channel weights are the removal
 * effects normalized to sum to 1.
 *
 * @param channels the channels to weigh
 * @returns weight per channel
 */
export function markovWeightsOfTransitions(counts: TransitionCounts, channels: readonly string[]): Map<string, number> {
  const states = [...counts.keys()].sort();
  const base = conversionProbability(counts, states, null);
  const effects = new Map<string, number>();
  for (const c of channels)
    effects.set(c, base > 0 ? Math.max(0, 1 - conversionProbability(counts, states, c) / base) : 0);
  const total = [...effects.values()].reduce((a, b) => a + b, 0);
  for (const [c, v] of effects) effects.set(c, total > 0 ? v / total : 0);
  return effects;
}

/**
 * Markov-chain removal effect of order k (1 or 2): states are the last k channels of a path; the
 * removal effect of a channel is the relative drop in conversion probability when its states lead
 * nowhere. Channel weights are the removal effects normalized to sum to 1.
 *
 * @param input journeys, or their {@link JourneyPatterns} (in memory or from SQL)
 * @returns weight per channel
 */
export function markovWeights(input: readonly Journey[] | JourneyPatterns, order: 1 | 2 = 1): Map<string, number> {
  const summary = 'transitions' in input ? input : summarizeJourneys(input);
  return markovWeightsOfTransitions(summary.transitions[order], summary.channels);
}
