/** One step of a long run (a fit, a training, a scoring), for progress bars and notebook displays. */
export interface Progress {
  /** What runs now: `start 2/3`, `refine`, `holdout`, `prior-free fit`, `intervals`, `scoring`, `done`. */
  stage: string;
  /** Steps finished so far, ≤ total. */
  done: number;
  /** Steps in all (an upper bound while running: an optimizer may skip starts that cannot help). */
  total: number;
  /** A sentence for people. */
  message: string;
}

/** Receives progress events; a throwing listener never breaks the run. */
export type ProgressListener = (p: Progress) => void;

/** A run written as a generator: it yields a progress event after each step and returns the result. */
export type Steps<T> = Generator<Progress, T, void>;

/** Tells `listener` one event; a throwing listener never breaks the run. */
export function tell(listener: ProgressListener | undefined, p: Progress): void {
  if (!listener) return;
  try {
    listener(p);
  } catch {
    // A broken display must not fail a training run.
  }
}

/** Runs steps to the end synchronously, telling each event to `listener`. */
export function runSteps<T>(steps: Steps<T>, listener?: ProgressListener): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    tell(listener, r.value);
  }
}

/**
 * Runs steps to the end, yielding to the event loop after each one, so that progress messages (a
 * kernel's display updates, a TTY bar, a lock heartbeat) go out while the run is in progress.
 */
export async function runStepsAsync<T>(steps: Steps<T>, listener?: ProgressListener): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    tell(listener, r.value);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
