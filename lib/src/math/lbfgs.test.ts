import { describe, expect, it } from 'vitest';
import { lbfgsMaximize } from './lbfgs';

describe('lbfgsMaximize(f, x0)', () => {
  it('finds the maximum of the negated Rosenbrock function from (−1.2, 1)', () => {
    const r = lbfgsMaximize(
      (x, g) => {
        const [a, b] = [x[0]!, x[1]!];
        g[0] = -(-400 * a * (b - a * a) - 2 * (1 - a));
        g[1] = -(200 * (b - a * a));
        return -(100 * (b - a * a) ** 2 + (1 - a) ** 2);
      },
      [-1.2, 1],
      { tolerance: 1e-8 },
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]!).toBeCloseTo(1, 6);
    expect(r.x[1]!).toBeCloseTo(1, 6);
  });

  it('solves a badly scaled 20-dimensional quadratic (condition number 1e4) to its tolerance', () => {
    const n = 20;
    const scale = Array.from({ length: n }, (_, k) => 10 ** (-2 + (4 * k) / (n - 1)));
    const centre = Array.from({ length: n }, (_, k) => Math.sin(k));
    const r = lbfgsMaximize(
      (x, g) => {
        let v = 0;
        for (let k = 0; k < n; k++) {
          const d = x[k]! - centre[k]!;
          v -= 0.5 * scale[k]! * d * d;
          g[k] = -scale[k]! * d;
        }
        return v;
      },
      new Float64Array(n),
      { tolerance: 1e-6, maxIterations: 1000 },
    );
    expect(r.converged).toBe(true);
    // At a gradient below 1e-6, each coordinate is within 1e-6 / scale of the centre.
    for (let k = 0; k < n; k++) expect(Math.abs(r.x[k]! - centre[k]!) * scale[k]!, `x[${k}]`).toBeLessThan(1.1e-6);
  });

  it('stays inside the domain: −Infinity outside it shortens the step', () => {
    // log density of a Gamma(3, 1) in x > 0: maximum at x = 2.
    const r = lbfgsMaximize(
      (x, g) => {
        const v = x[0]!;
        if (!(v > 0)) return -Infinity;
        g[0] = 2 / v - 1;
        return 2 * Math.log(v) - v;
      },
      [40],
    );
    expect(r.x[0]!).toBeCloseTo(2, 6);
  });
});
