import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-quantile';

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.8413447460685429, 1],
    [0.02, -2.053748910631823],
    [0.001, -3.090232306167814],
    [1e-10, -6.361340902404056],
  ])('normalQuantile(%d) = %d to 1e-8', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-8 * Math.max(1, Math.abs(z)));
  });

  it('normalQuantile(1 − p) = −normalQuantile(p), ±∞ at 0 and 1, NaN outside', () => {
    for (const p of [0.001, 0.01, 0.1, 0.3]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 8);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});
