// Small dense linear algebra on row-major Float64Arrays; the systems here are at most ~100 × 100.

/**
 * Cholesky factor of a symmetric positive-definite matrix: A = L Lᵀ.
 * @param a row-major [n, n]; only the lower triangle is read
 * @param l where L goes (its upper triangle is left as it was), [n, n]; default a new array
 * @returns L row-major [n, n], or null when A is not positive definite
 */
export function cholesky(a: Float64Array, n: number, l = new Float64Array(n * n)): Float64Array | null {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  return l;
}

/**
 * Solves L Lᵀ x = b given the Cholesky factor L [n, n]; b of shape [n].
 * @param x where x goes, [n] (may be b); default a new array
 */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array, x = new Float64Array(n)): Float64Array {
  const y = x;
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/**
 * The Cholesky factor of a symmetric positive semi-definite matrix, adding a tiny ridge (growing
 * from 1e-12 of the largest diagonal) until it factors.
 * @throws Error when no ridge up to 1e3 × the diagonal helps
 */
export function choleskyWithRidge(a: Float64Array, n: number): Float64Array {
  let l = cholesky(a, n);
  for (let jitter = 1e-12; l === null && jitter < 1e3; jitter *= 100) {
    const aj = a.slice();
    let scale = 0;
    for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + i]!));
    for (let i = 0; i < n; i++) aj[i * n + i] = aj[i * n + i]! + jitter * (scale || 1);
    l = cholesky(aj, n);
  }
  if (l === null) throw new Error('cholesky: matrix is not positive definite');
  return l;
}

/**
 * Solves A x = b for symmetric positive-definite A [n, n], adding a tiny ridge when A is singular.
 * @returns x of shape [n]
 */
export function solveSpd(a: Float64Array, n: number, b: Float64Array): Float64Array {
  return choleskySolve(choleskyWithRidge(a, n), n, b);
}

/**
 * (L Lᵀ)⁻¹ from the Cholesky factor L [n, n], whole and symmetric, into `out` [n, n]: W = L⁻¹ by forward
 * substitution, then Wᵀ W, about n³/3 multiply-adds (solving for each column of the identity takes n³).
 * @param work [n, n], overwritten with W (its upper triangle is not written)
 */
export function choleskyInverse(l: Float64Array, n: number, out: Float64Array, work: Float64Array): Float64Array {
  const w = work;
  for (let j = 0; j < n; j++) {
    w[j * n + j] = 1 / l[j * n + j]!;
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s += l[i * n + k]! * w[k * n + j]!;
      w[i * n + j] = -s / l[i * n + i]!;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += w[k * n + i]! * w[k * n + j]!;
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

/** The inverse of a symmetric positive-definite matrix [n, n] (row-major), via Cholesky. */
export function inverseSpd(a: Float64Array, n: number): Float64Array {
  let l = cholesky(a, n);
  if (l === null) {
    const aj = a.slice();
    for (let i = 0; i < n; i++) aj[i * n + i] = aj[i * n + i]! * (1 + 1e-9) + 1e-12;
    l = cholesky(aj, n);
    if (l === null) throw new Error('inverseSpd: matrix is not positive definite');
  }
  return choleskyInverse(l, n, new Float64Array(n * n), new Float64Array(n * n));
}

/** Jᵀ J for J row-major [m, n]: returns [n, n]. */
export function gram(j: Float64Array, m: number, n: number): Float64Array {
  const g = new Float64Array(n * n);
  for (let r = 0; r < m; r++) {
    const o = r * n;
    for (let a = 0; a < n; a++) {
      const ja = j[o + a]!;
      if (ja === 0) continue;
      for (let b = 0; b <= a; b++) g[a * n + b] = g[a * n + b]! + ja * j[o + b]!;
    }
  }
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) g[b * n + a] = g[a * n + b]!;
  return g;
}
