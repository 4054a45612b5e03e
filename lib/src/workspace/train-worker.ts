import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Progress } from '../mmm/progress';
import { trainModel } from './lifecycle';
import type { ModelRecord } from './model-store';
import type { ModelConfig } from './model-config';

// The script of a training worker thread (compiled to lib/dist/workspace/train-worker.js, which
// `trainModels` starts): it trains the models it is sent, one at a time, posting each run's progress
// and outcome back, until it is told to close.

/** One training of a `trainModels` run: the model and its window (default: as `trainModel`'s). */
export interface TrainJob {
  id: string;
  window?: ModelConfig['trainingWindow'];
}

/** What a training worker is started with. */
export interface TrainWorkerData {
  workspace: string;
}

/** A message to a training worker. */
export type ToTrainWorker = { type: 'train'; job: TrainJob } | { type: 'close' };

/** A message from a training worker. */
export type FromTrainWorker =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; model: ModelRecord }
  | { type: 'error'; code: string; message: string };

function serve(port: MessagePort, { workspace }: TrainWorkerData): void {
  port.on('message', (msg: ToTrainWorker) => {
    if (msg.type === 'close') return port.close();
    const { id, window } = msg.job;
    trainModel(workspace, id, window, {
      onProgress: (progress) => port.postMessage({ type: 'progress', progress } satisfies FromTrainWorker),
    }).then(
      (model) => port.postMessage({ type: 'done', model } satisfies FromTrainWorker),
      (e: unknown) => {
        const err = e as { message?: string; code?: string };
        port.postMessage({
          type: 'error',
          code: typeof err?.code === 'string' ? err.code : 'E_TRAIN',
          message: String(err?.message ?? e),
        } satisfies FromTrainWorker);
      },
    );
  });
}

if (!isMainThread && parentPort) serve(parentPort, workerData as TrainWorkerData);
