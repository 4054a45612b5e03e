import { ConfigError } from '../errors';
import { formatInteger, formatNumber } from '../format';

/** One channel of an allocation problem: its response to total spend and its bounds. */
export interface AllocationChannel {
  name: string;
  /** Outcome from spending `spend` over the plan period (non-decreasing, 0 at 0 is not required). */
  response: (spend: number) => number;
  min: number;
  max: number;
}

/** An optimal allocation and its marginal returns. */
export interface Allocation {
  spend: number[];
  outcome: number[];
  /** d outcome / d spend at the allocation, per channel. */
  marginal: number[];
  total: number;
}

const GRID = 400;

/**
 * Maximizes Σ response_c(spend_c) subject to Σ spend_c = budget and min_c ≤ spend_c ≤ max_c.
 * The spend above the minimums is split in GRID units by dynamic programming over the channels (the
 * best total for each number of units given to the first c channels): the optimum on the grid for any
 * curve shapes, S-shaped ones included, where a greedy or Lagrangian start can leave a channel below its
 * threshold. The rounding gap goes to the channels with the best marginal return, then a pairwise
 * exchange polishes the result so that marginal returns are equal across channels strictly inside
 * their bounds.
 *
 * @throws ConfigError when the budget lies outside [Σ min, Σ max]
 */
export function maximizeOutcome(channels: AllocationChannel[], budget: number): Allocation {
  const lo = channels.reduce((s, c) => s + c.min, 0);
  const hi = channels.reduce((s, c) => s + c.max, 0);
  if (!(budget >= lo - 1e-9 && budget <= hi + 1e-9)) {
    throw new ConfigError(
      `the budget ${formatInteger(budget)} is outside what the bounds allow: ${formatInteger(lo)} to ${formatInteger(hi)}`,
    );
  }
  const spend = gridOptimum(channels, Math.max(0, budget - lo));
  polish(channels, spend, budget);
  return summarize(channels, spend);
}

/**
 * The best split of `free` spend above the channels' minimums in GRID equal units (dynamic programming:
 * O(C · GRID²) response comparisons, C · GRID evaluations). Returns spend per channel, shape [C].
 */
function gridOptimum(channels: AllocationChannel[], free: number): number[] {
  const unit = free / GRID;
  if (!(unit > 0)) return channels.map((c) => c.min);
  // Per channel: the units it can take and its response at each.
  const tables = channels.map((c) => {
    const k = Math.min(GRID, Math.floor((c.max - c.min) / unit + 1e-9));
    return Float64Array.from({ length: k + 1 }, (_, i) => c.response(c.min + i * unit));
  });
  let best = new Float64Array(GRID + 1).fill(-Infinity);
  best[0] = 0;
  const choice = channels.map(() => new Int32Array(GRID + 1));
  tables.forEach((t, c) => {
    const next = new Float64Array(GRID + 1).fill(-Infinity);
    for (let j = 0; j <= GRID; j++) {
      for (let k = 0; k < t.length && k <= j; k++) {
        const v = best[j - k]! + t[k]!;
        if (v > next[j]!) {
          next[j] = v;
          choice[c]![j] = k;
        }
      }
    }
    best = next;
  });
  // All units if the bounds can take them, else the most they can (the polish closes the gap).
  let j = GRID;
  while (j > 0 && best[j] === -Infinity) j--;
  const spend = channels.map((c) => c.min);
  for (let c = channels.length - 1; c >= 0; c--) {
    const k = choice[c]![j]!;
    spend[c] = channels[c]!.min + k * unit;
    j -= k;
  }
  return spend;
}

/**
 * d response / d spend at x, by a central difference clipped to the bounds; where the bounds leave no
 * room (a locked channel) the curve's own slope there.
 */
export function marginalAt(c: Pick<AllocationChannel, 'response' | 'min' | 'max'>, x: number): number {
  const h = Math.max(1e-6, (c.max - c.min) * 1e-4);
  if (c.max - c.min < h) {
    const k = Math.max(1e-6, x * 1e-4);
    return (c.response(x + k) - c.response(Math.max(0, x - k))) / (x + k - Math.max(0, x - k));
  }
  const x0 = Math.max(c.min, x - h);
  const x1 = Math.min(c.max, x + h);
  return x1 > x0 ? (c.response(x1) - c.response(x0)) / (x1 - x0) : 0;
}

/** Moves spend from the lowest to the highest marginal return until they are equal (or bounds bind). */
function polish(channels: AllocationChannel[], spend: number[], budget: number): void {
  let gap = budget - spend.reduce((s, v) => s + v, 0);
  let step = Math.max(...channels.map((c) => c.max - c.min)) / GRID;
  for (let iter = 0; iter < 4000 && step > 1e-9 * Math.max(1, budget); iter++) {
    const m = channels.map((c, i) => marginalAt(c, spend[i]!));
    let up = -1;
    let down = -1;
    channels.forEach((c, i) => {
      if (spend[i]! < c.max - 1e-12 && (up < 0 || m[i]! > m[up]!)) up = i;
      if (spend[i]! > c.min + 1e-12 && (down < 0 || m[i]! < m[down]!)) down = i;
    });
    if (Math.abs(gap) > 1e-9 * Math.max(1, budget)) {
      // Close the rounding gap first: add where returns are highest, take where they are lowest.
      const i = gap > 0 ? up : down;
      if (i < 0) break;
      const c = channels[i]!;
      const next = Math.min(c.max, Math.max(c.min, spend[i]! + Math.sign(gap) * Math.min(step, Math.abs(gap))));
      gap -= next - spend[i]!;
      spend[i] = next;
      continue;
    }
    if (up < 0 || down < 0 || up === down || m[up]! - m[down]! <= 1e-9 * Math.max(1, Math.abs(m[up]!))) break;
    const d = Math.min(step, channels[up]!.max - spend[up]!, spend[down]! - channels[down]!.min);
    const before = channels[up]!.response(spend[up]!) + channels[down]!.response(spend[down]!);
    const after = channels[up]!.response(spend[up]! + d) + channels[down]!.response(spend[down]! - d);
    if (after > before) {
      spend[up] = spend[up]! + d;
      spend[down] = spend[down]! - d;
    } else step /= 2;
  }
}

function summarize(channels: AllocationChannel[], spend: number[]): Allocation {
  const outcome = channels.map((c, i) => c.response(spend[i]!));
  return {
    spend,
    outcome,
    marginal: channels.map((c, i) => marginalAt(c, spend[i]!)),
    total: outcome.reduce((s, v) => s + v, 0),
  };
}

/**
 * The least total spend whose optimal allocation reaches `target` outcome (bisection on the budget).
 * @throws ConfigError when even the maximum spend cannot reach the target
 */
export function minimizeSpend(channels: AllocationChannel[], target: number): Allocation {
  const lo = channels.reduce((s, c) => s + c.min, 0);
  const hi = channels.reduce((s, c) => s + c.max, 0);
  const best = maximizeOutcome(channels, hi);
  if (best.total < target) {
    throw new ConfigError(
      `the target ${target} is out of reach: the bounds allow at most ${formatNumber(best.total, 0)}`,
    );
  }
  let a = lo;
  let b = hi;
  for (let k = 0; k < 50 && b - a > 1e-6 * Math.max(1, hi); k++) {
    const m = (a + b) / 2;
    if (maximizeOutcome(channels, m).total >= target) b = m;
    else a = m;
  }
  return maximizeOutcome(channels, b);
}
