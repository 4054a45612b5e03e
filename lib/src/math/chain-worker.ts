import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { InputError } from '../errors';
import { runChain, type ChainTask } from './chain-run';
import type { NutsPhase, NutsResult } from './nuts';
import type { LogDensityTarget } from './phase-point';

// The script of a chain worker thread (compiled to lib/dist/math/chain-worker.js, which `sampleChains`
// starts). It builds the target once from `workerData`, then runs the chains it is sent, one at a time.

/** Where a worker gets its target: `require(module)[factory](data)`. */
export interface TargetModule {
  /** Absolute path of a compiled JavaScript module that `require` loads (CommonJS). */
  module: string;
  /** The name of the export that builds the target from `data`. */
  factory: string;
  /** Anything structured-cloneable: the model's data and settings. */
  data: unknown;
}

/** A message to a chain worker. */
export type ToWorker = { type: 'run'; task: ChainTask } | { type: 'close' };

/** A message from a chain worker. */
export type FromWorker =
  | { type: 'progress'; chain: number; phase: NutsPhase; done: number; total: number }
  | { type: 'done'; chain: number; result: NutsResult }
  | { type: 'error'; chain: number; message: string; code: string | undefined };

/**
 * Builds the target a {@link TargetModule} names.
 * @throws InputError when the export is not a function or does not return a target
 */
export function loadTarget(source: TargetModule): LogDensityTarget {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(source.module) as Record<string, unknown>;
  const factory = exports[source.factory];
  if (typeof factory !== 'function') {
    throw new InputError(`module ${source.module} has no function export \`${source.factory}\`; got ${typeof factory}`);
  }
  const target = (factory as (data: unknown) => LogDensityTarget)(source.data);
  if (!target || typeof target.logDensityGradient !== 'function' || !Number.isInteger(target.dim)) {
    throw new InputError(`\`${source.factory}(data)\` must return { dim, logDensityGradient(x, grad) }`);
  }
  return target;
}

function serve(port: MessagePort, source: TargetModule): void {
  let target: LogDensityTarget | undefined;
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'close') {
      port.close();
      return;
    }
    const { chain } = msg.task;
    try {
      target ??= loadTarget(source);
      const result = runChain(target, msg.task, (phase, done, total) =>
        port.postMessage({ type: 'progress', chain, phase, done, total } satisfies FromWorker),
      );
      const buffers = [result.draws, result.inverseMassDiagonal, ...Object.values(result.stats)].map(
        (a: ArrayBufferView) => a.buffer as ArrayBuffer,
      );
      port.postMessage({ type: 'done', chain, result } satisfies FromWorker, buffers);
    } catch (e) {
      const err = e as { message?: string; code?: string };
      port.postMessage({
        type: 'error',
        chain,
        message: String(err?.message ?? e),
        code: err?.code,
      } satisfies FromWorker);
    }
  });
}

if (!isMainThread && parentPort) serve(parentPort, workerData as TargetModule);
