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
