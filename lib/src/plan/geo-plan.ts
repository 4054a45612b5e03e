import { ConfigError, InputError } from '../errors';
import { formatInteger } from '../format';
import type { FittedMmm } from '../mmm/fitted';
import type { GeoFit } from '../mmm/geo-fitted';
import { Z90 } from '../mmm/laplace';
import type { MmmData } from '../mmm/spec';
import { geoBudgetRange, maximizeGeoOutcome, minimizeGeoSpend, type GeoAllocationProblem } from './geo-optimize';
import { periodResponses, type PeriodResponse } from './period-response';
import {
  checkNames,
  DEFAULT_BOUNDS,
  reasonOf,
  resolveBounds,
  type ChannelBounds,
  type ResolvedBound,
} from './plan-bounds';
import { checkNotHeld, ownedSplit, pricedData } from './owned-plan';
import { beyondWarning, correlatedSd, outcomeSdOf } from './plan-outcome';
import type { Plan, PlanChannel, PlanOptions } from './plan-types';

/** A geo-level model's data per geo (`modelGeoPanel` gives them), to plan over its geos. */
export interface GeoPlanData {
  geos: string[];
  byGeo: MmmData[];
}

/**
 * Each geo's period responses from the geo-level fit: the channel's shared curves on the geo's input over
 * its own window mean, with the geo's own coefficient.
 *
 * @throws ConfigError when the fit was stored before it kept each geo's coefficient and input mean
 * @throws InputError when the data lack a geo of the model
 */
function geoResponses(geo: GeoFit, channels: string[], panel: GeoPlanData, weeks: number): PeriodResponse[][] {
  return geo.geos.map((name) => {
    const k = panel.geos.indexOf(name);
    if (k < 0) throw new InputError(`the data lack geo ${name} of the model (they have ${panel.geos.join(', ')})`);
    const own = geo.byGeo.find((b) => b.name === name);
    const curves = channels.map((c) => {
      const cell = own?.channels[c];
      if (cell?.coefficient === undefined || cell.inputMean === undefined) {
        throw new ConfigError(
          "this geo-level model was trained before plans across geos: it lacks each geo's curves; retrain it (`model train`) to plan over its geos",
        );
      }
      const shared = geo.channels[c]!;
      return {
        name: c,
        adstock: shared.adstock,
        saturation: shared.saturation,
        inputMean: cell.inputMean,
        coefficient: cell.coefficient,
      };
    });
    return periodResponses({ window: geo.window, channels: curves }, panel.byGeo[k]!, weeks);
  });
}

/**
 * The bounds of a sum (a geo's spend, or a channel's over the geos): the user's, within what its cells
 * allow ([lo, hi]); the cells' range when the user gives none.
 *
 * @throws ConfigError naming the sum when its bounds and its cells' leave nothing
 */
function sumBound(label: string, b: ChannelBounds | undefined, current: number, lo: number, hi: number): ResolvedBound {
  const cells = `its cells allow ${formatInteger(lo)} to ${formatInteger(hi)}`;
  if (!b || Object.keys(b).length === 0) {
    return { min: lo, max: hi, reason: `no bounds of its own: ${cells}; current spend ${formatInteger(current)}` };
  }
  const min = Math.max(b.min ?? 0, b.minRelative !== undefined ? b.minRelative * current : 0, lo);
  const max = Math.min(b.max ?? Infinity, b.maxRelative !== undefined ? b.maxRelative * current : Infinity, hi);
  if (!(max >= min)) {
    throw new ConfigError(
      `the bounds of ${label} are empty: min ${formatInteger(min)} > max ${formatInteger(max)} (${reasonOf(b, null, current)}; ${cells})`,
    );
  }
  return { min, max, reason: `${reasonOf(b, null, current)}; ${cells}` };
}

/**
 * The plan's cells: each geo's period responses over the paid channels (owned channels as in a national
 * plan: priced by their cost per unit, or held at their volume).
 */
function cellResponses(fit: FittedMmm & { geo: GeoFit }, data: MmmData, panel: GeoPlanData, weeks: number) {
  const owned = ownedSplit(fit, data, weeks);
  const channels = owned.fit.channels.map((c) => c.name);
  const priced = { geos: panel.geos, byGeo: panel.byGeo.map(pricedData) };
  return { owned, channels, responses: geoResponses(fit.geo, channels, priced, weeks) };
}

/**
 * Each geo's current spend over a plan of `weeks` periods (the sum of its cells), what `geoBounds`'
 * multiples are of.
 *
 * @throws as `createGeoPlan` for a model trained before plans across geos or data lacking one of its geos
 */
export function geoCurrentSpend(
  fit: FittedMmm & { geo: GeoFit },
  data: MmmData,
  panel: GeoPlanData,
  weeks: number,
): Record<string, number> {
  const { responses } = cellResponses(fit, data, panel, weeks);
  return Object.fromEntries(fit.geo.geos.map((g, k) => [g, responses[k]!.reduce((s, r) => s + r.current, 0)]));
}

/**
 * A plan over a geo-level model's geo × channel cells (see `createPlan`): each cell's response is its
 * geo's curve for the channel, every cell without bounds of its own is held to the default bounds
 * (0.5–1.5× its current spend), `bounds` bound each channel's sum over the geos, `geoBounds` each geo's
 * sum over its channels, `cellBounds` single cells, and `locked` channels keep every cell's current
 * spend. The optimum honours all of them at once (`maximizeGeoOutcome`). The plan's `channels` are the
 * sums over geos and `byGeo` the cells; its 90% interval adds each channel's cells as fully correlated
 * (they share the channel's curves and centre) and the channels with the model's ROI correlation.
 *
 * @throws ConfigError naming an unknown geo or channel (with the known ones), empty bounds, a budget
 * outside what the bounds allow, a target out of reach, or a model trained before plans across geos
 */
export function createGeoPlan(
  fit: FittedMmm & { geo: GeoFit },
  data: MmmData,
  panel: GeoPlanData,
  options: PlanOptions,
): Plan {
  const { geo, window } = fit;
  const { owned, channels, responses } = cellResponses(fit, data, panel, options.weeks);
  const cellNames = Object.values(options.cellBounds ?? {}).flatMap((m) => Object.keys(m));
  checkNotHeld([...Object.keys(options.bounds ?? {}), ...(options.locked ?? []), ...cellNames], owned.held);
  const geos = geo.geos;
  checkNames('bounds or locks', 'channel', [...Object.keys(options.bounds ?? {}), ...(options.locked ?? [])], channels);
  checkNames('geo bounds', 'geo', Object.keys(options.geoBounds ?? {}), geos);
  checkNames('cell bounds', 'geo', Object.keys(options.cellBounds ?? {}), geos);
  for (const [g, m] of Object.entries(options.cellBounds ?? {})) {
    checkNames(`cell bounds of geo ${g}`, 'channel', Object.keys(m), channels);
  }
  const national = periodResponses(owned.fit, owned.data, options.weeks);
  const rule = options.defaultBounds === undefined ? { ...DEFAULT_BOUNDS } : options.defaultBounds;
  const currentTotal = responses.flat().reduce((s, r) => s + r.current, 0);
  const cap = options.budget ?? 10 * currentTotal;
  const cellBounds: Record<string, Record<string, ResolvedBound>> = {};
  const problem: GeoAllocationProblem = { cells: [], geos: [], channels: [] };
  responses.forEach((rs, g) => {
    // Each cell is named geo/channel, so that its bounds' reasons and errors say which.
    const key = (c: string) => `${geos[g]}/${c}`;
    const own = Object.fromEntries(Object.entries(options.cellBounds?.[geos[g]!] ?? {}).map(([c, b]) => [key(c), b]));
    const { channels: cells, resolved } = resolveBounds(
      rs.map((r) => ({ ...r, channel: key(r.channel) })),
      own,
      (options.locked ?? []).map(key),
      rule,
      cap,
    );
    cellBounds[geos[g]!] = Object.fromEntries(channels.map((c) => [c, resolved[key(c)]!]));
    cells.forEach((cell, c) =>
      problem.cells.push({ geo: g, channel: c, response: cell.response, min: cell.min, max: cell.max }),
    );
  });
  const cellsOf = (pick: (i: number) => boolean) => {
    const picked = problem.cells.filter((_, i) => pick(i));
    return [picked.reduce((s, c) => s + c.min, 0), picked.reduce((s, c) => s + c.max, 0)] as const;
  };
  const currentOf = (pick: (g: number, c: number) => boolean) =>
    responses.reduce((s, rs, g) => s + rs.reduce((t, r, c) => t + (pick(g, c) ? r.current : 0), 0), 0);
  const geoBounds = Object.fromEntries(
    geos.map((name, g) => {
      const [lo, hi] = cellsOf((i) => problem.cells[i]!.geo === g);
      return [
        name,
        sumBound(
          `geo ${name}`,
          options.geoBounds?.[name],
          currentOf((k) => k === g),
          lo,
          hi,
        ),
      ];
    }),
  );
  const bounds = Object.fromEntries(
    channels.map((name, c) => {
      const [lo, hi] = cellsOf((i) => problem.cells[i]!.channel === c);
      return [
        name,
        sumBound(
          name,
          options.bounds?.[name],
          currentOf((_, k) => k === c),
          lo,
          hi,
        ),
      ];
    }),
  );
  problem.geos = geos.map((g) => geoBounds[g]!);
  problem.channels = channels.map((c) => bounds[c]!);
  const start = responses.flatMap((rs) => rs.map((r) => r.current));
  if (options.budget !== undefined) {
    const r = geoBudgetRange(problem);
    const why = rule
      ? ` (cells without bounds of their own are held to ${rule.minRelative}–${rule.maxRelative}× their current spend; widen them or give bounds per geo, channel or cell)`
      : '';
    if (!r) throw new ConfigError(`the bounds of the geos, channels and cells cannot all hold at once${why}`);
    if (!(options.budget >= r.lo * (1 - 1e-9) && options.budget <= r.hi * (1 + 1e-9))) {
      throw new ConfigError(
        `the budget ${formatInteger(options.budget)} is outside what the bounds allow: ${formatInteger(r.lo)} to ${formatInteger(r.hi)}${why}`,
      );
    }
  }
  const alloc =
    options.budget !== undefined
      ? maximizeGeoOutcome(problem, options.budget, start)
      : minimizeGeoSpend(problem, options.target!, start);
  const byGeo: Record<string, Record<string, PlanChannel>> = {};
  const sds = channels.map(() => 0);
  const warnings: string[] = [];
  problem.cells.forEach((cell, i) => {
    const r = responses[cell.geo]![cell.channel]!;
    const [g, c] = [geos[cell.geo]!, channels[cell.channel]!];
    const spend = alloc.spend[i]!;
    const outcome = alloc.outcome[i]!;
    const planned: PlanChannel = {
      spend,
      current: r.current,
      outcome,
      roi: spend > 0 ? outcome / spend : 0,
      marginalRoi: alloc.marginal[i]!,
      maxSeen: r.maxSeen,
      beyondSeen: spend / options.weeks > r.maxSeen * (1 + 1e-9),
    };
    (byGeo[g] ??= {})[c] = planned;
    sds[cell.channel] =
      sds[cell.channel]! + outcomeSdOf(outcome, geo.byGeo.find((b) => b.name === g)!.channels[c]!.roi);
    if (planned.beyondSeen) warnings.push(beyondWarning(r, planned, options.weeks, `${g}/${c}`));
  });
  const sums: Plan['channels'] = {};
  channels.forEach((c, k) => {
    const cells = geos.map((g) => byGeo[g]![c]!);
    const spend = cells.reduce((s, x) => s + x.spend, 0);
    const outcome = cells.reduce((s, x) => s + x.outcome, 0);
    // The channel's marginal return: its cells' own, weighted by their spend.
    const marginal = spend > 0 ? cells.reduce((s, x) => s + x.marginalRoi * x.spend, 0) / spend : 0;
    sums[c] = {
      spend,
      current: cells.reduce((s, x) => s + x.current, 0),
      outcome,
      roi: spend > 0 ? outcome / spend : 0,
      marginalRoi: marginal,
      maxSeen: national[k]!.maxSeen,
      beyondSeen: cells.some((x) => x.beyondSeen),
    };
  });
  const sd = correlatedSd(fit, channels, sds);
  return {
    kind: 'plan',
    schema: 1,
    createdAt: new Date().toISOString(),
    model: options.model ?? null,
    modelWindow: window,
    weeks: options.weeks,
    objective: options.budget !== undefined ? 'max-outcome' : 'min-spend',
    budget: alloc.spend.reduce((s, v) => s + v, 0),
    expected: { mean: alloc.total, lower: Math.max(0, alloc.total - Z90 * sd), upper: alloc.total + Z90 * sd },
    current: {
      spend: currentTotal,
      outcome: responses.flat().reduce((s, r) => s + r.response(r.current), 0),
    },
    allocation: Object.fromEntries(channels.map((c) => [c, sums[c]!.spend])),
    channels: sums,
    boundsRule: rule,
    bounds,
    warnings,
    ...(Object.keys(owned.held).length ? { held: owned.held } : {}),
    byGeo,
    geoBounds,
    cellBounds,
  };
}
