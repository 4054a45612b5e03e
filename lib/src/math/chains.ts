import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError, MixModelerError } from '../errors';
import { runChain, type ChainTask } from './chain-run';
import type { FromWorker, TargetModule, ToWorker } from './chain-worker';
import type { ChainDraws } from './mcmc-diagnostics';
import { resolveNutsOptions, type LogDensityTarget, type NutsOptions, type NutsPhase, type NutsResult } from './nuts';

export type { TargetModule } from './chain-worker';

/** Options of {@link sampleChains} and {@link sampleChainsSync}: each chain's NUTS options, and the run's. */
export interface ChainsOptions extends Omit<NutsOptions, 'onProgress'> {
  /** How many independent chains, ≥ 1 (4 is the usual minimum for R̂). The run's `seed` gives chain k `chainSeed(seed, k)`. */
  chains: number;
  /** One starting point per chain, each [dim]; default uniform in [−2, 2]^dim per chain. */
  inits?: Float64Array[];
  /** Worker threads (sampleChains only); default min(chains, os.availableParallelism()). */
  workers?: number;
  /** Progress per chain, about 100 calls per phase and chain, always the last. */
  onProgress?(chain: number, phase: NutsPhase, done: number, total: number): void;
}

/** Every chain's result, in chain order. */
export interface ChainsResult {
  dim: number;
  chains: NutsResult[];
}

/** The per-chain tasks of a run, checked once. @throws InputError */
function chainTasks(o: ChainsOptions): ChainTask[] {
  if (!Number.isInteger(o.chains) || o.chains < 1) {
    throw new InputError(`\`chains\` must be an integer ≥ 1; got ${o.chains}`);
  }
  if (o.inits && o.inits.length !== o.chains) {
    throw new InputError(`\`inits\` must hold one point per chain (${o.chains}); got ${o.inits.length}`);
  }
  const { warmup, draws, seed, maxTreeDepth, targetAccept, initialStepSize, warmupBuffers, adaptMetric } = o;
  resolveNutsOptions({ warmup, draws, seed, maxTreeDepth, targetAccept, initialStepSize, warmupBuffers, adaptMetric });
  return Array.from({ length: o.chains }, (_, chain) => ({
    chain,
    seed: o.seed,
    warmup: o.warmup,
    draws: o.draws,
    ...(o.maxTreeDepth !== undefined && { maxTreeDepth: o.maxTreeDepth }),
    ...(o.targetAccept !== undefined && { targetAccept: o.targetAccept }),
    ...(o.initialStepSize !== undefined && { initialStepSize: o.initialStepSize }),
    ...(o.warmupBuffers !== undefined && { warmupBuffers: o.warmupBuffers }),
    ...(o.adaptMetric !== undefined && { adaptMetric: o.adaptMetric }),
    ...(o.inits && { init: o.inits[chain]! }),
  }));
}

/**
 * Runs NUTS chains one after the other in this thread: the same draws as {@link sampleChains} for the
 * same options (same seeds, same starts), for tests and for hosts without worker threads.
 *
 * @throws InputError on bad options or starts
 */
export function sampleChainsSync(target: LogDensityTarget, options: ChainsOptions): ChainsResult {
  const chains = chainTasks(options).map((task) =>
    runChain(target, task, options.onProgress && ((...a) => options.onProgress!(task.chain, ...a))),
  );
  return { dim: target.dim, chains };
}

/** The compiled worker script beside this module (lib/dist/math/chain-worker.js). */
const WORKER_SCRIPT = join(__dirname, 'chain-worker.js');

/**
 * Runs NUTS chains in parallel in `node:worker_threads`. Each worker builds the target once as
 * `require(source.module)[source.factory](source.data)` and runs the chains it is handed, one at a
 * time, until none is left. Chain k's draws do not depend on which worker ran it or how many there are.
 *
 * Runs from lib's compiled build only (the worker is lib/dist/math/chain-worker.js, a worker thread
 * cannot load TypeScript): tests reach it through lib/dist after `tsc -b lib`, as `npm test` builds.
 *
 * @throws InputError on bad options, a relative module path, or a target the module cannot build;
 *   a chain's failure rejects the whole run (the other workers are stopped)
 * @example await sampleChains({ module: require.resolve('./my-model'), factory: 'target', data }, { chains: 4, warmup: 1000, draws: 1000, seed: 1 })
 */
export function sampleChains(source: TargetModule, options: ChainsOptions): Promise<ChainsResult> {
  const tasks = chainTasks(options);
  if (!isAbsolute(source.module)) {
    throw new InputError(`\`module\` must be an absolute path to a compiled JavaScript module; got ${source.module}`);
  }
  if (!existsSync(WORKER_SCRIPT)) {
    throw new MixModelerError(
      'E_BUILD',
      `the chain worker ${WORKER_SCRIPT} does not exist: sampleChains runs from lib's compiled build (npx tsc -b lib)`,
    );
  }
  const workers = options.workers ?? Math.min(tasks.length, availableParallelism());
  if (!Number.isInteger(workers) || workers < 1) {
    throw new InputError(`\`workers\` must be an integer ≥ 1; got ${workers}`);
  }
  const setup: TargetModule = { module: source.module, factory: source.factory, data: source.data };
  return new Promise((resolve, reject) => {
    const results: NutsResult[] = [];
    const pool: Worker[] = [];
    let next = 0;
    let finished = 0;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      reject(err);
    };
    // The chain each worker is running: a worker that exits while it holds one has failed.
    const running = new Map<Worker, number>();
    const hand = (w: Worker) => {
      running.delete(w);
      if (next >= tasks.length) return w.postMessage({ type: 'close' } satisfies ToWorker);
      running.set(w, next);
      w.postMessage({ type: 'run', task: tasks[next++]! } satisfies ToWorker);
    };
    for (let k = 0; k < Math.min(workers, tasks.length); k++) {
      const w = new Worker(WORKER_SCRIPT, { workerData: setup });
      pool.push(w);
      w.on('message', (msg: FromWorker) => {
        if (failed) return;
        if (msg.type === 'progress') {
          // A listener that throws fails the run, as it would in sampleChainsSync, not the process.
          try {
            options.onProgress?.(msg.chain, msg.phase, msg.done, msg.total);
          } catch (e) {
            fail(e instanceof Error ? e : new Error(String(e)));
          }
        } else if (msg.type === 'done') {
          results[msg.chain] = msg.result;
          hand(w);
          if (++finished === tasks.length) resolve({ dim: msg.result.dim, chains: results });
        } else {
          const message = `chain ${msg.chain}: ${msg.message}`;
          fail(
            msg.code === 'E_INPUT' ? new InputError(message) : new MixModelerError(msg.code ?? 'E_SAMPLER', message),
          );
        }
      });
      w.on('error', (e) => fail(e));
      w.on('exit', (code) => {
        const chain = running.get(w);
        if (chain !== undefined)
          fail(new MixModelerError('E_SAMPLER', `chain ${chain}: its worker exited (code ${code})`));
      });
      hand(w);
    }
  });
}

/** One coordinate's draws across chains, as the diagnostics take them: [chains × draws]. */
export function parameterDraws(result: ChainsResult, k: number): ChainDraws {
  const { dim, chains } = result;
  const n = chains[0]!.stats.energy.length;
  const values = new Float64Array(chains.length * n);
  chains.forEach((c, j) => {
    for (let i = 0; i < n; i++) values[j * n + i] = c.draws[i * dim + k]!;
  });
  return { values, chains: chains.length };
}
