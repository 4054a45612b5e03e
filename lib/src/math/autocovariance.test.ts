import { describe, expect, it } from 'vitest';
import { autocovariance, fft } from './autocovariance';
import { seededRandom } from './random';

/** γ̂(t) by the definition, O(n²). */
function directAutocovariance(x: number[]): number[] {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  return x.map((_, t) => {
    let s = 0;
    for (let i = 0; i + t < n; i++) s += (x[i]! - mean) * (x[i + t]! - mean);
    return s / n;
  });
}

describe('autocovariance', () => {
  it('fft(re, im) matches the DFT Σ x_j e^(−2πi jk/n), and the inverse brings it back ×n', () => {
    const rand = seededRandom(1);
    const n = 16;
    const x = Array.from({ length: n }, () => rand() - 0.5);
    const re = Float64Array.from(x);
    const im = new Float64Array(n);
    fft(re, im);
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      x.forEach((v, j) => {
        sr += v * Math.cos((-2 * Math.PI * j * k) / n);
        si += v * Math.sin((-2 * Math.PI * j * k) / n);
      });
      expect(re[k]).toBeCloseTo(sr, 12);
      expect(im[k]).toBeCloseTo(si, 12);
    }
    fft(re, im, true);
    x.forEach((v, j) => expect(re[j]! / n).toBeCloseTo(v, 12));
  });

  it.each([1, 2, 7, 100, 513])('autocovariance(x of length %i) equals the direct sum at every lag', (n) => {
    const rand = seededRandom(n);
    const x = Array.from({ length: n }, () => 3 * rand() + 1);
    const fast = autocovariance(x);
    directAutocovariance(x).forEach((v, t) => expect(fast[t]).toBeCloseTo(v, 12));
  });
});
