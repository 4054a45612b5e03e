import { describe, expect, it } from 'vitest';
import { ADSTOCK_FAMILIES, SATURATION_FAMILIES } from './registry';

const X = Float64Array.of(0, 1e-6, 0.01, 0.3, 1, 2.5, 7, 40);

describe('SaturationFamily.derivatives(u, at, x, y, dx, du)', () => {
  it('every saturation family gives its exact derivatives', () => {
    for (const f of SATURATION_FAMILIES) expect(f.derivatives, f.name).toBeTypeOf('function');
  });

  for (const f of SATURATION_FAMILIES) {
    it.each([
      [-1.2, 0.4],
      [0, 0],
      [0.8, -0.6],
      [2, 1],
    ])(`${f.name}: y is the transform, ∂y/∂x and ∂y/∂u match central differences (u ≈ %f, %f)`, (a, b) => {
      const n = f.priors(8).length;
      const u = [9, ...[a, b].slice(0, n)]; // at = 1: the family reads from an offset
      const y = new Float64Array(X.length);
      const dx = new Float64Array(X.length);
      const du = Array.from({ length: n }, () => new Float64Array(X.length));
      f.derivatives!(u, 1, X, y, dx, du);
      const at = (uu: number[], x: Float64Array) => f.transform(f.constrain(uu, 1, 8)).apply(x);
      const y0 = at(u, X);
      X.forEach((_, t) => expect(y[t]!).toBeCloseTo(y0[t]!, 12));
      const h = 1e-6;
      const central = (g: (s: number) => Float64Array) => {
        const up = g(h);
        const down = g(-h);
        return Array.from(up, (v, t) => (v - down[t]!) / (2 * h));
      };
      const dxFd = central((s) =>
        at(
          u,
          X.map((v) => Math.max(v + s * Math.max(v, 1e-3), 0)),
        ),
      );
      X.forEach((v, t) => {
        if (v === 0) return;
        expect(dx[t]! * Math.max(v, 1e-3)).toBeCloseTo(dxFd[t]!, 5);
      });
      for (let k = 0; k < n; k++) {
        const fd = central((s) =>
          at(
            u.map((v, i) => (i === k + 1 ? v + s : v)),
            X,
          ),
        );
        X.forEach((v, t) => expect(du[k]![t]!, `x=${v}, u[${k}]`).toBeCloseTo(fd[t]!, 5));
      }
    });
  }
});

describe('AdstockFamily.weights(u, at, lookback, out) and weightDerivatives(u, at, lookback, w, dw)', () => {
  it('every adstock family gives its exact weight derivatives', () => {
    for (const f of ADSTOCK_FAMILIES) expect(f.weightDerivatives, f.name).toBeTypeOf('function');
  });
  for (const f of ADSTOCK_FAMILIES) {
    it.each([
      [-1.2, 0.4, 8],
      [0, 0, 8],
      [0.8, -0.6, 3],
      [2, 1, 12],
      [3.5, -5, 8], // Weibull: both parameters clamped
    ])(
      `${f.name}: weights are the transform's, ∂w/∂u match central differences (u ≈ %f, %f; lookback %i)`,
      (a, b, L) => {
        const n = f.priors(L).length;
        const u = [9, ...[a, b].slice(0, n)]; // at = 1: the family reads from an offset
        const w = f.weights(u, 1, L, new Float64Array(L + 1));
        expect(Array.from(w)).toEqual(Array.from(f.transform(f.constrain(u, 1, L)).weights()));
        const dw = Array.from({ length: n }, () => new Float64Array(L + 1));
        f.weightDerivatives!(u, 1, L, w, dw);
        const h = 1e-6;
        for (let k = 0; k < n; k++) {
          const at = (s: number) =>
            f.weights(
              u.map((v, i) => (i === k + 1 ? v + s : v)),
              1,
              L,
              new Float64Array(L + 1),
            );
          const up = at(h);
          const down = at(-h);
          w.forEach((_, l) => expect(dw[k]![l]!, `l=${l}, u[${k}]`).toBeCloseTo((up[l]! - down[l]!) / (2 * h), 7));
        }
      },
    );
  }
});

describe('AdstockFamily.carry(u, at, lookback, x, from, out, du)', () => {
  // Bursts, a long gap (exact zeros must come back as exact zeros), a spike and a slow tail.
  const x = Float64Array.from({ length: 60 }, (_, t) =>
    t < 10 ? 1 + Math.sin(t) : t < 30 ? 0 : t === 31 ? 40 : t > 45 ? 0.3 + 0.01 * t : 0,
  );
  for (const f of ADSTOCK_FAMILIES.filter((g) => g.carry)) {
    it.each([
      [-1.2, 8, 0],
      [0, 8, 8],
      [2.5, 3, 5],
      [6, 12, 12], // retention near its cap
    ])(
      `${f.name}: the convolution of its weights and of their derivatives (u ≈ %f; lookback %i, from %i)`,
      (a, L, from) => {
        const u = [9, a]; // at = 1: the family reads from an offset
        const n = x.length - from;
        const out = new Float64Array(n);
        const du = [new Float64Array(n)];
        f.carry!(u, 1, L, x, from, out, du);
        const w = f.weights(u, 1, L, new Float64Array(L + 1));
        const dw = [new Float64Array(L + 1)];
        f.weightDerivatives!(u, 1, L, w, dw);
        const conv = (v: Float64Array, t: number) => {
          let s = 0;
          for (let l = 0; l <= Math.min(t, L); l++) s += v[l]! * x[t - l]!;
          return s;
        };
        for (let t = from; t < x.length; t++) {
          const direct = conv(w, t);
          if (direct === 0) expect(out[t - from], `t=${t}`).toBe(0);
          expect(Math.abs(out[t - from]! - direct), `t=${t}`).toBeLessThan(1e-13 * Math.max(1, direct));
          expect(Math.abs(du[0]![t - from]! - conv(dw[0]!, t)), `∂/∂u t=${t}`).toBeLessThan(1e-12);
        }
        const only = new Float64Array(n);
        f.carry!(u, 1, L, x, from, only, null);
        expect(Array.from(only)).toEqual(Array.from(out));
      },
    );
  }
  it('geometric has one', () =>
    expect(ADSTOCK_FAMILIES.find((g) => g.name === 'geometric')?.carry).toBeTypeOf('function'));
});
