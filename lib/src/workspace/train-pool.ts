import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import { InputError, MixModelerError, StoreError } from '../errors';
import type { Progress } from '../mmm/progress';
import { trainModel } from './lifecycle';
import { readModel, type ModelRecord } from './model-store';
import type { FromTrainWorker, ToTrainWorker, TrainJob, TrainWorkerData } from './train-worker';

export type { TrainJob } from './train-worker';

/**
 * What became of one job: the model as its run left it (status `failed` with the error stored when the
 * fit failed, as `trainModel` does), or the error that kept the run from starting (its lock held by
 * another run, a re-training not allowed).
 */
export type TrainOutcome = ({ model: ModelRecord } | { error: MixModelerError }) & {
  id: string;
  /** The thread that ran it: a worker's `threadId`, or 0 for this (the main) thread. */
  thread: number;
};

/** Options of {@link trainModels}. */
export interface TrainPoolOptions {
  /** How many trainings run at once, each in its own worker thread; default min(jobs, os.availableParallelism()). */
  parallel?: number;
  /** Each run's progress, tagged with its model. */
  onProgress?(id: string, p: Progress): void;
}

/** The compiled worker script beside this module (lib/dist/workspace/train-worker.js). */
const WORKER_SCRIPT = join(__dirname, 'train-worker.js');

/**
 * Trains independent models at the same time (one per line of business, or one per group of geos), each in
 * a worker thread of its own: a fit is single-threaded, so on 2 cores two models train in about the time of one.
 * Each run takes its model's own lock and is the same run `trainModel` does (same fit, same stored files);
 * one model's failure does not stop the others. With `parallel: 1`, or when running from lib's TypeScript
 * sources (a worker thread cannot load them), the runs go one after the other in this thread.
 *
 * @returns one outcome per job, in the jobs' order
 * @throws InputError for `parallel` not an integer ≥ 1 or a model named twice (two runs would contend for its lock)
 * @throws StoreError for a model that does not exist, before any run starts
 * @example await trainModels('ws', [{ id: 'm-north' }, { id: 'm-south' }])
 */
export async function trainModels(
  workspace: string,
  jobs: readonly TrainJob[],
  options: TrainPoolOptions = {},
): Promise<TrainOutcome[]> {
  const parallel = options.parallel ?? Math.max(1, Math.min(jobs.length, availableParallelism()));
  if (!Number.isInteger(parallel) || parallel < 1) {
    throw new InputError(`\`parallel\` must be an integer ≥ 1; got ${parallel}`);
  }
  jobs.forEach((j, i) => {
    if (jobs.findIndex((k) => k.id === j.id) < i) throw new InputError(`model ${j.id} is named twice`);
  });
  for (const j of jobs) readModel(workspace, j.id); // every model exists, or nothing runs
  const lanes = Math.min(parallel, jobs.length);
  const out: TrainOutcome[] = new Array(jobs.length);
  let next = 0;
  // Each lane trains the next job until none is left: in a worker thread of its own, kept for the lane's
  // jobs (a worker loads lib and warms its JIT once), or, with one lane or from the sources, in this thread.
  const lane = async (train: (job: TrainJob) => Promise<TrainOutcome>) => {
    while (next < jobs.length) {
      const k = next++;
      out[k] = await train(jobs[k]!);
    }
  };
  if (lanes === 1 || !existsSync(WORKER_SCRIPT)) {
    await lane((job) => inThread(workspace, job, options.onProgress));
  } else {
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        const worker = trainWorker(workspace, options.onProgress);
        try {
          await lane(worker.train);
        } finally {
          await worker.close();
        }
      }),
    );
  }
  return out;
}

async function inThread(
  workspace: string,
  job: TrainJob,
  onProgress: TrainPoolOptions['onProgress'],
): Promise<TrainOutcome> {
  try {
    const model = await trainModel(workspace, job.id, job.window, {
      ...(onProgress && { onProgress: (p: Progress) => onProgress(job.id, p) }),
    });
    return { id: job.id, thread: threadId, model };
  } catch (e) {
    if (e instanceof MixModelerError) return { id: job.id, thread: threadId, error: e };
    throw e;
  }
}

/** A training worker thread that trains the jobs it is handed, one at a time. */
function trainWorker(
  workspace: string,
  onProgress: TrainPoolOptions['onProgress'],
): { train(job: TrainJob): Promise<TrainOutcome>; close(): Promise<void> } {
  const w = new Worker(WORKER_SCRIPT, { workerData: { workspace } satisfies TrainWorkerData });
  let current: { id: string; settle(o: TrainOutcome): void } | null = null;
  let dead: MixModelerError | null = null;
  const settle = (o: TrainOutcome) => {
    const c = current;
    current = null;
    c?.settle(o);
  };
  w.on('message', (msg: FromTrainWorker) => {
    if (!current) return;
    if (msg.type === 'progress') {
      try {
        onProgress?.(current.id, msg.progress);
      } catch {
        // A broken display must not fail a training run (as `tell` does).
      }
    } else if (msg.type === 'done') settle({ id: current.id, thread: w.threadId, model: msg.model });
    else settle({ id: current.id, thread: w.threadId, error: rebuild(msg.code, msg.message) });
  });
  const die = (why: string) => {
    dead ??= new MixModelerError('E_TRAIN', why);
    if (current)
      settle({
        id: current.id,
        thread: w.threadId,
        error: new MixModelerError('E_TRAIN', `model ${current.id}: ${why}`),
      });
  };
  w.on('error', (e) => die(`its training worker failed: ${e.message}`));
  // A worker that exits during a run died (out of memory, killed): that model's run is left `running`
  // with its lock's owner gone, which the next run recovers from (`wasInterrupted`).
  const exited = new Promise<void>((resolve) =>
    w.on('exit', (code) => {
      die(`its training worker exited (code ${code})`);
      resolve();
    }),
  );
  return {
    train: (job) =>
      new Promise((resolve) => {
        if (dead) {
          const error = new MixModelerError('E_TRAIN', `model ${job.id}: ${dead.message}`);
          return resolve({ id: job.id, thread: w.threadId, error });
        }
        current = { id: job.id, settle: resolve };
        w.postMessage({ type: 'train', job } satisfies ToTrainWorker);
      }),
    close: () => {
      w.postMessage({ type: 'close' } satisfies ToTrainWorker);
      return exited;
    },
  };
}

/** The error a worker reported, with its class back where the code names one. */
function rebuild(code: string, message: string): MixModelerError {
  if (code === 'E_STORE') return new StoreError(message);
  if (code === 'E_INPUT') return new InputError(message);
  return new MixModelerError(code, message);
}
