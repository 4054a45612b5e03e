import type { ChannelBounds, RelativeBounds, ResolvedBound } from './plan-bounds';

// The plan's shape alone, without the engine: the JupyterLab extension reads stored plans with it.

/** A budget plan. Outcome figures are the media-driven outcome over the period and its tail. */
export interface Plan {
  kind: 'plan';
  schema: 1;
  createdAt: string;
  model: { id: string; version: number } | null;
  modelWindow: { from: string; to: string };
  weeks: number;
  objective: 'max-outcome' | 'min-spend';
  budget: number;
  expected: { mean: number; lower: number; upper: number };
  current: { spend: number; outcome: number };
  allocation: Record<string, number>;
  channels: Record<string, PlanChannel>;
  /** The default bounds the plan used for channels without their own (null: none). */
  boundsRule: RelativeBounds | null;
  /** Per channel: the spend bounds the plan was held to, and where they came from, in words. */
  bounds: Record<string, ResolvedBound>;
  /** What the user should know before trusting the plan: channels planned beyond the spend the model has seen. */
  warnings: string[];
  /**
   * Owned and earned channels without a cost per unit: held at their volume, outside the allocation and
   * the budget. Absent when there are none.
   */
  held?: Record<string, HeldChannel>;
  /**
   * Plans on a geo-level model: per geo, per channel, the cell's allocation (`channels` and `allocation`
   * are then the sums over geos, and `bounds` the bounds of those sums). Absent on national plans.
   */
  byGeo?: Record<string, Record<string, PlanChannel>>;
  /** Geo plans: per geo, the bounds of its spend over its channels, and where they came from. */
  geoBounds?: Record<string, ResolvedBound>;
  /** Geo plans: per geo, per channel, the cell's bounds and where they came from. */
  cellBounds?: Record<string, Record<string, ResolvedBound>>;
}

/** An owned or earned channel a plan holds at its volume (it has no cost per unit to plan it by). */
export interface HeldChannel {
  /** Its volume over the plan period (sends, posts), as over the last periods of the data. */
  volume: number;
  /** The outcome that volume brings over the period and its tail (not in the plan's `expected`). */
  outcome: number;
  reason: string;
}

/** One channel of a plan. */
export interface PlanChannel {
  spend: number;
  current: number;
  outcome: number;
  roi: number;
  marginalRoi: number;
  /** The highest spend in one period of the training window, and whether the plan's spend per period exceeds it. */
  maxSeen: number;
  beyondSeen: boolean;
}

/** What to plan: a budget to spend best, or a target outcome to reach at least cost. */
export interface PlanOptions {
  weeks: number;
  budget?: number;
  target?: number;
  bounds?: Record<string, ChannelBounds>;
  /**
   * The bounds of every channel `bounds` leaves out (and of the side of one it leaves open), as multiples
   * of its current spend: default 0.5–1.5× (`DEFAULT_BOUNDS`); null for none (0 to the budget).
   */
  defaultBounds?: RelativeBounds | null;
  /**
   * Geo-level models: bounds of each geo's spend over its channels, and of each cell (a channel in a
   * geo: `cellBounds.north.tv`); `bounds` then bound each channel's sum over the geos, and the default
   * bounds apply to every cell without bounds of its own.
   */
  geoBounds?: Record<string, ChannelBounds>;
  cellBounds?: Record<string, Record<string, ChannelBounds>>;
  /** Channels kept at their current spend (on a geo-level model: in every geo). */
  locked?: string[];
  /** The model id and version the plan is built on (a plan never follows later re-scoring). */
  model?: { id: string; version: number };
}
