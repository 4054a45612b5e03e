import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { normal, seededRandom } from './random';
import { weightedMean, weightedMeanMcse, weightedQuantile } from './weighted';

const equal = (n: number) => new Float64Array(n);

describe('weightedMean', () => {
  it('weightedMean(x, lw) normalizes unnormalized log weights, also near ±1000', () => {
    expect(weightedMean(Float64Array.of(1, 3), Float64Array.of(0, Math.log(3)))).toBeCloseTo(2.5, 12);
    expect(weightedMean(Float64Array.of(1, 3), Float64Array.of(1000, 1000 + Math.log(3)))).toBeCloseTo(2.5, 12);
    expect(weightedMean(Float64Array.of(1, 3, 5), Float64Array.of(-1000, -Infinity, -1000))).toBeCloseTo(3, 12);
  });

  it('weightedMean(x, lw) rejects unequal lengths, NaN weights and no weight at all', () => {
    expect(() => weightedMean(Float64Array.of(1), Float64Array.of(0, 0))).toThrow(InputError);
    expect(() => weightedMean(Float64Array.of(1, 2), Float64Array.of(0, NaN))).toThrow(
      /`logWeights` must be finite or −∞/,
    );
    expect(() => weightedMean(Float64Array.of(1), Float64Array.of(-Infinity))).toThrow(/at least one finite entry/);
    expect(() => weightedMean(new Float64Array(0), new Float64Array(0))).toThrow(/at least one draw/);
  });
});

describe('weightedMeanMcse', () => {
  it('weightedMeanMcse(x, equal weights) is sd/√S with divisor S', () => {
    const x = Float64Array.of(1, 2, 3, 4);
    // mean 2.5, Σ(x − 2.5)² = 5: √(5/4)/√4 = √5/4.
    expect(weightedMeanMcse(x, equal(4))).toBeCloseTo(Math.sqrt(5) / 4, 12);
  });

  it('weightedMeanMcse(x, lw) matches the spread of the weighted mean over repeated seeds', () => {
    // N(0, 1) draws weighted toward N(0.5, 1): the MCSE should predict the sd of the estimate.
    const estimates: number[] = [];
    const mcses: number[] = [];
    for (let seed = 1; seed <= 100; seed++) {
      const rand = seededRandom(seed);
      const x = Float64Array.from({ length: 500 }, () => normal(rand));
      const lw = x.map((v) => 0.5 * v);
      estimates.push(weightedMean(x, lw));
      mcses.push(weightedMeanMcse(x, lw));
    }
    const mean = estimates.reduce((a, v) => a + v, 0) / 100;
    const sd = Math.sqrt(estimates.reduce((a, v) => a + (v - mean) ** 2, 0) / 99);
    const mcse = mcses.reduce((a, v) => a + v, 0) / 100;
    expect(Math.abs(mean - 0.5)).toBeLessThan(3 * (sd / 10));
    expect(mcse / sd).toBeGreaterThan(0.8);
    expect(mcse / sd).toBeLessThan(1.25);
  });
});

describe('weightedQuantile', () => {
  it('weightedQuantile(x, equal weights, p) is the Hazen quantile', () => {
    const x = Float64Array.of(5, 1, 4, 2, 3);
    for (const [p, q] of [
      [0, 1],
      [0.1, 1],
      [0.2, 1.5],
      [0.5, 3],
      [0.75, 4.25],
      [1, 5],
    ] as const) {
      expect(weightedQuantile(x, equal(5), p)).toBeCloseTo(q, 12);
    }
  });

  it('weightedQuantile(x, lw, p) follows the weights: a draw of weight ½ holds the median', () => {
    const x = Float64Array.of(1, 2, 3);
    const lw = Float64Array.of(Math.log(0.25), Math.log(0.5), Math.log(0.25));
    expect(weightedQuantile(x, lw, 0.5)).toBeCloseTo(2, 12);
    // Midpoints at 0.125, 0.5, 0.875: p = 0.3 lies between draws 1 and 2.
    expect(weightedQuantile(x, lw, 0.3125)).toBeCloseTo(1.5, 12);
    expect(weightedQuantile(x, Float64Array.of(-Infinity, 0, -Infinity), 0.9)).toBe(2);
  });

  it('weightedQuantile(x, lw, p) of N(0, 1) draws weighted to N(0.5, 1) gives its quantiles', () => {
    const rand = seededRandom(3);
    const x = Float64Array.from({ length: 20_000 }, () => normal(rand));
    const lw = x.map((v) => 0.5 * v);
    expect(weightedQuantile(x, lw, 0.5)).toBeCloseTo(0.5, 1);
    expect(weightedQuantile(x, lw, 0.05)).toBeCloseTo(0.5 - 1.6449, 1);
    expect(weightedQuantile(x, lw, 0.95)).toBeCloseTo(0.5 + 1.6449, 1);
  });

  it('weightedQuantile(x, lw, p) rejects p outside [0, 1]', () => {
    expect(() => weightedQuantile(Float64Array.of(1), equal(1), 1.5)).toThrow(
      /`p` must be a number in \[0, 1\]; got 1.5/,
    );
  });
});
