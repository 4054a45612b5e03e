import { InputError } from '../errors';
import {
  copyPoint,
  hamiltonian,
  leapfrog,
  phasePoint,
  sampleMomentum,
  type LogDensityTarget,
  type PhasePoint,
} from './phase-point';

/** Dual-averaging constants of Hoffman & Gelman (2014), as in Stan. */
export const DUAL_AVERAGING = { gamma: 0.05, t0: 10, kappa: 0.75 } as const;

/** The state of dual-averaging step-size adaptation on log ε. */
export interface DualAveraging {
  /** The point log ε is shrunk towards: log(10 ε₀). */
  mu: number;
  /** Iterations since the last restart. */
  count: number;
  /** The running mean of (δ − acceptance), H̄. */
  meanError: number;
  /** The averaged iterate, log ε̄. */
  logAverage: number;
}

/** A fresh dual averaging around a step size ε₀ (μ = log 10ε₀). */
export function dualAveraging(stepSize: number): DualAveraging {
  return { mu: Math.log(10 * stepSize), count: 0, meanError: 0, logAverage: 0 };
}

/**
 * One update of dual averaging with acceptance statistic `accept` (capped at 1) against the target δ:
 * H̄ ← (1 − 1/(t + t₀)) H̄ + (δ − accept)/(t + t₀); log ε = μ − √t H̄ / γ;
 * log ε̄ ← t^−κ log ε + (1 − t^−κ) log ε̄. Mutates `state`.
 *
 * @returns the step size ε to use next
 */
export function updateDualAveraging(state: DualAveraging, accept: number, targetAccept: number): number {
  const { gamma, t0, kappa } = DUAL_AVERAGING;
  const t = ++state.count;
  const eta = 1 / (t + t0);
  state.meanError = (1 - eta) * state.meanError + eta * (targetAccept - Math.min(1, accept));
  const logEpsilon = state.mu - (state.meanError * Math.sqrt(t)) / gamma;
  const w = t ** -kappa;
  state.logAverage = w * logEpsilon + (1 - w) * state.logAverage;
  return Math.exp(logEpsilon);
}

/** The step size at the end of adaptation: ε̄ = exp(log ε̄). */
export function finalStepSize(state: DualAveraging): number {
  return Math.exp(state.logAverage);
}

/** Bounds on the step size search: a target that needs a step outside them is improper or broken. */
const STEP_RANGE = [1e-12, 1e7] as const;

/**
 * A starting step size (Stan's heuristic): from `start`, double ε while one leapfrog step from `z`
 * with a fresh momentum keeps e^(H₀ − H) above 0.8, or halve it until it does. `z` is unchanged.
 *
 * @throws InputError when ε leaves [1e-12, 1e7] (an improper or non-finite density)
 */
export function findStepSize(
  target: LogDensityTarget,
  z: PhasePoint,
  start: number,
  inverseMass: Float64Array,
  normal: () => number,
): number {
  const trial = phasePoint(target.dim);
  const threshold = Math.log(0.8);
  let epsilon = start;
  let direction = 0;
  for (;;) {
    copyPoint(trial, z);
    sampleMomentum(trial, inverseMass, normal);
    const h0 = hamiltonian(trial, inverseMass);
    leapfrog(target, trial, epsilon, inverseMass);
    const good = h0 - hamiltonian(trial, inverseMass) > threshold;
    if (direction === 0) direction = good ? 1 : -1;
    else if (good !== direction > 0) return epsilon;
    epsilon = direction > 0 ? 2 * epsilon : 0.5 * epsilon;
    if (epsilon < STEP_RANGE[0] || epsilon > STEP_RANGE[1]) {
      throw new InputError(
        `no step size in [${STEP_RANGE[0]}, ${STEP_RANGE[1]}] keeps a leapfrog step's acceptance near 0.8; got ${epsilon}: is the density proper and finite near the initial point?`,
      );
    }
  }
}
