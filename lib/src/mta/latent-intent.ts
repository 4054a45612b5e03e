import type { Journey } from './journeys';
import { summarizeJourneys, type JourneyPatterns } from './journey-patterns';

/** What the latent-intent model learned. */
export interface LatentIntentFit {
  channels: string[];
  /** Estimated lift per touch, per channel. */
  lift: number[];
  /** Class shares, baseline conversion and mean touches per channel of each intent class. */
  classes: { share: number; base: number; touches: number[] }[];
  /** Expected incremental conversions per channel and their shares. */
  incremental: Map<string, number>;
  weights: Map<string, number>;
  iterations: number;
}

function logPoisson(k: number, mean: number, logFact: number): number {
  return k * Math.log(Math.max(mean, 1e-12)) - mean - logFact;
}

/**
 * A data-driven attribution that is robust to selection on intent: users belong to latent intent
 * classes that differ in baseline conversion and in how often each channel reaches them; conversion
 * is P = 1 − (1 − base_k)·Π_c (1 − lift_c)^n_c with lifts shared by the classes. Fitted by EM on
 * touch counts and conversions of all journeys (converting or not): the correlation of channels that
 * reach the same high-intent users reveals the classes, so a channel is not credited for conversions
 * that its audience would have made anyway. Weights are each channel's expected incremental conversions,
 * Σ_users E_class[P − P without the channel], normalized.
 *
 * @param input journeys, or their distinct patterns with weights (in memory or from SQL)
 * @param classes number of intent classes (2 by default)
 */
export function latentIntentWeights(
  input: readonly Journey[] | Pick<JourneyPatterns, 'channels' | 'patterns'>,
  classes = 2,
  maxIterations = 300,
): LatentIntentFit {
  // The model sees a journey only through its touch counts per channel and whether it converted, so
  // journeys with the same counts and outcome are one row with a weight: EM runs over the distinct
  // patterns (hundreds to thousands), not over the journeys (millions). They come grouped from SQL or
  // are grouped here.
  const { channels, patterns } = 'patterns' in input ? input : summarizeJourneys(input);
  const C = channels.length;
  const N = patterns.length;
  const n = new Float64Array(N * C);
  const y = new Uint8Array(N);
  const w = new Float64Array(N);
  patterns.forEach((p, r) => {
    n.set(p.counts, r * C);
    y[r] = p.converted ? 1 : 0;
    w[r] = p.weight;
  });
  let total = 0;
  for (let r = 0; r < N; r++) total += w[r]!;
  const logFact = (k: number) => {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  };
  const lf = Float64Array.from(n, logFact);
  // Start: classes split by total touches (heavier users as the higher class).
  const K = classes;
  const share = new Float64Array(K).fill(1 / K);
  const rate = Array.from({ length: K }, () => new Float64Array(C));
  const meanTouch = new Float64Array(C);
  for (let r = 0; r < N; r++) for (let c = 0; c < C; c++) meanTouch[c] += (w[r]! * n[r * C + c]!) / total;
  for (let k = 0; k < K; k++) for (let c = 0; c < C; c++) rate[k]![c] = meanTouch[c]! * (0.5 + k / Math.max(1, K - 1));
  const a = Float64Array.from({ length: K }, (_, k) => Math.log(1 - (0.02 + 0.1 * k))); // log(1 − base)
  const g = new Float64Array(C).fill(Math.log(1 - 0.01)); // log(1 − lift)
  const resp = new Float64Array(N * K);
  let prevLl = -Infinity;
  let it = 0;
  for (; it < maxIterations; it++) {
    // E-step.
    let ll = 0;
    for (let r = 0; r < N; r++) {
      let max = -Infinity;
      const lp = new Float64Array(K);
      for (let k = 0; k < K; k++) {
        let s = Math.log(share[k]!);
        let eta = a[k]!;
        for (let c = 0; c < C; c++) {
          s += logPoisson(n[r * C + c]!, rate[k]![c]!, lf[r * C + c]!);
          eta += n[r * C + c]! * g[c]!;
        }
        s += y[r] ? Math.log(Math.max(1 - Math.exp(eta), 1e-300)) : eta;
        lp[k] = s;
        max = Math.max(max, s);
      }
      let z = 0;
      for (let k = 0; k < K; k++) z += Math.exp(lp[k]! - max);
      ll += w[r]! * (max + Math.log(z));
      for (let k = 0; k < K; k++) resp[r * K + k] = Math.exp(lp[k]! - max) / z;
    }
    // M-step: shares and touch rates in closed form, then Newton steps on the conversion part.
    for (let k = 0; k < K; k++) {
      let mass = 0;
      const acc = new Float64Array(C);
      for (let r = 0; r < N; r++) {
        const q = w[r]! * resp[r * K + k]!;
        mass += q;
        for (let c = 0; c < C; c++) acc[c] += q * n[r * C + c]!;
      }
      share[k] = mass / total;
      for (let c = 0; c < C; c++) rate[k]![c] = acc[c]! / Math.max(mass, 1e-12);
    }
    newtonConversion(n, y, w, resp, N, C, K, a, g);
    if (Math.abs(ll - prevLl) < 1e-7 * Math.abs(ll)) break;
    prevLl = ll;
  }
  // Expected incremental conversions per channel.
  const inc = new Float64Array(C);
  for (let r = 0; r < N; r++) {
    for (let k = 0; k < K; k++) {
      const q = w[r]! * resp[r * K + k]!;
      let eta = a[k]!;
      for (let c = 0; c < C; c++) eta += n[r * C + c]! * g[c]!;
      const pAll = 1 - Math.exp(eta);
      for (let c = 0; c < C; c++) inc[c] += q * (pAll - (1 - Math.exp(eta - n[r * C + c]! * g[c]!)));
    }
  }
  const incTotal = inc.reduce((s, v) => s + v, 0);
  return {
    channels,
    lift: Array.from(g, (v) => 1 - Math.exp(v)),
    classes: Array.from({ length: K }, (_, k) => ({
      share: share[k]!,
      base: 1 - Math.exp(a[k]!),
      touches: Array.from(rate[k]!),
    })),
    incremental: new Map(channels.map((c, i) => [c, inc[i]!])),
    weights: new Map(channels.map((c, i) => [c, incTotal > 0 ? inc[i]! / incTotal : 0])),
    iterations: it,
  };
}

/**
 * Newton steps on the Bernoulli log-likelihood of η_rk = a_k + Σ_c n_rc g_c (concave in [a, g]),
 * weighted by pattern count × class responsibility, keeping every η < 0 (probabilities below 1) by
 * step halving.
 */
function newtonConversion(
  n: Float64Array,
  y: Uint8Array,
  w: Float64Array,
  resp: Float64Array,
  N: number,
  C: number,
  K: number,
  a: Float64Array,
  g: Float64Array,
): void {
  const P = K + C;
  for (let step = 0; step < 5; step++) {
    const grad = new Float64Array(P);
    const hess = new Float64Array(P * P);
    const x = new Float64Array(P);
    for (let r = 0; r < N; r++) {
      for (let k = 0; k < K; k++) {
        const q = w[r]! * resp[r * K + k]!;
        if (q < 1e-12) continue;
        x.fill(0);
        x[k] = 1;
        let eta = a[k]!;
        for (let c = 0; c < C; c++) {
          x[K + c] = n[r * C + c]!;
          eta += n[r * C + c]! * g[c]!;
        }
        const e = Math.exp(Math.min(eta, -1e-9));
        // d/dη of y·log(1 − e^η) + (1 − y)·η, and its (negative) curvature.
        const d1 = y[r] ? -e / (1 - e) : 1;
        const d2 = y[r] ? -e / ((1 - e) * (1 - e)) : 0;
        for (let i = 0; i < P; i++) {
          if (x[i] === 0) continue;
          grad[i] += q * d1 * x[i]!;
          for (let j = 0; j < P; j++) if (x[j] !== 0) hess[i * P + j] += q * d2 * x[i]! * x[j]!;
        }
      }
    }
    for (let i = 0; i < P; i++) hess[i * P + i] -= 1e-6;
    const delta = solve(hess, grad, P).map((v) => -v);
    let t = 1;
    for (let tries = 0; tries < 30; tries++, t /= 2) {
      const na = Float64Array.from(a, (v, k) => v + t * delta[k]!);
      const ng = Float64Array.from(g, (v, c) => Math.min(0, v + t * delta[K + c]!));
      if (na.every((v) => v < 0)) {
        a.set(na);
        g.set(ng);
        break;
      }
    }
  }
}

/** Gaussian elimination with partial pivoting for a small dense system A x = b, A [P, P]. */
function solve(A: Float64Array, b: Float64Array, P: number): number[] {
  const m = A.slice();
  const v = Array.from(b);
  for (let col = 0; col < P; col++) {
    let piv = col;
    for (let r = col + 1; r < P; r++) if (Math.abs(m[r * P + col]!) > Math.abs(m[piv * P + col]!)) piv = r;
    if (piv !== col) {
      for (let j = 0; j < P; j++) [m[col * P + j], m[piv * P + j]] = [m[piv * P + j]!, m[col * P + j]!];
      [v[col], v[piv]] = [v[piv]!, v[col]!];
    }
    const d = m[col * P + col]! || 1e-12;
    for (let r = col + 1; r < P; r++) {
      const f = m[r * P + col]! / d;
      if (f === 0) continue;
      for (let j = col; j < P; j++) m[r * P + j] -= f * m[col * P + j]!;
      v[r] -= f * v[col]!;
    }
  }
  const x = new Array<number>(P).fill(0);
  for (let r = P - 1; r >= 0; r--) {
    let s = v[r]!;
    for (let j = r + 1; j < P; j++) s -= m[r * P + j]! * x[j]!;
    x[r] = s / (m[r * P + r]! || 1e-12);
  }
  return x;
}
