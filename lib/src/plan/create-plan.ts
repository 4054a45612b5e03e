import { ConfigError } from '../errors';
import { formatInteger } from '../format';
import type { FittedMmm } from '../mmm/fitted';
import type { MmmData } from '../mmm/spec';
import { maximizeOutcome, minimizeSpend } from './optimize';
import { periodResponses } from './period-response';
import { checkNames, DEFAULT_BOUNDS, resolveBounds } from './plan-bounds';
import type { Plan, PlanOptions } from './plan-types';
import { createGeoPlan, geoCurrentSpend, type GeoPlanData } from './geo-plan';
import type { GeoFit } from '../mmm/geo-fitted';
import { Z90 } from '../mmm/laplace';
import { beyondWarning, correlatedSd, outcomeSdOf } from './plan-outcome';
import { checkNotHeld, ownedSplit } from './owned-plan';

export type { ChannelBounds, RelativeBounds, ResolvedBound } from './plan-bounds';
export type { Plan, PlanChannel, PlanOptions } from './plan-types';

/**
 * Finds the allocation that maximizes the fitted outcome for a budget, or reaches a target at least
 * spend, under per-channel bounds and locks, over a plan period of `weeks` with carry-over.
 * Channels without bounds of their own are held to 0.5–1.5× their current spend (`defaultBounds`), and
 * the plan stores each channel's bounds with the reason for them; a channel planned above the highest
 * spend per period of the training window is named in `warnings`. The 90% interval scales each
 * channel's outcome by its ROI uncertainty and adds the channels up with the model's ROI correlation
 * (fully correlated, so wider, for a model stored without it). An owned or earned channel (no spend)
 * is held at its volume and reported under `held`, unless its data give a cost per unit: then it is
 * planned as a channel whose spend is volume × cost (`ownedSplit`).
 *
 * @throws ConfigError when neither or both of budget and target are given, a bound names an unknown
 * channel or a held one, the budget lies outside what the bounds allow, or the target is out of their reach
 */
export function createPlan(
  fit: FittedMmm & { geo?: GeoFit },
  data: MmmData,
  options: PlanOptions,
  geoData?: GeoPlanData,
): Plan {
  if ((options.budget === undefined) === (options.target === undefined)) {
    throw new ConfigError('a plan needs exactly one of `budget` and `target`');
  }
  if (fit.geo && geoData) return createGeoPlan({ ...fit, geo: fit.geo }, data, geoData, options);
  if (options.geoBounds !== undefined || options.cellBounds !== undefined) {
    throw new ConfigError(
      fit.geo
        ? "geo and cell bounds need each geo's data: plan a geo-level model through the workspace (`plan create`) or pass its geos' data"
        : 'geo and cell bounds need a geo-level model; this model is national',
    );
  }
  const owned = ownedSplit(fit, data, options.weeks); // owned channels: priced by their cost per unit, or held
  checkNotHeld(
    [...Object.keys(options.bounds ?? {}), ...(options.locked ?? [])],
    owned.held,
    owned.fit.channels.length,
  );
  const responses = periodResponses(owned.fit, owned.data, options.weeks);
  checkNames(
    'bounds or locks',
    'channel',
    [...Object.keys(options.bounds ?? {}), ...(options.locked ?? [])],
    responses.map((r) => r.channel),
  );
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
  const sd = correlatedSd(
    fit,
    responses.map((r) => r.channel),
    responses.map((r, i) => outcomeSdOf(alloc.outcome[i]!, fit.channels.find((c) => c.name === r.channel)!.roi)),
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
    ...(Object.keys(owned.held).length ? { held: owned.held } : {}),
  };
}

/** What a plan starts from: the spend per channel over the last `weeks` periods and the outcome it buys. */
export interface PlanBaseline {
  weeks: number;
  current: { spend: number; outcome: number };
  /** Current spend per channel over the plan period. */
  channels: Record<string, number>;
  /** Per channel: the highest spend in one period of the training window (beyond it, a plan extrapolates). */
  maxSeen: Record<string, number>;
  /** On a geo-level model: each geo's current spend over the plan period (what geo bounds are multiples of). */
  geos?: Record<string, number>;
}

/**
 * The current allocation a plan of `weeks` periods is measured against (the `current` of `createPlan`),
 * for a bounds table before any budget is chosen; with a geo-level model's data per geo, each geo's
 * current spend too.
 *
 * @throws InputError as `periodResponses`
 */
export function planBaseline(
  fit: FittedMmm & { geo?: GeoFit },
  data: MmmData,
  weeks: number,
  geoData?: GeoPlanData,
): PlanBaseline {
  const owned = ownedSplit(fit, data, weeks);
  const responses = periodResponses(owned.fit, owned.data, weeks);
  return {
    weeks,
    current: {
      spend: responses.reduce((s, r) => s + r.current, 0),
      outcome: responses.reduce((s, r) => s + r.response(r.current), 0),
    },
    channels: Object.fromEntries(responses.map((r) => [r.channel, r.current])),
    maxSeen: Object.fromEntries(responses.map((r) => [r.channel, r.maxSeen])),
    ...(fit.geo && geoData ? { geos: geoCurrentSpend({ ...fit, geo: fit.geo }, data, geoData, weeks) } : {}),
  };
}
