import { describe, expect, it } from 'vitest';
import { normalNodes } from './gauss-hermite';

describe('normalNodes', () => {
  it('normalNodes(3) is −√3, 0, √3 with weights 1/6, 2/3, 1/6', () => {
    const { z, w } = normalNodes(3);
    [-Math.sqrt(3), 0, Math.sqrt(3)].forEach((v, i) => expect(z[i]).toBeCloseTo(v, 12));
    [1 / 6, 2 / 3, 1 / 6].forEach((v, i) => expect(w[i]).toBeCloseTo(v, 12));
  });

  it.each([5, 9, 15])('normalNodes(%i) integrates the normal moments up to degree 2Q − 1', (Q) => {
    const { z, w } = normalNodes(Q);
    // E z^k: 0 for odd k, (k − 1)!! for even k.
    for (let k = 0; k < 2 * Q; k++) {
      const exact = k % 2 ? 0 : Array.from({ length: k / 2 }, (_, i) => 2 * i + 1).reduce((a, b) => a * b, 1);
      const sum = z.reduce((s, v, i) => s + w[i]! * v ** k, 0);
      const scale = z.reduce((s, v, i) => s + w[i]! * Math.abs(v) ** k, 0);
      expect(Math.abs(sum - exact)).toBeLessThan(1e-10 * Math.max(1, scale));
    }
  });
});
