/** What {@link lbfgsMaximize} found. */
export interface LbfgsResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  evaluations: number;
  /** The gradient's largest component fell below the tolerance. */
  converged: boolean;
}

/**
 * Maximizes a smooth function by limited-memory BFGS (Nocedal & Wright, algorithm 7.4: the two-loop
 * recursion over the last `memory` steps) with a backtracking line search on the Armijo condition.
 * A step whose curvature s·y is not positive is not remembered, so the implied Hessian stays definite.
 *
 * @param f returns the value at x and fills `grad` with its gradient; −Infinity or NaN is "outside"
 * @param x0 the start, [n]
 * @param options `maxIterations` (default 500), `tolerance` on max |gradient| (default 1e-6),
 *   `memory` (default 10)
 * @example lbfgsMaximize((x, g) => { g[0] = -2 * (x[0]! - 3); return -((x[0]! - 3) ** 2); }, [0]).x // [3]
 */
export function lbfgsMaximize(
  f: (x: Float64Array, grad: Float64Array) => number,
  x0: ArrayLike<number>,
  options: { maxIterations?: number; tolerance?: number; memory?: number } = {},
): LbfgsResult {
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-6;
  const memory = options.memory ?? 10;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let value = f(x, g);
  let evaluations = 1;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const maxAbs = (v: Float64Array) => v.reduce((m, e) => Math.max(m, Math.abs(e)), 0);
  let iterations = 0;
  for (; iterations < maxIterations && maxAbs(g) > tolerance; iterations++) {
    // Ascent direction d = H·g from the two-loop recursion (H the inverse of −Hessian's estimate).
    const d = g.slice();
    const alpha = new Array<number>(s.length);
    for (let i = s.length - 1; i >= 0; i--) {
      alpha[i] = rho[i]! * dot(s[i]!, d);
      axpy(-alpha[i]!, y[i]!, d);
    }
    const last = s.length - 1;
    const gamma = last >= 0 ? dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!) : 1 / Math.max(1, maxAbs(g));
    for (let k = 0; k < n; k++) d[k] = d[k]! * gamma;
    for (let i = 0; i < s.length; i++) {
      const beta = rho[i]! * dot(y[i]!, d);
      axpy(alpha[i]! - beta, s[i]!, d);
    }
    let slope = dot(g, d);
    if (!(slope > 0)) {
      // Not an ascent direction (numerical trouble): restart from the gradient.
      s.length = y.length = rho.length = 0;
      d.set(g);
      for (let k = 0; k < n; k++) d[k] = d[k]! / Math.max(1, maxAbs(g));
      slope = dot(g, d);
    }
    let step = 1;
    let xNew = x;
    const gNew = new Float64Array(n);
    let vNew = -Infinity;
    for (let tries = 0; tries < 40; tries++) {
      xNew = Float64Array.from(x, (v, k) => v + step * d[k]!);
      vNew = f(xNew, gNew);
      evaluations++;
      if (Number.isFinite(vNew) && vNew >= value + 1e-4 * step * slope) break;
      step *= 0.5;
      vNew = -Infinity;
    }
    if (!Number.isFinite(vNew)) break; // no step improves: as far as this search gets
    const sk = Float64Array.from(xNew, (v, k) => v - x[k]!);
    // y is the change of the gradient of −f (the function minimized): −(gNew − g).
    const yk = Float64Array.from(gNew, (v, k) => g[k]! - v);
    const sy = dot(sk, yk);
    if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
      if (s.length > memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
    }
    const gain = vNew - value;
    x = xNew;
    g = gNew;
    value = vNew;
    if (gain <= 1e-15 * Math.max(1, Math.abs(value)) && maxAbs(g) <= 1e3 * tolerance) break; // stalled
  }
  return { x, value, gradient: g, iterations, evaluations, converged: maxAbs(g) <= tolerance };
}

function dot(a: Float64Array, b: Float64Array): number {
  let v = 0;
  for (let k = 0; k < a.length; k++) v += a[k]! * b[k]!;
  return v;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let k = 0; k < y.length; k++) y[k] = y[k]! + a * x[k]!;
}
