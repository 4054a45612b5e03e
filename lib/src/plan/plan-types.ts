import type { RelativeBounds, ResolvedBound } from './plan-bounds';

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
