import { ConfigError } from '../errors';
import { formatInteger } from '../format';
import type { FittedMmm } from '../mmm/fitted';
import type { MmmData } from '../mmm/spec';
import { maximizeOutcome, minimizeSpend } from './optimize';
import { periodResponses, type PeriodResponse } from './period-response';
import { DEFAULT_BOUNDS, resolveBounds, type ChannelBounds, type RelativeBounds } from './plan-bounds';
import type { Plan, PlanChannel } from './plan-types';
import { Z90 } from '../mmm/laplace';

export type { ChannelBounds, RelativeBounds, ResolvedBound } from './plan-bounds';
export type { Plan, PlanChannel } from './plan-types';

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
  /** Channels kept at their current spend. */
  locked?: string[];
  /** The model id and version the plan is built on (a plan never follows later re-scoring). */
  model?: { id: string; version: number };
}

/**
 * Finds the allocation that maximizes the fitted outcome for a budget, or reaches a target at least
 * spend, under per-channel bounds and locks, over a plan period of `weeks` with carry-over.
 * Channels without bounds of their own are held to 0.5–1.5× their current spend (`defaultBounds`), and
 * the plan stores each channel's bounds with the reason for them; a channel planned above the highest
 * spend per period of the training window is named in `warnings`. The 90% interval scales each
 * channel's outcome by its ROI uncertainty and adds the channels up with the model's ROI correlation
 * (fully correlated, so wider, for a model stored without it).
 *
 * @throws ConfigError when neither or both of budget and target are given, a bound names an unknown
 * channel, the budget lies outside what the bounds allow, or the target is out of their reach
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
  const rule = options.defaultBounds === undefined ? { ...DEFAULT_BOUNDS } : options.defaultBounds;
  const cap = options.budget ?? 10 * responses.reduce((s, x) => s + x.current, 0);
  const { channels, resolved } = resolveBounds(responses, options.bounds ?? {}, options.locked ?? [], rule, cap);
  if (options.budget !== undefined) {
    const lo = channels.reduce((s, c) => s + c.min, 0);
    const hi = channels.reduce((s, c) => s + c.max, 0);
    if (!(options.budget >= lo * (1 - 1e-9) && options.budget <= hi * (1 + 1e-9))) {
      const why = rule
        ? ` (channels without bounds of their own are held to ${rule.minRelative}–${rule.maxRelative}× their current spend; widen them or give bounds per channel)`
        : '';
      throw new ConfigError(
        `the budget ${formatInteger(options.budget)} is outside what the bounds allow: ${formatInteger(lo)} to ${formatInteger(hi)}${why}`,
      );
    }
  }
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
      maxSeen: r.maxSeen,
      beyondSeen: spend / options.weeks > r.maxSeen * (1 + 1e-9),
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
    boundsRule: rule,
    bounds: resolved,
    warnings: responses
      .filter((r) => out[r.channel]!.beyondSeen)
      .map((r) => beyondWarning(r, out[r.channel]!, options.weeks)),
  };
}

/** `tv: 120,000 a period planned, above the most the model was fitted on (95,000, in the period of 2024-03-04) …`. */
function beyondWarning(r: PeriodResponse, c: PlanChannel, weeks: number): string {
  const seen = r.maxSeen > 0 ? `${formatInteger(r.maxSeen)}, in the period of ${r.maxSeenDate}` : 'it never had spend';
  return (
    `${r.channel}: ${formatInteger(c.spend / weeks)} a period planned, above the most the model was fitted on ` +
    `(${seen}); its expected outcome there is an extrapolation of the response curve`
  );
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
  /** Per channel: the highest spend in one period of the training window (beyond it, a plan extrapolates). */
  maxSeen: Record<string, number>;
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
    maxSeen: Object.fromEntries(responses.map((r) => [r.channel, r.maxSeen])),
  };
}
