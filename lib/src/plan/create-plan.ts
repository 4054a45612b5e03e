import { ConfigError } from '../errors';
import type { FittedMmm } from '../mmm/fitted';
import type { MmmData } from '../mmm/spec';
import { maximizeOutcome, minimizeSpend, type AllocationChannel } from './optimize';
import { periodResponses } from './period-response';
import { Z90 } from '../mmm/laplace';

/** Bounds of one channel's spend over the plan period: absolute, or relative to its current spend. */
export interface ChannelBounds {
  min?: number;
  max?: number;
  /** Multipliers of the current spend, e.g. 0.5 and 1.5 for ±50%. */
  minRelative?: number;
  maxRelative?: number;
}

/** What to plan: a budget to spend best, or a target outcome to reach at least cost. */
export interface PlanOptions {
  weeks: number;
  budget?: number;
  target?: number;
  bounds?: Record<string, ChannelBounds>;
  /** Channels kept at their current spend. */
  locked?: string[];
  /** The model id and version the plan is built on (a plan never follows later re-scoring). */
  model?: { id: string; version: number };
}

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
  channels: Record<string, { spend: number; current: number; outcome: number; roi: number; marginalRoi: number }>;
}

/**
 * Finds the allocation that maximizes the fitted outcome for a budget, or reaches a target at least
 * spend, under per-channel bounds and locks, over a plan period of `weeks` with carry-over.
 * The 90% interval scales each channel's outcome by its ROI uncertainty and adds the channels up with
 * the model's ROI correlation (fully correlated, so wider, for a model stored without it).
 *
 * @throws ConfigError when neither or both of budget and target are given, or a bound names an unknown channel
 */
export function createPlan(fit: FittedMmm, data: MmmData, options: PlanOptions): Plan {
  if ((options.budget === undefined) === (options.target === undefined)) {
    throw new ConfigError('a plan needs exactly one of `budget` and `target`');
  }
  const responses = periodResponses(fit, data, options.weeks);
  const names = new Set(responses.map((r) => r.channel));
  for (const n of [...Object.keys(options.bounds ?? {}), ...(options.locked ?? [])]) {
    if (!names.has(n)) throw new ConfigError(`bounds or locks name channel ${JSON.stringify(n)}, not in the model`);
  }
  const channels: AllocationChannel[] = responses.map((r) => {
    if (options.locked?.includes(r.channel))
      return { name: r.channel, response: r.response, min: r.current, max: r.current };
    const b = options.bounds?.[r.channel] ?? {};
    const min = Math.max(b.min ?? 0, b.minRelative !== undefined ? b.minRelative * r.current : 0);
    const cap = options.budget ?? 10 * responses.reduce((s, x) => s + x.current, 0);
    const max = Math.min(b.max ?? Infinity, b.maxRelative !== undefined ? b.maxRelative * r.current : Infinity, cap);
    if (!(max >= min)) throw new ConfigError(`the bounds of ${r.channel} are empty: min ${min} > max ${max}`);
    return { name: r.channel, response: r.response, min, max };
  });
  const alloc =
    options.budget !== undefined ? maximizeOutcome(channels, options.budget) : minimizeSpend(channels, options.target!);
  const sd = outcomeSd(
    fit,
    responses.map((r) => r.channel),
    alloc.outcome,
  );
  const out: Plan['channels'] = {};
  responses.forEach((r, i) => {
    const o = alloc.outcome[i]!;
    const spend = alloc.spend[i]!;
    out[r.channel] = {
      spend,
      current: r.current,
      outcome: o,
      roi: spend > 0 ? o / spend : 0,
      marginalRoi: alloc.marginal[i]!,
    };
  });
  return {
    kind: 'plan',
    schema: 1,
    createdAt: new Date().toISOString(),
    model: options.model ?? null,
    modelWindow: fit.window,
    weeks: options.weeks,
    objective: options.budget !== undefined ? 'max-outcome' : 'min-spend',
    budget: alloc.spend.reduce((s, v) => s + v, 0),
    expected: { mean: alloc.total, lower: Math.max(0, alloc.total - Z90 * sd), upper: alloc.total + Z90 * sd },
    current: {
      spend: responses.reduce((s, r) => s + r.current, 0),
      outcome: responses.reduce((s, r) => s + r.response(r.current), 0),
    },
    allocation: Object.fromEntries(responses.map((r, i) => [r.channel, alloc.spend[i]!])),
    channels: out,
  };
}

/**
 * The sd of a plan's total outcome: each channel's outcome carries its ROI's relative sd (Laplace),
 * and the channels combine through the model's ROI correlation, or as fully correlated without one.
 *
 * @param outcome the plan's outcome per channel, aligned with `channels`
 */
function outcomeSd(fit: FittedMmm, channels: string[], outcome: ArrayLike<number>): number {
  const index = channels.map((name) => fit.channels.findIndex((c) => c.name === name));
  const s = index.map((c, i) => {
    const roi = fit.channels[c]!.roi;
    return roi.mean > 0 ? (outcome[i]! * (roi.upper - roi.mean)) / Z90 / roi.mean : 0;
  });
  const rho = fit.roiCorrelation;
  let v = 0;
  index.forEach((a, i) => index.forEach((b, j) => (v += s[i]! * (rho ? rho[a]![b]! : 1) * s[j]!)));
  return Math.sqrt(Math.max(v, 0));
}

/** What a plan starts from: the spend per channel over the last `weeks` periods and the outcome it buys. */
export interface PlanBaseline {
  weeks: number;
  current: { spend: number; outcome: number };
  /** Current spend per channel over the plan period. */
  channels: Record<string, number>;
}

/**
 * The current allocation a plan of `weeks` periods is measured against (the `current` of `createPlan`),
 * for a bounds table before any budget is chosen.
 *
 * @throws InputError as `periodResponses`
 */
export function planBaseline(fit: FittedMmm, data: MmmData, weeks: number): PlanBaseline {
  const responses = periodResponses(fit, data, weeks);
  return {
    weeks,
    current: {
      spend: responses.reduce((s, r) => s + r.current, 0),
      outcome: responses.reduce((s, r) => s + r.response(r.current), 0),
    },
    channels: Object.fromEntries(responses.map((r) => [r.channel, r.current])),
  };
}
