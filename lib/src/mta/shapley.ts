import { seededRandom } from '../math/random';
import type { Journey } from './journeys';
import { summarizeJourneys, type JourneyPatterns } from './journey-patterns';

/**
 * Shapley values of channels for the game v(S) = conversions of journeys whose channels all lie in S
 * (each converting journey is won by the coalition of its channels). Exact over all subsets up to
 * `exactUpTo` channels; beyond, estimated from `samples` random channel orders (seeded).
 * Weights are normalized to sum to 1.
 *
 * @param input journeys, or their {@link JourneyPatterns} (in memory or from SQL)
 * @returns weight per channel
 */
export function shapleyWeights(
  input: readonly Journey[] | JourneyPatterns,
  exactUpTo = 12,
  samples = 2000,
  seed = 1,
): Map<string, number> {
  const summary = 'patterns' in input ? input : summarizeJourneys(input);
  const channels = summary.channels;
  const n = channels.length;
  // Conversions per channel-set (bit mask).
  const masks = new Map<number, number>();
  for (const p of summary.patterns) {
    if (!p.converted) continue;
    let m = 0;
    p.counts.forEach((k, c) => (m |= k > 0 ? 1 << c : 0));
    masks.set(m, (masks.get(m) ?? 0) + p.weight);
  }
  const phi = new Float64Array(n);
  if (n <= exactUpTo) {
    // v over all subsets by a subset-sum (zeta) transform, then the Shapley sum.
    const v = new Float64Array(1 << n);
    for (const [m, c] of masks) v[m] = v[m]! + c;
    for (let i = 0; i < n; i++) for (let s = 0; s < 1 << n; s++) if (s & (1 << i)) v[s] = v[s]! + v[s ^ (1 << i)]!;
    const fact = [1];
    for (let k = 1; k <= n; k++) fact.push(fact[k - 1]! * k);
    for (let s = 0; s < 1 << n; s++) {
      const size = popcount(s);
      const w = (fact[size]! * fact[n - size - 1]!) / fact[n]!;
      for (let i = 0; i < n; i++) if (!(s & (1 << i))) phi[i] = phi[i]! + w * (v[s | (1 << i)]! - v[s]!);
    }
  } else {
    const rand = seededRandom(seed);
    const list = [...masks];
    const value = (s: number) => list.reduce((a, [m, c]) => ((m & s) === m ? a + c : a), 0);
    const order = channels.map((_, i) => i);
    for (let k = 0; k < samples; k++) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      let s = 0;
      let prev = 0;
      for (const i of order) {
        s |= 1 << i;
        const cur = value(s);
        phi[i] = phi[i]! + (cur - prev) / samples;
        prev = cur;
      }
    }
  }
  const total = phi.reduce((a, b) => a + b, 0);
  return new Map(channels.map((c, i) => [c, total > 0 ? phi[i]! / total : 0]));
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}
