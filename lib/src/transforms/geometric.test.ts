import { describe, expect, it } from 'vitest';
import { convolveLags, geometricAdstock, geometricWeights } from './geometric';
import { InputError } from '../errors';

const f = (...v: number[]) => Float64Array.from(v);

describe('geometricWeights', () => {
  it.each([
    [{ theta: 0.5, lMax: 3, normalize: false }, [1, 0.5, 0.25, 0.125]],
    [{ theta: 0.5, lMax: 1, normalize: true }, [2 / 3, 1 / 3]],
    [{ theta: 0, lMax: 2, normalize: false }, [1, 0, 0]],
    [{ theta: 0.9, lMax: 0, normalize: false }, [1]],
  ])('geometricWeights(%j) is %j', (opts, expected) => {
    const w = geometricWeights(opts);
    expect(w).toHaveLength(expected.length);
    expected.forEach((v, i) => expect(w[i]).toBeCloseTo(v, 12));
  });

  it('geometricWeights({ normalize: true }) sums to 1', () => {
    const w = geometricWeights({ theta: 0.7, lMax: 8, normalize: true });
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it.each([
    ['theta', { theta: 1, lMax: 2, normalize: false }, 'got 1'],
    ['theta', { theta: -0.1, lMax: 2, normalize: false }, 'got -0.1'],
    ['lMax', { theta: 0.5, lMax: 2.5, normalize: false }, 'got 2.5'],
  ])('geometricWeights rejects a bad `%s`', (field, opts, fragment) => {
    expect(() => geometricWeights(opts)).toThrow(InputError);
    expect(() => geometricWeights(opts)).toThrow(`\`${field}\``);
    expect(() => geometricWeights(opts)).toThrow(fragment);
  });
});

describe('geometricAdstock', () => {
  it('geometricAdstock(x, { theta: 0.5, lMax: 2 }) matches the hand-computed sums', () => {
    // y0 = 4; y1 = 2 + 0.5·4 = 4; y2 = 0 + 0.5·2 + 0.25·4 = 2; y3 = 8 + 0 + 0.25·2 = 8.5 (lag 3 dropped)
    const y = geometricAdstock(f(4, 2, 0, 8), { theta: 0.5, lMax: 2, normalize: false });
    expect(Array.from(y)).toEqual([4, 4, 2, 8.5]);
  });

  it('geometricAdstock with normalize keeps the total of an impulse within the window', () => {
    const y = geometricAdstock(f(10, 0, 0, 0, 0, 0), { theta: 0.6, lMax: 5, normalize: true });
    expect(y.reduce((a, b) => a + b, 0)).toBeCloseTo(10, 10);
    expect(y[1]! / y[0]!).toBeCloseTo(0.6, 12);
  });

  it('geometricAdstock writes into `out` and returns it', () => {
    const out = new Float64Array(3);
    const y = geometricAdstock(f(1, 1, 1), { theta: 0.5, lMax: 1, normalize: false }, out);
    expect(y).toBe(out);
    expect(Array.from(out)).toEqual([1, 1.5, 1.5]);
  });

  it('convolveLags rejects an `out` of the wrong length', () => {
    expect(() => convolveLags(f(1, 2), f(1), new Float64Array(3))).toThrow('`out` must be a Float64Array of length 2');
  });
});
