/**
 * Stan's windowed warm-up: a fast initial buffer (step size only), slow windows that each end with a
 * new mass matrix, doubling in length, the last stretched to the terminal buffer, and a terminal fast
 * buffer that adapts the step size to the final metric.
 */
export interface WarmupSchedule {
  /** Iterations [0, initBuffer) adapt the step size only. */
  initBuffer: number;
  /** The last `termBuffer` iterations adapt the step size only. */
  termBuffer: number;
  /** The 0-based iterations at which a slow window ends and the metric is updated, increasing. */
  windowEnds: number[];
}

/** Stan's defaults: initial buffer 75, first slow window 25, terminal buffer 50. */
export const WARMUP_DEFAULTS = { initBuffer: 75, baseWindow: 25, termBuffer: 50 } as const;

/** The lengths of a warm-up's buffers and first slow window (Stan's `init_buffer`, `window`, `term_buffer`). */
export interface WarmupBuffers {
  initBuffer: number;
  baseWindow: number;
  termBuffer: number;
}

/**
 * The schedule for `warmup` iterations, as Stan lays it out. Below 20 iterations nothing but the
 * step size adapts. When the buffers and the first window (75 + 25 + 50 by default) do not fit, the
 * buffers shrink to 15% and 10% of the warm-up and one slow window takes the rest. Each next window is
 * twice as long; one that would leave less than twice its own length before the terminal buffer runs
 * on to it.
 *
 * @example warmupSchedule(1000).windowEnds // [99, 149, 249, 449, 949]
 */
export function warmupSchedule(warmup: number, buffers: WarmupBuffers = WARMUP_DEFAULTS): WarmupSchedule {
  if (warmup < 20) return { initBuffer: warmup, termBuffer: 0, windowEnds: [] };
  let { initBuffer, baseWindow, termBuffer } = buffers;
  if (initBuffer + baseWindow + termBuffer > warmup) {
    initBuffer = Math.floor(0.15 * warmup);
    termBuffer = Math.floor(0.1 * warmup);
    baseWindow = warmup - initBuffer - termBuffer;
  }
  const lastEnd = warmup - termBuffer - 1;
  const windowEnds = [initBuffer + baseWindow - 1];
  let size = baseWindow;
  while (windowEnds[windowEnds.length - 1]! < lastEnd) {
    size *= 2;
    let end = windowEnds[windowEnds.length - 1]! + size;
    if (end + 2 * size > lastEnd) end = lastEnd;
    windowEnds.push(end);
  }
  return { initBuffer, termBuffer, windowEnds };
}

/**
 * The running per-coordinate variance of the draws in a slow window (Welford), and the regularized
 * estimate Stan uses as the inverse mass diagonal: n/(n + 5) · s² + 10⁻³ · 5/(n + 5).
 */
export class WindowVariance {
  private n = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(dim: number) {
    this.mean = new Float64Array(dim);
    this.m2 = new Float64Array(dim);
  }

  /** Adds a draw of shape [dim]. */
  add(x: Float64Array): void {
    this.n++;
    for (let i = 0; i < x.length; i++) {
      const d = x[i]! - this.mean[i]!;
      this.mean[i] = this.mean[i]! + d / this.n;
      this.m2[i] = this.m2[i]! + d * (x[i]! - this.mean[i]!);
    }
  }

  /** Writes the regularized variance into `out` (shape [dim]) and starts a new window. */
  takeRegularized(out: Float64Array): Float64Array {
    const n = this.n;
    for (let i = 0; i < out.length; i++) {
      const s2 = n > 1 ? this.m2[i]! / (n - 1) : 1;
      out[i] = (n / (n + 5)) * s2 + 1e-3 * (5 / (n + 5));
    }
    this.n = 0;
    this.mean.fill(0);
    this.m2.fill(0);
    return out;
  }
}
