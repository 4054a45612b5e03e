import { sampleNuts, type LogDensityTarget, type NutsOptions, type NutsPhase, type NutsResult } from './nuts';
import { seededRandom } from './random';
import type { WarmupBuffers } from './warmup-schedule';

// One chain of a multi-chain run, the same code in-process and in a worker thread, so that both give
// the same draws for the same seed.

/** The options of one chain, as a worker receives them (structured-cloneable). */
export interface ChainTask {
  chain: number;
  /** The run's seed; the chain's own seeds derive from it and `chain`. */
  seed: number;
  warmup: number;
  draws: number;
  maxTreeDepth?: number;
  targetAccept?: number;
  initialStepSize?: number;
  warmupBuffers?: WarmupBuffers;
  adaptMetric?: boolean;
  /** The starting point; without one, uniform in [−2, 2]^dim as Stan starts. */
  init?: Float64Array;
}

/**
 * A 32-bit seed for stream `stream` of chain `chain` of a run seeded `seed` (murmur3's finalizer over
 * the three): distinct chains and streams get unrelated mulberry32 streams.
 */
export function chainSeed(seed: number, chain: number, stream = 0): number {
  let h = (seed >>> 0) ^ Math.imul(chain + 1, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The default start of a chain: uniform in [−2, 2]^dim from the chain's init stream. */
export function defaultInit(seed: number, chain: number, dim: number): Float64Array {
  const rand = seededRandom(chainSeed(seed, chain, 1));
  return Float64Array.from({ length: dim }, () => 4 * rand() - 2);
}

/** Runs one chain of a task on a target, reporting progress as (phase, done, total). */
export function runChain(
  target: LogDensityTarget,
  task: ChainTask,
  onProgress?: (phase: NutsPhase, done: number, total: number) => void,
): NutsResult {
  const options: NutsOptions = {
    warmup: task.warmup,
    draws: task.draws,
    seed: chainSeed(task.seed, task.chain),
    ...(task.maxTreeDepth !== undefined && { maxTreeDepth: task.maxTreeDepth }),
    ...(task.targetAccept !== undefined && { targetAccept: task.targetAccept }),
    ...(task.initialStepSize !== undefined && { initialStepSize: task.initialStepSize }),
    ...(task.warmupBuffers !== undefined && { warmupBuffers: task.warmupBuffers }),
    ...(task.adaptMetric !== undefined && { adaptMetric: task.adaptMetric }),
    ...(onProgress && { onProgress }),
  };
  return sampleNuts(target, task.init ?? defaultInit(task.seed, task.chain, target.dim), options);
}
