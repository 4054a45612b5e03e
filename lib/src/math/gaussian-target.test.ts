import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { gaussianTarget, type GaussianSpec } from './gaussian-target';

describe('gaussianTarget', () => {
  it.each<[string, GaussianSpec]>([
    ['sd', { mean: [1, -2], sd: [0.5, 3] }],
    ['precision', { mean: [1, -2], precision: [4, 0.6, 0.6, 1 / 9] }],
  ])('gaussianTarget({ mean, %s }) has −½(x − μ)ᵀΣ⁻¹(x − μ) and its gradient (central differences)', (_kind, spec) => {
    const t = gaussianTarget(spec);
    const x = Float64Array.of(0.3, 0.7);
    const grad = new Float64Array(2);
    const lp = t.logDensityGradient(x, grad);
    const d = [x[0]! - 1, x[1]! + 2];
    const p = spec.sd ? [1 / 0.25, 0, 0, 1 / 9] : Array.from(spec.precision!);
    const quad = d[0]! * (p[0]! * d[0]! + p[1]! * d[1]!) + d[1]! * (p[2]! * d[0]! + p[3]! * d[1]!);
    expect(lp).toBeCloseTo(-0.5 * quad, 12);
    for (let k = 0; k < 2; k++) {
      const h = 1e-6;
      const up = Float64Array.from(x);
      const down = Float64Array.from(x);
      up[k] = up[k]! + h;
      down[k] = down[k]! - h;
      const g = new Float64Array(2);
      expect(grad[k]).toBeCloseTo((t.logDensityGradient(up, g) - t.logDensityGradient(down, g)) / (2 * h), 6);
    }
  });

  it('gaussianTarget(spec) throws InputError without exactly one of sd and precision, or on a wrong shape', () => {
    expect(() => gaussianTarget({ mean: [0] })).toThrow(InputError);
    expect(() => gaussianTarget({ mean: [0], sd: [1], precision: [1] })).toThrow(/exactly one/);
    expect(() => gaussianTarget({ mean: [0, 0], sd: [1] })).toThrow(/`sd` must have length 2; got 1/);
    expect(() => gaussianTarget({ mean: [0, 0], precision: [1, 0, 0] })).toThrow(/`precision` must have length 4/);
  });
});
