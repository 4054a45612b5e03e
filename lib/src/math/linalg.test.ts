import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { cholesky, choleskyInverse, choleskySolve, choleskyWithRidge, gram, inverseSpd, solveSpd } from './linalg';

/** A random SPD matrix [n, n] = Bᵀ B + n I. */
function spd(n: number, seed: number): Float64Array {
  const rand = seededRandom(seed);
  const b = Float64Array.from({ length: n * n }, () => rand() - 0.5);
  const a = gram(b, n, n);
  for (let i = 0; i < n; i++) a[i * n + i] = a[i * n + i]! + n;
  return a;
}

function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++) c[i * n + j] = c[i * n + j]! + a[i * n + k]! * b[k * n + j]!;
  return c;
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);

describe('linalg', () => {
  it.each([1, 2, 5, 30])('cholesky(a, %i) gives L with L Lᵀ = A, lower triangular', (n) => {
    const a = spd(n, n);
    const l = cholesky(a, n)!;
    const lt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lt[i * n + j] = l[j * n + i]!;
    expect(maxAbsDiff(matmul(l, lt, n), a)).toBeLessThan(1e-10 * n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
  });

  it.each([
    ['indefinite', Float64Array.from([1, 2, 2, 1])],
    ['singular', Float64Array.from([1, 1, 1, 1])],
    ['negative', Float64Array.from([-1, 0, 0, 1])],
  ])('cholesky(a, 2) is null for a %s matrix', (_name, a) => {
    expect(cholesky(a, 2)).toBeNull();
  });

  it.each([3, 12])('choleskySolve(l, %i, b) and solveSpd(a, n, b) solve A x = b', (n) => {
    const a = spd(n, 100 + n);
    const x = Float64Array.from({ length: n }, (_, i) => i - n / 2);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) b[i] = b[i]! + a[i * n + k]! * x[k]!;
    expect(maxAbsDiff(choleskySolve(cholesky(a, n)!, n, b), x)).toBeLessThan(1e-9);
    expect(maxAbsDiff(solveSpd(a, n, b), x)).toBeLessThan(1e-9);
  });

  it('choleskyWithRidge(a, n) factors a singular PSD matrix with a ridge tiny against its diagonal', () => {
    const a = Float64Array.from([4, 2, 2, 1]); // rank 1
    const l = choleskyWithRidge(a, 2);
    expect(Math.abs(l[0]! * l[0]! - 4)).toBeLessThan(1e-6);
    expect(() => choleskyWithRidge(Float64Array.from([Number.NaN, 0, 0, 1]), 2)).toThrow(/not positive definite/);
  });

  it.each([1, 4, 20])('inverseSpd(a, %i) · A = I', (n) => {
    const a = spd(n, 200 + n);
    const eye = Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));
    expect(maxAbsDiff(matmul(inverseSpd(a, n), a, n), eye)).toBeLessThan(1e-9);
  });

  it.each([1, 4, 16])('choleskyInverse(L, %i) · A = I, both triangles written over stale buffers', (n) => {
    const a = spd(n, 300 + n);
    const eye = Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));
    const out = new Float64Array(n * n).fill(7);
    choleskyInverse(cholesky(a, n)!, n, out, new Float64Array(n * n).fill(-3));
    expect(maxAbsDiff(matmul(out, a, n), eye)).toBeLessThan(1e-9);
    expect(maxAbsDiff(out, inverseSpd(a, n))).toBeLessThan(1e-12);
  });

  it('gram(j, m, n) is Jᵀ J, symmetric, for a J with zeros', () => {
    const m = 7;
    const n = 3;
    const rand = seededRandom(5);
    const j = Float64Array.from({ length: m * n }, (_, k) => (k % 4 === 0 ? 0 : rand() - 0.5));
    const g = gram(j, m, n);
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        let s = 0;
        for (let r = 0; r < m; r++) s += j[r * n + a]! * j[r * n + b]!;
        expect(g[a * n + b]).toBeCloseTo(s, 12);
      }
  });
});

describe('cholesky and choleskySolve into given buffers', () => {
  it('give what the allocating calls give, a reused factor buffer and a solve in place (x = b) too', () => {
    const rand = seededRandom(11);
    const n = 5;
    const j = Float64Array.from({ length: 8 * n }, () => rand() - 0.5);
    const a = gram(j, 8, n);
    const l = cholesky(a, n)!;
    const buffer = Float64Array.from({ length: n * n }, () => 7);
    expect(cholesky(a, n, buffer)).toBe(buffer);
    for (let i = 0; i < n; i++) for (let k = 0; k <= i; k++) expect(buffer[i * n + k]).toBe(l[i * n + k]);
    const b = Float64Array.from({ length: n }, () => rand());
    const x = choleskySolve(l, n, b);
    const inPlace = b.slice();
    expect(choleskySolve(buffer, n, inPlace, inPlace)).toBe(inPlace);
    for (let i = 0; i < n; i++) expect(inPlace[i]).toBeCloseTo(x[i]!, 12);
  });
});
