import { InputError } from '../errors';
import { nutsTransition } from './nuts-transition';
import { phasePoint, type LogDensityTarget } from './phase-point';
import { normal, seededRandom } from './random';
import { dualAveraging, finalStepSize, findStepSize, updateDualAveraging } from './step-size';
import { WARMUP_DEFAULTS, warmupSchedule, WindowVariance, type WarmupBuffers } from './warmup-schedule';

export type { LogDensityTarget } from './phase-point';

/** Which part of a run an iteration belongs to. */
export type NutsPhase = 'warmup' | 'sampling';

/** Options of {@link sampleNuts}. */
export interface NutsOptions {
  /** Warm-up iterations (adaptation; not kept), ≥ 0. */
  warmup: number;
  /** Kept iterations, ≥ 1. */
  draws: number;
  /** Seed of the run's random stream: the same seed, target and start give the same draws. */
  seed: number;
  /** Most doublings of a trajectory (2^maxTreeDepth − 1 leapfrog steps at most); default 10. */
  maxTreeDepth?: number;
  /** The mean acceptance statistic step-size adaptation aims at, in (0, 1); default 0.8. */
  targetAccept?: number;
  /** Where the step size search starts; default 1. */
  initialStepSize?: number;
  /**
   * The warm-up's buffers and first slow window; default Stan's 75, 25 and 50. A chain that starts in
   * the bulk with a good metric (at a posterior's mode, whitened by its Hessian) needs less of the
   * first, which is there to reach the typical set.
   */
  warmupBuffers?: WarmupBuffers;
  /**
   * Whether the warm-up adapts the inverse mass diagonal in its slow windows (default true). False: it
   * adapts the step size alone, by one dual averaging over every warm-up iteration, on the unit metric;
   * for a target already whitened by a metric made from many chains' draws, where a diagonal from one
   * chain's few draws adds noise and its short terminal buffer leaves the step size noisy.
   */
  adaptMetric?: boolean;
  /** Called at most about 100 times per phase, and at each phase's last iteration. */
  onProgress?(phase: NutsPhase, done: number, total: number): void;
}

/** Per-draw sampler statistics, each of shape [draws]. */
export interface NutsStats {
  stepSize: Float64Array;
  treeDepth: Int32Array;
  leapfrogSteps: Int32Array;
  /** 1 where the trajectory hit an energy error above 1000. */
  divergent: Uint8Array;
  /** The Hamiltonian at the draw (for E-BFMI). */
  energy: Float64Array;
  acceptStat: Float64Array;
  logDensity: Float64Array;
}

/** The result of {@link sampleNuts}. */
export interface NutsResult {
  dim: number;
  /** The kept draws, row-major [draws × dim]. */
  draws: Float64Array;
  stats: NutsStats;
  /** The adapted step size (the one every kept draw used). */
  stepSize: number;
  /** The adapted diagonal of the inverse mass matrix (≈ the posterior variances), [dim]. */
  inverseMassDiagonal: Float64Array;
}

/** {@link NutsOptions} with every default filled in, checked. */
export type ResolvedNutsOptions = Required<Omit<NutsOptions, 'onProgress'>> & Pick<NutsOptions, 'onProgress'>;

/**
 * Checks and defaults NUTS options once, at the boundary.
 * @throws InputError naming the option, the rule and the value
 */
export function resolveNutsOptions(options: NutsOptions): ResolvedNutsOptions {
  const r = {
    ...options,
    maxTreeDepth: options.maxTreeDepth ?? 10,
    targetAccept: options.targetAccept ?? 0.8,
    initialStepSize: options.initialStepSize ?? 1,
    warmupBuffers: options.warmupBuffers ?? WARMUP_DEFAULTS,
    adaptMetric: options.adaptMetric ?? true,
  };
  const integer = (name: string, v: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new InputError(`\`${name}\` must be an integer in [${min}, ${max}]; got ${v}`);
    }
  };
  integer('warmup', r.warmup, 0);
  integer('draws', r.draws, 1);
  integer('maxTreeDepth', r.maxTreeDepth, 1, 30);
  if (!Number.isFinite(r.seed)) throw new InputError(`\`seed\` must be a finite number; got ${r.seed}`);
  if (!(r.targetAccept > 0 && r.targetAccept < 1)) {
    throw new InputError(`\`targetAccept\` must be in (0, 1); got ${r.targetAccept}`);
  }
  for (const k of ['initBuffer', 'baseWindow', 'termBuffer'] as const) {
    integer(`warmupBuffers.${k}`, r.warmupBuffers[k], k === 'baseWindow' ? 1 : 0);
  }
  if (!(r.initialStepSize > 0 && Number.isFinite(r.initialStepSize))) {
    throw new InputError(`\`initialStepSize\` must be a finite number > 0; got ${r.initialStepSize}`);
  }
  return r;
}

/**
 * Draws from exp(target.logDensity) by the No-U-Turn Sampler (multinomial, generalized U-turn
 * criterion; see {@link nutsTransition}) with a diagonal mass matrix. Warm-up adapts the step size by
 * dual averaging towards `targetAccept` and the inverse mass diagonal to the regularized variance of
 * the draws in Stan's windows ({@link warmupSchedule}); the step size search restarts after each
 * window. Kept draws use the final step size and metric.
 *
 * @param init the starting point, shape [dim]; its log density and gradient must be finite
 * @returns draws [draws × dim] row-major, per-draw stats, the adapted step size and inverse mass
 * @throws InputError on bad options, a start of the wrong length or with a non-finite density
 * @example sampleNuts(target, new Float64Array(target.dim), { warmup: 1000, draws: 1000, seed: 1 })
 */
export function sampleNuts(target: LogDensityTarget, init: ArrayLike<number>, options: NutsOptions): NutsResult {
  const o = resolveNutsOptions(options);
  const dim = target.dim;
  if (!Number.isInteger(dim) || dim < 1) throw new InputError(`\`target.dim\` must be an integer ≥ 1; got ${dim}`);
  if (init.length !== dim) throw new InputError(`the initial point must have length ${dim}; got ${init.length}`);
  const z = phasePoint(dim);
  z.q.set(init);
  z.logDensity = target.logDensityGradient(z.q, z.grad);
  if (!Number.isFinite(z.logDensity) || !z.grad.every(Number.isFinite)) {
    throw new InputError(`the log density and its gradient must be finite at the initial point; got ${z.logDensity}`);
  }
  const rand = seededRandom(o.seed);
  const gauss = () => normal(rand);
  const transition = nutsTransition(target, o.maxTreeDepth, rand, gauss);
  const inverseMass = new Float64Array(dim).fill(1);
  const schedule = o.adaptMetric
    ? warmupSchedule(o.warmup, o.warmupBuffers)
    : { initBuffer: o.warmup, termBuffer: 0, windowEnds: [] };
  const windowVariance = new WindowVariance(dim);
  const report = progress(o.onProgress);

  let epsilon = findStepSize(target, z, o.initialStepSize, inverseMass, gauss);
  let adaptation = dualAveraging(epsilon);
  let nextWindow = 0;
  for (let i = 0; i < o.warmup; i++) {
    const s = transition(z, epsilon, inverseMass);
    epsilon = updateDualAveraging(adaptation, s.acceptStat, o.targetAccept);
    if (i >= schedule.initBuffer && i < o.warmup - schedule.termBuffer) windowVariance.add(z.q);
    if (i === schedule.windowEnds[nextWindow]) {
      nextWindow++;
      windowVariance.takeRegularized(inverseMass);
      epsilon = findStepSize(target, z, epsilon, inverseMass, gauss);
      adaptation = dualAveraging(epsilon);
    }
    report('warmup', i + 1, o.warmup);
  }
  if (adaptation.count > 0) epsilon = finalStepSize(adaptation);

  const n = o.draws;
  const draws = new Float64Array(n * dim);
  const stats: NutsStats = {
    stepSize: new Float64Array(n).fill(epsilon),
    treeDepth: new Int32Array(n),
    leapfrogSteps: new Int32Array(n),
    divergent: new Uint8Array(n),
    energy: new Float64Array(n),
    acceptStat: new Float64Array(n),
    logDensity: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const s = transition(z, epsilon, inverseMass);
    draws.set(z.q, i * dim);
    stats.treeDepth[i] = s.treeDepth;
    stats.leapfrogSteps[i] = s.leapfrogSteps;
    stats.divergent[i] = s.divergent ? 1 : 0;
    stats.energy[i] = s.energy;
    stats.acceptStat[i] = s.acceptStat;
    stats.logDensity[i] = z.logDensity;
    report('sampling', i + 1, n);
  }
  return { dim, draws, stats, stepSize: epsilon, inverseMassDiagonal: inverseMass };
}

/** A progress reporter that passes on about 100 calls per phase, and always the last. */
function progress(listener: NutsOptions['onProgress']): (phase: NutsPhase, done: number, total: number) => void {
  if (!listener) return () => {};
  return (phase, done, total) => {
    const every = Math.max(1, Math.ceil(total / 100));
    if (done % every === 0 || done === total) listener(phase, done, total);
  };
}
