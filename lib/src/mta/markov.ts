import type { Journey } from './journeys';

const START = '(start)';
const CONV = '(conversion)';
const NULL = '(null)';

/** The conversion probability of a Markov chain given as transition counts, from START. */
function conversionProbability(counts: Map<string, Map<string, number>>, removed: string | null): number {
  // Absorbing-chain value iteration: p(s) = Σ P(s→s') p(s'), p(CONV) = 1, p(NULL) = 0; a state that
  // holds the removed channel leads to NULL.
  const states = [...counts.keys()];
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
        if (t === CONV) v += c;
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
 * Markov-chain removal effect of order k: states are the last k channels of a path; the removal effect
 * of a channel is the relative drop in conversion probability when its states lead nowhere.
 * Channel weights are the removal effects normalized to sum to 1.
 *
 * @returns weight per channel
 */
export function markovWeights(journeys: readonly Journey[], order = 1): Map<string, number> {
  const counts = new Map<string, Map<string, number>>();
  const add = (a: string, b: string) => {
    const m = counts.get(a) ?? new Map<string, number>();
    m.set(b, (m.get(b) ?? 0) + 1);
    counts.set(a, m);
    if (!counts.has(b) && b !== CONV && b !== NULL) counts.set(b, new Map());
  };
  const channels = new Set<string>();
  for (const j of journeys) {
    if (j.touches.length === 0) continue;
    let prev = START;
    const path: string[] = [];
    for (const t of j.touches) {
      channels.add(t.channel);
      path.push(t.channel);
      const state = path.slice(-order).join('>');
      add(prev, state);
      prev = state;
    }
    add(prev, j.converted ? CONV : NULL);
  }
  const base = conversionProbability(counts, null);
  const effects = new Map<string, number>();
  for (const c of channels) effects.set(c, base > 0 ? Math.max(0, 1 - conversionProbability(counts, c) / base) : 0);
  const total = [...effects.values()].reduce((a, b) => a + b, 0);
  for (const [c, v] of effects) effects.set(c, total > 0 ? v / total : 0);
  return effects;
}
