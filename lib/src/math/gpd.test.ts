import { describe, expect, it } from 'vitest';
import { gpdFit, gpdQuantile, shrinkShape } from './gpd';
import { seededRandom } from './random';

/** n sorted draws of a GPD(k, σ) by inversion. */
function gpdSample(seed: number, n: number, k: number, sigma: number): Float64Array {
  const rand = seededRandom(seed);
  return Float64Array.from({ length: n }, () => gpdQuantile(rand(), k, sigma)).sort();
}

describe('gpdFit', () => {
  it('gpdFit(x) recovers the shape and scale of GPD samples, light to heavy tails', () => {
    for (const [k, sigma] of [
      [-0.3, 1],
      [0, 2],
      [0.5, 1],
      [0.9, 0.01],
    ] as const) {
      let kSum = 0;
      let logSigmaSum = 0;
      for (let seed = 1; seed <= 10; seed++) {
        const fit = gpdFit(gpdSample(seed, 1000, k, sigma));
        kSum += fit.k;
        logSigmaSum += Math.log(fit.sigma / sigma);
      }
      // One fit's sd is ≈ (1 + k)/√1000 ≈ 0.05; the mean of 10 is far tighter.
      expect(Math.abs(kSum / 10 - k)).toBeLessThan(0.03);
      expect(Math.abs(logSigmaSum / 10)).toBeLessThan(0.05);
    }
  });
});

describe('gpdQuantile', () => {
  it('gpdQuantile(p, k, σ) inverts the CDF 1 − (1 + k·x/σ)^(−1/k), with the exponential at k = 0', () => {
    for (const k of [-0.5, 0, 1e-14, 0.3, 1.5]) {
      for (const p of [0, 0.1, 0.5, 0.99]) {
        const x = gpdQuantile(p, k, 2);
        const cdf = k === 0 || Math.abs(k) < 1e-12 ? 1 - Math.exp(-x / 2) : 1 - (1 + (k * x) / 2) ** (-1 / k);
        expect(cdf).toBeCloseTo(p, 12);
      }
    }
  });
});

describe('shrinkShape', () => {
  it('shrinkShape(k, n) moves k toward ½ with weight 10/(n + 10)', () => {
    expect(shrinkShape(0.9, 190)).toBeCloseTo(0.88, 12);
    expect(shrinkShape(0.5, 7)).toBe(0.5);
    expect(shrinkShape(-1, 10)).toBeCloseTo(-0.25, 12);
  });
});
