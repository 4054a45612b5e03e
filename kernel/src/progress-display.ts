import { CHAIN_PHASE_WORDS, formatNumber, type Progress, type ProgressListener } from 'mixmodeler';
import type { RawDisplay } from './display';
import { escapeHtml } from './figure-html';

/**
 * The HTML of one progress state: a labelled `<progress>` bar, the step count and the message; while
 * the posterior samples, a bar per chain under it with its phase (warm-up, sampling, waiting, done).
 */
export function progressHtml(title: string, p: Progress, seconds: number): string {
  const label = escapeHtml(title);
  const finished = p.stage === 'done' || p.done >= p.total;
  const chains = (p.chains ?? []).map(
    (c, k) =>
      `<div class="mixmodeler-chain"><label>chain ${k + 1} <progress max="${c.total}" value="${c.done}" aria-label="chain ${k + 1}"></progress></label> ${CHAIN_PHASE_WORDS[c.phase]} ${c.done}/${c.total}</div>`,
  );
  return [
    '<div class="mixmodeler-progress" style="font-family:sans-serif">',
    `<label>${label} <progress max="${p.total}" value="${p.done}" aria-label="${label}"></progress></label>`,
    ` ${p.done}/${p.total} · ${escapeHtml(p.message)} · ${formatNumber(seconds, 1)} s${finished ? ' ✓' : ''}`,
    ...chains,
    '</div>',
  ].join('');
}

function newTslabDisplay(): RawDisplay {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('tslab') as { newDisplay: () => RawDisplay }).newDisplay();
}

/**
 * Passes progress events on to `listener` at most every `minIntervalMs`, and always when the stage
 * changes or the run finishes; `listener` gets the seconds since the start too.
 */
export function throttleProgress(
  listener: (p: Progress, seconds: number) => void,
  minIntervalMs: number,
): ProgressListener {
  const started = Date.now();
  let last = -Infinity;
  let lastStage = '';
  return (p: Progress) => {
    const now = Date.now();
    const finished = p.stage === 'done' || p.done >= p.total;
    if (!finished && p.stage === lastStage && now - last < minIntervalMs) return;
    last = now;
    lastStage = p.stage;
    listener(p, (now - started) / 1000);
  };
}

/**
 * An output that updates in place while a fit or a training runs: pass the listener as `onProgress`
 * to `fitMmmAsync`, `trainModel` or `createModel` and `await` the call in the same cell. Updates come at
 * most every `minIntervalMs`, and always when the stage changes or the run finishes.
 *
 * @example await fitMmmAsync(data, config, { onProgress: showProgress('Training') })
 */
export function showProgress(
  title = 'Fitting',
  display: RawDisplay = newTslabDisplay(),
  minIntervalMs = 100,
): ProgressListener {
  display.raw('text/html', progressHtml(title, { stage: 'start', done: 0, total: 1, message: 'starting' }, 0));
  return throttleProgress((p, seconds) => display.raw('text/html', progressHtml(title, p, seconds)), minIntervalMs);
}
