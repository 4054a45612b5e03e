import type { JourneyPatterns } from './journey-patterns';

/**
 * Distinct journey patterns in matrix form: touch counts per channel, whether the journey converted,
 * and how many journeys share the pattern.
 */
export interface CountPatterns {
  channels: string[];
  /** Touch counts, [N, C] row-major. */
  counts: Float64Array;
  converted: Uint8Array;
  weight: Float64Array;
}

/** {@link JourneyPatterns}' patterns as matrices for the model fits. */
export function countPatterns(summary: Pick<JourneyPatterns, 'channels' | 'patterns'>): CountPatterns {
  const C = summary.channels.length;
  const N = summary.patterns.length;
  const counts = new Float64Array(N * C);
  const converted = new Uint8Array(N);
  const weight = new Float64Array(N);
  summary.patterns.forEach((p, r) => {
    counts.set(p.counts, r * C);
    converted[r] = p.converted ? 1 : 0;
    weight[r] = p.weight;
  });
  return { channels: summary.channels, counts, converted, weight };
}

/**
 * The conversion features of a touch count n: min(n, l) for l = 1 … knots, then n, so the hazard a
 * channel adds, Σ_l δ_l x_l with every δ ≥ 0, is any non-decreasing concave function of its touch
 * count, piecewise linear with knots at 1 … knots and linear past them: constant or diminishing
 * returns, never increasing ones (which would let a channel's heavy users' baseline pass for its
 * effect). Writes [knots + 1] values into `out` from `at`.
 */
export function countFeatures(n: number, knots: number, out: Float64Array, at = 0): void {
  for (let l = 1; l <= knots; l++) out[at + l - 1] = Math.min(n, l);
  out[at + knots] = n;
}

/** The shape of the conversion features: `knots` per channel and, with `pairs`, one per ordered pair. */
export interface FeatureShape {
  channels: number;
  knots: number;
  pairs: boolean;
}

/** How many conversion features a journey has: C·(knots + 1), plus C·(C − 1) with pairs. */
export function featureCount(s: FeatureShape): number {
  return s.channels * (s.knots + 1) + (s.pairs ? s.channels * (s.channels - 1) : 0);
}

/**
 * A journey's conversion features from its touch counts [C] (from `at` in `counts`): each channel's
 * {@link countFeatures}, then with pairs n_c·1[n_d > 0] for every ordered pair c ≠ d (c works more, or
 * only, when d also reached the user: a channel that needs another one first). Writes
 * {@link featureCount} values into `out` from `to`.
 */
export function journeyFeatures(counts: ArrayLike<number>, s: FeatureShape, out: Float64Array, at = 0, to = 0): void {
  const C = s.channels;
  const G = s.knots + 1;
  for (let c = 0; c < C; c++) countFeatures(counts[at + c]!, s.knots, out, to + c * G);
  if (!s.pairs) return;
  let f = to + C * G;
  for (let c = 0; c < C; c++) {
    for (let d = 0; d < C; d++) if (d !== c) out[f++] = counts[d + at]! > 0 ? counts[at + c]! : 0;
  }
}

/**
 * The touch hazard Σ_f δ_f x_f of one journey, and in `removed` [C] the part each channel's removal
 * takes away: its own features and every pair it is in.
 *
 * @param x the journey's features ({@link journeyFeatures}), δ their coefficients
 */
export function hazardParts(x: Float64Array, delta: Float64Array, s: FeatureShape, removed: Float64Array): number {
  const C = s.channels;
  const G = s.knots + 1;
  removed.fill(0);
  let total = 0;
  for (let c = 0; c < C; c++) {
    for (let l = 0; l < G; l++) removed[c] += x[c * G + l]! * delta[c * G + l]!;
    total += removed[c]!;
  }
  if (!s.pairs) return total;
  let f = C * G;
  for (let c = 0; c < C; c++) {
    for (let d = 0; d < C; d++) {
      if (d === c) continue;
      const v = x[f]! * delta[f]!;
      f++;
      removed[c] += v;
      removed[d] += v;
      total += v;
    }
  }
  return total;
}
