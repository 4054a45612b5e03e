import { chainsText, type Progress, type ProgressListener } from '../mmm/progress';
import type { Out } from './options';

/**
 * `[#########-----------]  45%  start 2/3`: one line of a text progress bar, `width` cells wide; while
 * the posterior samples, each chain after it (`sampling  1 warm-up 45% · 2 sampling 10% · …`).
 */
export function progressLine(p: Progress, width = 24): string {
  const f = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
  const full = Math.round(f * width);
  const chains = p.chains?.length ? `  ${chainsText(p.chains)}` : '';
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${String(Math.round(100 * f)).padStart(3)}%  ${p.stage}${chains}`;
}

/**
 * A progress bar redrawn in place on a terminal (`\r`), ended with a newline by `end()`. On anything
 * but a TTY (or when not `enabled`, e.g. under `--json`) it draws nothing: logs and `--json` output stay clean.
 */
export function progressBar(
  out: Out & { isTTY?: boolean },
  enabled = true,
): { listener: ProgressListener | undefined; end(): void } {
  if (!enabled || !out.isTTY) return { listener: undefined, end: () => undefined };
  let drawn = false;
  return {
    listener: (p) => {
      out.write(`\r${progressLine(p)}\x1b[K`);
      drawn = true;
    },
    end: () => {
      if (drawn) out.write('\n');
    },
  };
}
