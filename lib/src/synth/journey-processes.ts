import type { EventRow } from '../mta/journeys';
import { normal, seededRandom } from '../math/random';

/** One channel of a journey process: who it reaches, how often, when, and what a touch does. */
export interface ProcessChannel {
  name: string;
  /** Probability that the channel reaches a user of intent 0 at all. */
  reach: number;
  /** Loading of the reach's logit on the user's intent z (0: reach unrelated to intent). */
  reachIntent?: number;
  /** Mean touches of a reached user beyond the first (Poisson), at intent 0. */
  frequency: number;
  /** Loading of the log frequency on intent. */
  frequencyIntent?: number;
  /** Conversion hazard one (first, fresh) touch adds. */
  effect: number;
  /** n touches add effect · n^power (1: constant returns, below 1: diminishing). Default 1. */
  power?: number;
  /** A touch's effect halves every `halfLifeDays` before the decision; none when absent. */
  halfLifeDays?: number;
  /** The channel works only after a touch of this channel (its earlier touches add nothing). */
  after?: string;
  /** Where in the journey its touches fall: uniform, early (density 2(1 − u)) or late (2u). */
  placement?: 'uniform' | 'early' | 'late';
}

/** A generative process of journeys with a known truth. */
export interface JourneyProcess {
  name: string;
  /** What the process does that the methods do not assume, in words. */
  description: string;
  seed: number;
  users: number;
  /** Journeys last between `minDays` and `maxDays` (uniform); the decision comes at the end. */
  minDays: number;
  maxDays: number;
  /** The users' latent intent z: standard normal, or classes with shares and levels. */
  intent: { kind: 'normal' } | { kind: 'classes'; shares: number[]; levels: number[] };
  /** Baseline hazard at intent 0 and the loading of its log on intent: h0 = baseHazard · e^(baseIntent·z). */
  baseHazard: number;
  baseIntent: number;
  channels: ProcessChannel[];
  /** True when nothing in the events can separate intent from effect (the method should say so). */
  unidentifiable?: boolean;
}

/** Generated events and the truth: each channel's expected incremental conversions and their shares. */
export interface ProcessJourneys {
  events: EventRow[];
  truth: Record<string, { incremental: number; share: number }>;
  conversions: number;
  touches: number;
}

const DAY = 86_400_000;

function poisson(rand: () => number, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > l; p *= rand()) k++;
  return k;
}

interface SimTouch {
  c: number;
  /** Days before the decision. */
  age: number;
}

/**
 * The hazard of a user's touches: H = h0 + Σ_c effect_c Σ_k (k^p − (k − 1)^p) · 2^(−age_k/halfLife),
 * the k-th counted touch of c in time order; a channel with `after` counts only touches after the
 * first touch of that channel. `skip` leaves one channel's touches out (the counterfactual).
 */
function hazard(h0: number, touches: readonly SimTouch[], spec: JourneyProcess, after: number[], skip: number): number {
  let h = h0;
  const seen = new Uint8Array(spec.channels.length);
  const k = new Float64Array(spec.channels.length);
  for (const t of touches) {
    if (t.c === skip) continue;
    const ch = spec.channels[t.c]!;
    const gate = after[t.c]!;
    const counts = gate < 0 || seen[gate] === 1;
    seen[t.c] = 1;
    if (!counts) continue;
    const p = ch.power ?? 1;
    k[t.c] += 1;
    const step = k[t.c] === 1 ? 1 : Math.pow(k[t.c]!, p) - Math.pow(k[t.c]! - 1, p);
    const decay = ch.halfLifeDays ? Math.pow(2, -t.age / ch.halfLifeDays) : 1;
    h += ch.effect * step * decay;
  }
  return h;
}

/**
 * Generates the events of one journey process: per user an intent z, each channel reaching the user
 * with probability logistic(logit(reach) + reachIntent·z) and then 1 + Poisson(frequency·e^(frequencyIntent·z))
 * times, at times spread over a journey of minDays…maxDays; the user converts at the journey's end with
 * P = 1 − e^(−H) (see the hazard above). The truth is exact on the same users and touches (common
 * random numbers): Σ_users P(all touches) − P(without the channel's touches), shares normalized.
 *
 * @example generateProcessJourneys(JOURNEY_PROCESSES[0]).truth.search.share
 */
export function generateProcessJourneys(spec: JourneyProcess): ProcessJourneys {
  const rand = seededRandom(spec.seed);
  const C = spec.channels.length;
  const after = spec.channels.map((c) => (c.after ? spec.channels.findIndex((d) => d.name === c.after) : -1));
  const incremental = new Float64Array(C);
  const events: EventRow[] = [];
  const t0 = Date.UTC(2025, 0, 1);
  let conversions = 0;
  let touchCount = 0;
  for (let u = 0; u < spec.users; u++) {
    let z: number;
    if (spec.intent.kind === 'normal') z = normal(rand);
    else {
      const { shares, levels } = spec.intent;
      let x = rand();
      let k = 0;
      while (k < shares.length - 1 && x >= shares[k]!) x -= shares[k++]!;
      z = levels[k]!;
    }
    const days = spec.minDays + rand() * (spec.maxDays - spec.minDays);
    const touches: SimTouch[] = [];
    spec.channels.forEach((ch, c) => {
      const logit = Math.log(ch.reach / (1 - ch.reach)) + (ch.reachIntent ?? 0) * z;
      if (rand() >= 1 / (1 + Math.exp(-logit))) return;
      const n = 1 + poisson(rand, ch.frequency * Math.exp((ch.frequencyIntent ?? 0) * z));
      for (let i = 0; i < n; i++) {
        const v = rand();
        const at = ch.placement === 'early' ? 1 - Math.sqrt(1 - v) : ch.placement === 'late' ? Math.sqrt(v) : v;
        touches.push({ c, age: days * (1 - at) });
      }
    });
    if (touches.length === 0) continue;
    touches.sort((a, b) => b.age - a.age);
    const h0 = spec.baseHazard * Math.exp(spec.baseIntent * z);
    const pAll = 1 - Math.exp(-hazard(h0, touches, spec, after, -1));
    for (let c = 0; c < C; c++) incremental[c] += pAll - (1 - Math.exp(-hazard(h0, touches, spec, after, c)));
    const start = t0 + Math.floor(rand() * 365 * DAY);
    const end = start + Math.round(days * DAY);
    const id = `u${u}`;
    for (const t of touches) {
      const at = new Date(end - Math.max(1, Math.round(t.age * DAY))).toISOString();
      events.push({ user_id: id, timestamp: at, channel: spec.channels[t.c]!.name, event: 'touch', value: 0 });
    }
    touchCount += touches.length;
    if (rand() < pAll) {
      conversions += 1;
      events.push({ user_id: id, timestamp: new Date(end).toISOString(), channel: '', event: 'conversion', value: 1 });
    }
  }
  const total = incremental.reduce((a, b) => a + b, 0);
  const truth = Object.fromEntries(
    spec.channels.map((ch, c) => [ch.name, { incremental: incremental[c]!, share: incremental[c]! / total }]),
  );
  return { events, truth, conversions, touches: touchCount };
}
