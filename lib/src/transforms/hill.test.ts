import { describe, expect, it } from 'vitest';
import { hill } from './hill';
import { InputError } from '../errors';

describe('hill', () => {
  it('hill(x, half, shape) is 0.5 at x = half', () => {
    for (const shape of [0.5, 1, 2, 3.7]) {
      expect(hill(Float64Array.of(3), { half: 3, shape })[0]).toBeCloseTo(0.5, 12);
    }
  });

  it.each([
    // x, half, shape, x^s / (x^s + K^s) worked by hand
    [0, 2, 1, 0],
    [4, 2, 1, 4 / 6],
    [4, 2, 2, 16 / 20],
    [1, 2, 2, 1 / 5],
    [9, 3, 0.5, 3 / (3 + Math.sqrt(3))],
  ])('hill(%d, half %d, shape %d) is %d', (x, half, shape, expected) => {
    expect(hill(Float64Array.of(x), { half, shape })[0]).toBeCloseTo(expected, 12);
  });

  it('hill is increasing and stays below 1', () => {
    const y = hill(
      Float64Array.from({ length: 50 }, (_, i) => i * 10),
      { half: 40, shape: 2 },
    );
    for (let i = 1; i < y.length; i++) expect(y[i]).toBeGreaterThan(y[i - 1]!);
    expect(y[y.length - 1]).toBeLessThan(1);
  });

  it('hill rejects a negative input, naming its index', () => {
    expect(() => hill(Float64Array.of(1, -2), { half: 1, shape: 1 })).toThrow(InputError);
    expect(() => hill(Float64Array.of(1, -2), { half: 1, shape: 1 })).toThrow('index 1');
  });

  it('hill rejects a non-positive `half`', () => {
    expect(() => hill(Float64Array.of(1), { half: 0, shape: 1 })).toThrow('`half`');
  });
});
