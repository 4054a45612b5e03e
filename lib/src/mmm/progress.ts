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
  /** While the full posterior samples: each chain's own progress, in chain order. */
  chains?: ChainProgress[];
}

/** One sampler chain's progress: its phase, and its iterations done of warm-up plus draws. */
export interface ChainProgress {
  phase: 'waiting' | 'warmup' | 'sampling' | 'done';
  done: number;
  total: number;
}

/** A chain's phase in words, as every display shows it. */
export const CHAIN_PHASE_WORDS: Readonly<Record<ChainProgress['phase'], string>> = {
  waiting: 'waiting',
  warmup: 'warm-up',
  sampling: 'sampling',
  done: 'done',
};

/** Each chain in words: `1 warm-up 45% · 2 sampling 10% · 3 waiting · 4 done`. */
export function chainsText(chains: readonly ChainProgress[]): string {
  const words = CHAIN_PHASE_WORDS;
  return chains
    .map((c, k) => {
      const pct = c.phase === 'warmup' || c.phase === 'sampling' ? ` ${Math.floor((100 * c.done) / c.total)}%` : '';
      return `${k + 1} ${words[c.phase]}${pct}`;
    })
    .join(' · ');
}

/**
 * A sampler's per-chain reports (chain, phase, iterations done of the phase's total) as progress
 * events of stage `sampling` to `listener`: done and total over all chains' warm-up and draws, and
 * each chain's state in `chains` and the message.
 */
export function samplerProgress(
  chains: number,
  warmup: number,
  draws: number,
  listener: ProgressListener,
): (chain: number, phase: 'warmup' | 'sampling', done: number, total: number) => void {
  const perChain = warmup + draws;
  const state: ChainProgress[] = Array.from({ length: chains }, () => ({ phase: 'waiting', done: 0, total: perChain }));
  return (chain, phase, n, total) => {
    const done = (phase === 'warmup' ? 0 : warmup) + n;
    state[chain] = { phase: phase === 'sampling' && n === total ? 'done' : phase, done, total: perChain };
    const all = state.reduce((a, c) => a + c.done, 0);
    tell(listener, {
      stage: 'sampling',
      done: all,
      total: chains * perChain,
      message: `sampling ${chains} chains: ${chainsText(state)}`,
      chains: state.map((c) => ({ ...c })),
    });
  };
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
