import { join } from 'node:path';
import type { Progress, ProgressListener } from '../mmm/progress';
import { writeFileAtomic } from '../fs/atomic-write';
import { PROGRESS_FILE } from '../fs/layout';
import { HEARTBEAT_MS } from './model-summary';

/** A run's progress recorder: `listener` for the run's events, `stop` when the run ends. */
export interface RunRecorder {
  listener: ProgressListener;
  stop(): void;
}

/** The least time between two writes of progress.json within a stage (a sampler reports ~800 times). */
export const PROGRESS_WRITE_MS = 250;

/**
 * Records a run's progress in the model's progress.json and tells `outer`. While the run lasts, the
 * file's `at` is refreshed every {@link HEARTBEAT_MS} (the heartbeat by which readers that cannot see
 * processes, such as the extension, tell a live run from one that died). Each write is an fsynced
 * atomic write, so within a stage the file is rewritten at most every {@link PROGRESS_WRITE_MS}; a
 * new stage, and the last event of a burst (after that delay), are always written.
 */
export function recordRun(dir: string, outer: ProgressListener | undefined): RunRecorder {
  let last: Progress = { stage: 'starting', done: 0, total: 1, message: 'starting' };
  let writtenAt = -Infinity;
  let writtenStage = '';
  let pending: NodeJS.Timeout | undefined;
  const write = () => {
    if (pending) clearTimeout(pending);
    pending = undefined;
    writtenAt = Date.now();
    writtenStage = last.stage;
    try {
      writeFileAtomic(join(dir, PROGRESS_FILE), JSON.stringify({ ...last, at: new Date().toISOString() }) + '\n');
    } catch {
      // Progress is advisory: a full disk shows up when the version is written.
    }
  };
  write();
  const timer = setInterval(write, HEARTBEAT_MS);
  timer.unref();
  return {
    listener: (p: Progress) => {
      last = p;
      const wait = writtenAt + PROGRESS_WRITE_MS - Date.now();
      if (p.stage !== writtenStage || wait <= 0) write();
      else if (!pending) {
        pending = setTimeout(write, wait);
        pending.unref();
      }
      outer?.(p);
    },
    stop: () => {
      clearInterval(timer);
      if (pending) write();
    },
  };
}
