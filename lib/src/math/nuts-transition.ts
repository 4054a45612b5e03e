import {
  copyPoint,
  hamiltonian,
  leapfrog,
  phasePoint,
  sampleMomentum,
  type LogDensityTarget,
  type PhasePoint,
} from './phase-point';

/** An energy error H − H₀ above this marks a divergent trajectory (Stan's `max_deltaH`). */
export const DIVERGENCE_ENERGY = 1000;

/** What one NUTS transition did. */
export interface TransitionStats {
  /** Doublings of the trajectory that were kept (1 … maxTreeDepth). */
  treeDepth: number;
  leapfrogSteps: number;
  divergent: boolean;
  /** The Hamiltonian at the new state. */
  energy: number;
  /** Mean Metropolis acceptance min(1, e^(H₀ − H)) over every leapfrog step, the target of step-size adaptation. */
  acceptStat: number;
}

/** One NUTS transition from `z` in place, at a step size and diagonal inverse mass. */
export type NutsTransition = (z: PhasePoint, stepSize: number, inverseMass: Float64Array) => TransitionStats;

/** A subtree's summary: momenta at its first and last points, their sum ρ and its multinomial proposal. */
interface Subtree {
  pBegin: Float64Array;
  pEnd: Float64Array;
  rho: Float64Array;
  proposal: PhasePoint;
}

function subtree(dim: number): Subtree {
  const v = () => new Float64Array(dim);
  return { pBegin: v(), pEnd: v(), rho: v(), proposal: phasePoint(dim) };
}

/** The log weight a subtree build returns when it diverged or turned: the trajectory stops. */
const INVALID = Number.NaN;

/**
 * The No-U-Turn Sampler's transition (Hoffman & Gelman 2014; Betancourt 2017), as Stan and nuts-rs run
 * it: the trajectory doubles in a random direction until the generalized U-turn criterion
 * p♯(a)·ρ ≤ 0 or p♯(b)·ρ ≤ 0 (p♯ = M⁻¹p, ρ = Σ p over the trajectory from a to b) holds on the merged
 * tree, or on either half extended by the adjacent point of the other half; the new state is drawn
 * multinomially with weights e^(H₀ − H) (uniformly within subtrees, biased towards the newer half at
 * the top). A leapfrog whose energy error exceeds {@link DIVERGENCE_ENERGY} ends it as divergent.
 * Buffers are allocated once here; a transition allocates nothing.
 *
 * @param rand uniform source in [0, 1); `normal` a standard normal source (both advance the same stream)
 */
export function nutsTransition(
  target: LogDensityTarget,
  maxTreeDepth: number,
  rand: () => number,
  normal: () => number,
): NutsTransition {
  const dim = target.dim;
  const z = phasePoint(dim);
  const forward = phasePoint(dim);
  const backward = phasePoint(dim);
  const top = subtree(dim);
  const rho = new Float64Array(dim);
  // levels[d] holds the second half of a subtree of depth d while it is built.
  const levels = Array.from({ length: maxTreeDepth }, () => subtree(dim));
  let minv = new Float64Array(dim);
  // The running numbers of a transition live in an object's fields, which V8 updates in place (a
  // closure's `let` of a double allocates a heap number on every assignment).
  const run = { epsilon: 0, h0: 0, leapfrogSteps: 0, sumAccept: 0, divergent: false };

  /**
   * The generalized criterion on the merge of a tree A (ends farA, nearA, momentum sum rhoA) and the
   * tree B built next to it (ends nearB, farB, sum rhoB): no U-turn over A ∪ B, over A plus B's first
   * point, nor over A's last point plus B. p♯(a)·ρ = Σ_i m⁻¹_i a_i ρ_i, all six in one pass.
   */
  const mergeHasNoUTurn = (
    farA: Float64Array,
    nearA: Float64Array,
    rhoA: Float64Array,
    nearB: Float64Array,
    farB: Float64Array,
    rhoB: Float64Array,
  ) => {
    let whole1 = 0;
    let whole2 = 0;
    let aPlus1 = 0;
    let aPlus2 = 0;
    let plusB1 = 0;
    let plusB2 = 0;
    for (let i = 0; i < dim; i++) {
      const m = minv[i]!;
      const fa = m * farA[i]!;
      const fb = m * farB[i]!;
      const whole = rhoA[i]! + rhoB[i]!;
      const aPlus = rhoA[i]! + nearB[i]!;
      const plusB = nearA[i]! + rhoB[i]!;
      whole1 += fa * whole;
      whole2 += fb * whole;
      aPlus1 += fa * aPlus;
      aPlus2 += m * nearB[i]! * aPlus;
      plusB1 += m * nearA[i]! * plusB;
      plusB2 += fb * plusB;
    }
    return whole1 > 0 && whole2 > 0 && aPlus1 > 0 && aPlus2 > 0 && plusB1 > 0 && plusB2 > 0;
  };

  /** Builds a subtree of 2^depth leapfrog steps from z into `out`; returns its log weight or INVALID. */
  const build = (depth: number, sign: number, out: Subtree): number => {
    if (depth === 0) {
      leapfrog(target, z, sign * run.epsilon, minv);
      run.leapfrogSteps++;
      const logWeight = run.h0 - hamiltonian(z, minv);
      if (-logWeight > DIVERGENCE_ENERGY) run.divergent = true;
      run.sumAccept += logWeight > 0 ? 1 : Math.exp(logWeight);
      copyPoint(out.proposal, z);
      out.pBegin.set(z.p);
      out.pEnd.set(z.p);
      out.rho.set(z.p);
      return run.divergent ? INVALID : logWeight;
    }
    const first = build(depth - 1, sign, out);
    if (Number.isNaN(first)) return INVALID;
    const second = levels[depth]!;
    const last = build(depth - 1, sign, second);
    if (Number.isNaN(last)) return INVALID;
    const logWeight = logAddExp(first, last);
    const pick = Math.exp(last - logWeight);
    if (pick >= 1 || rand() < pick) copyPoint(out.proposal, second.proposal);
    const ok = mergeHasNoUTurn(out.pBegin, out.pEnd, out.rho, second.pBegin, second.pEnd, second.rho);
    for (let i = 0; i < dim; i++) out.rho[i] = out.rho[i]! + second.rho[i]!;
    out.pEnd.set(second.pEnd);
    return ok ? logWeight : INVALID;
  };

  return (state, stepSize, inverseMass) => {
    minv = inverseMass;
    run.epsilon = stepSize;
    run.leapfrogSteps = 0;
    run.sumAccept = 0;
    run.divergent = false;
    sampleMomentum(state, inverseMass, normal);
    copyPoint(forward, state);
    copyPoint(backward, state);
    rho.set(state.p);
    run.h0 = hamiltonian(state, inverseMass);
    // `state` holds the current draw from here on; the trajectory's weights are relative to e^(−H₀).
    let logSumWeight = 0;
    let depth = 0;
    while (depth < maxTreeDepth) {
      const ahead = rand() > 0.5;
      const end = ahead ? forward : backward;
      const other = ahead ? backward : forward;
      copyPoint(z, end);
      const logWeight = build(depth, ahead ? 1 : -1, top);
      if (Number.isNaN(logWeight)) break;
      depth++;
      if (logWeight > logSumWeight || rand() < Math.exp(logWeight - logSumWeight)) copyPoint(state, top.proposal);
      logSumWeight = logAddExp(logSumWeight, logWeight);
      const ok = mergeHasNoUTurn(other.p, end.p, rho, top.pBegin, top.pEnd, top.rho);
      for (let i = 0; i < dim; i++) rho[i] = rho[i]! + top.rho[i]!;
      copyPoint(end, z);
      if (!ok) break;
    }
    return {
      treeDepth: depth,
      leapfrogSteps: run.leapfrogSteps,
      divergent: run.divergent,
      energy: hamiltonian(state, inverseMass),
      acceptStat: run.sumAccept / run.leapfrogSteps,
    };
  };
}

/** log(eᵃ + eᵇ) without overflow; −∞ + −∞ stays −∞. */
function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b);
  if (m === -Infinity) return -Infinity;
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}
