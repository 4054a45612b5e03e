import { gram, solveSpd } from './linalg';

/** Result of a least-squares minimization. */
export interface LmResult {
  params: Float64Array;
  /** The sum of squared residuals at `params`. */
  cost: number;
  iterations: number;
  converged: boolean;
}

/** Options of {@link levenbergMarquardtMin}. */
export interface LmOptions {
  maxIterations: number;
  /** Stop when the relative decrease of the cost in an accepted step is below this. */
  tolerance: number;
  /**
   * JᵀJ [n, n] and Jᵀr [n] at the parameters, given them and their residuals, J the residuals'
   * Jacobian [m, n]; without it, J by forward differences (n more evaluations of `residuals` a step).
   */
  gaussNewton?: (p: Float64Array, r: Float64Array) => { jtj: Float64Array; jtr: Float64Array };
}

/**
 * Levenberg–Marquardt minimization of ½‖r(p)‖² with the caller's Gauss–Newton system or a forward-difference Jacobian, Marquardt
 * scaling and step acceptance (a step that raises the cost is rejected and the damping raised).
 * Used instead of ml-levenberg-marquardt 5, which always takes the step and runs to maxIterations
 * (see bench/README.md for the comparison on the accuracy cases).
 *
 * @param residuals maps parameters of shape [n] to residuals of shape [m]
 * @param start initial parameters of shape [n]
 */
export function levenbergMarquardtMin(
  residuals: (p: Float64Array) => Float64Array,
  start: Float64Array,
  options: LmOptions,
): LmResult {
  const n = start.length;
  let p = start.slice();
  let r = residuals(p);
  let cost = sumSq(r);
  let lambda = 1e-3;
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations && !converged) {
    iterations++;
    const { jtj, jtr } = options.gaussNewton ? options.gaussNewton(p, r) : differenceSystem(residuals, p, r);
    const g = jtr.map((v) => -v);
    let accepted = false;
    while (!accepted && lambda < 1e10) {
      const a = jtj.slice();
      for (let k = 0; k < n; k++) a[k * n + k] = a[k * n + k]! * (1 + lambda) + 1e-12;
      const step = solveSpd(a, n, g);
      const trial = p.slice();
      for (let k = 0; k < n; k++) trial[k] = trial[k]! + step[k]!;
      const rt = residuals(trial);
      const ct = sumSq(rt);
      if (Number.isFinite(ct) && ct < cost) {
        const rel = (cost - ct) / Math.max(cost, 1e-300);
        p = trial;
        r = rt;
        cost = ct;
        lambda = Math.max(lambda / 5, 1e-9);
        accepted = true;
        if (rel < options.tolerance) converged = true;
      } else lambda *= 8;
    }
    if (!accepted) converged = true; // no downhill step at any damping: a (local) minimum
  }
  return { params: p, cost, iterations, converged };
}

/** JᵀJ and Jᵀr with J = ∂r/∂p by forward differences. */
function differenceSystem(
  residuals: (p: Float64Array) => Float64Array,
  p: Float64Array,
  r: Float64Array,
): { jtj: Float64Array; jtr: Float64Array } {
  const n = p.length;
  const m = r.length;
  const jac = new Float64Array(m * n);
  for (let k = 0; k < n; k++) {
    const h = 1e-6 * Math.max(1, Math.abs(p[k]!));
    const pk = p.slice();
    pk[k] = pk[k]! + h;
    const rk = residuals(pk);
    for (let i = 0; i < m; i++) jac[i * n + k] = (rk[i]! - r[i]!) / h;
  }
  const jtr = new Float64Array(n);
  for (let i = 0; i < m; i++) for (let k = 0; k < n; k++) jtr[k] = jtr[k]! + jac[i * n + k]! * r[i]!;
  return { jtj: gram(jac, m, n), jtr };
}

function sumSq(r: Float64Array): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]! * r[i]!;
  return s;
}
