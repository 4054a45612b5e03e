import { describe, expect, it } from 'vitest';
import { levenbergMarquardtMin } from './lm';
import { solveLinear } from '../mmm/solve-linear';

describe('levenbergMarquardtMin', () => {
  it('levenbergMarquardtMin fits y = a·exp(−b·t) to its true parameters', () => {
    const t = Float64Array.from({ length: 30 }, (_, i) => i / 3);
    const y = Float64Array.from(t, (v) => 4 * Math.exp(-0.7 * v));
    const res = levenbergMarquardtMin(
      (p) => Float64Array.from(t, (v, i) => p[0]! * Math.exp(-p[1]! * v) - y[i]!),
      Float64Array.of(1, 0.1),
      { maxIterations: 100, tolerance: 1e-12 },
    );
    expect(res.params[0]).toBeCloseTo(4, 6);
    expect(res.params[1]).toBeCloseTo(0.7, 6);
    expect(res.cost).toBeLessThan(1e-12);
  });

  it('levenbergMarquardtMin minimizes the Rosenbrock valley', () => {
    const res = levenbergMarquardtMin(
      (p) => Float64Array.of(10 * (p[1]! - p[0]! * p[0]!), 1 - p[0]!),
      Float64Array.of(-1.2, 1),
      {
        maxIterations: 200,
        tolerance: 1e-14,
      },
    );
    expect(res.params[0]).toBeCloseTo(1, 4);
    expect(res.params[1]).toBeCloseTo(1, 4);
  });
});

describe('solveLinear', () => {
  it('solveLinear keeps media coefficients non-negative and matches least squares when the bound is inactive', () => {
    // y = 1 + 2·z1 − 0.5·z2: the unconstrained fit gives z2 a negative weight, the constrained one 0.
    const T = 40;
    const z1 = Float64Array.from({ length: T }, (_, t) => (t % 5) / 5);
    const z2 = Float64Array.from({ length: T }, (_, t) => ((t * 7) % 11) / 11);
    const y = Float64Array.from({ length: T }, (_, t) => 1 + 2 * z1[t]! - 0.5 * z2[t]!);
    const p = { nBase: 1, T, y, base: new Float64Array(T).fill(1), sigma: 1 } as unknown as Parameters<
      typeof solveLinear
    >[0];
    const beta = solveLinear(p, [z1, z2], []);
    expect(beta[2]).toBe(0);
    expect(beta[1]).toBeGreaterThan(1.5);
    const free = solveLinear(
      { ...p, y: Float64Array.from({ length: T }, (_, t) => 1 + 2 * z1[t]! + 0.5 * z2[t]!) },
      [z1, z2],
      [],
    );
    expect(free[0]).toBeCloseTo(1, 8);
    expect(free[1]).toBeCloseTo(2, 8);
    expect(free[2]).toBeCloseTo(0.5, 8);
  });
});
