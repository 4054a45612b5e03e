/**
 * A log density on ℝ^dim with its gradient: what Hamiltonian samplers need of a model. The vector is
 * unconstrained (a constrained parameter enters through its transform and the log Jacobian).
 */
export interface LogDensityTarget {
  readonly dim: number;
  /**
   * Returns log p(x) up to a constant and writes ∇ log p(x) into `grad`, both of shape [dim]. A point
   * outside the support returns −∞ (or NaN); the sampler treats it as a divergence.
   */
  logDensityGradient(x: Float64Array, grad: Float64Array): number;
}

/** A point of phase space: position q, momentum p, the gradient of log p at q and log p(q). */
export interface PhasePoint {
  q: Float64Array;
  p: Float64Array;
  grad: Float64Array;
  logDensity: number;
}

/** A zero point of dimension `dim`. */
export function phasePoint(dim: number): PhasePoint {
  return { q: new Float64Array(dim), p: new Float64Array(dim), grad: new Float64Array(dim), logDensity: 0 };
}

/** Copies `from` into `to` (same dimension). */
export function copyPoint(to: PhasePoint, from: PhasePoint): void {
  to.q.set(from.q);
  to.p.set(from.p);
  to.grad.set(from.grad);
  to.logDensity = from.logDensity;
}

/**
 * The Hamiltonian with a diagonal metric: H = −log p(q) + ½ Σ_i m⁻¹_i p_i², NaN turned into +∞ so
 * that a broken point weighs nothing and counts as a divergence.
 *
 * @param inverseMass the diagonal of M⁻¹, shape [dim]
 */
export function hamiltonian(z: PhasePoint, inverseMass: Float64Array): number {
  let k = 0;
  for (let i = 0; i < z.p.length; i++) k += inverseMass[i]! * z.p[i]! * z.p[i]!;
  const h = 0.5 * k - z.logDensity;
  return Number.isNaN(h) ? Infinity : h;
}

/**
 * One leapfrog step of size `epsilon` (negative integrates backward in time), in place:
 * p ← p + ε/2 ∇log p(q); q ← q + ε M⁻¹ p; p ← p + ε/2 ∇log p(q).
 */
export function leapfrog(target: LogDensityTarget, z: PhasePoint, epsilon: number, inverseMass: Float64Array): void {
  const { q, p, grad } = z;
  const half = 0.5 * epsilon;
  const n = q.length;
  for (let i = 0; i < n; i++) {
    p[i] = p[i]! + half * grad[i]!;
    q[i] = q[i]! + epsilon * inverseMass[i]! * p[i]!;
  }
  z.logDensity = target.logDensityGradient(q, grad);
  for (let i = 0; i < n; i++) p[i] = p[i]! + half * grad[i]!;
}

/** Draws p ~ N(0, M) with M = diag(1 / inverseMass), into z.p. */
export function sampleMomentum(z: PhasePoint, inverseMass: Float64Array, normal: () => number): void {
  for (let i = 0; i < z.p.length; i++) z.p[i] = normal() / Math.sqrt(inverseMass[i]!);
}
