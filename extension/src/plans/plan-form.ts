import type { PlanContext, PlanRequestOptions } from 'mixmodeler-kernel/dist/action-protocol';
import { DEFAULT_BOUNDS, formatInteger } from 'mixmodeler/dist/browser';
import { uniqueName } from '../models/names';

/** One channel's bounds as typed: multiples of its current spend (strings, so a half-typed value stays). */
export interface BoundForm {
  min: string;
  max: string;
  locked: boolean;
}

/** What the plans form holds. */
export interface PlanForm {
  objective: 'budget' | 'target';
  amount: string;
  weeks: string;
  /** The plan's or scenario's name; empty: a default name that no other plan has. */
  name: string;
  bounds: Record<string, BoundForm>;
  /**
   * On a geo-level model: each geo's bounds over its channels, as multiples of the geo's current spend
   * (empty: no bounds of its own, only its cells').
   */
  geoBounds: Record<string, Omit<BoundForm, 'locked'>>;
}

/** Why the default bounds are there, shown beside them (lib's DEFAULT_BOUNDS: 0.5–1.5× current spend). */
export const BOUNDS_REASON =
  `By default each channel stays between ${DEFAULT_BOUNDS.minRelative}× and ${DEFAULT_BOUNDS.maxRelative}× its ` +
  'current spend: the model learned its response curves from spend near current levels, and far outside them ' +
  'it extrapolates. Widen a channel’s bounds where you accept that (an empty field is the default).';

/** What the geo bounds mean, shown beside them. */
export const GEO_BOUNDS_REASON =
  'On a geo-level model the plan allocates over every geo and channel. A geo’s bounds hold the sum over its ' +
  'channels between multiples of its current spend; empty, a geo is held only by its channels’ bounds.';

/** The form for a model's current spend: its current spend as the budget, the default bounds. */
export function initialPlanForm(context: PlanContext | null, previous?: PlanForm): PlanForm {
  const bounds = Object.fromEntries(
    Object.keys(context?.channels ?? {}).map((c) => [
      c,
      previous?.bounds[c] ?? {
        min: String(DEFAULT_BOUNDS.minRelative),
        max: String(DEFAULT_BOUNDS.maxRelative),
        locked: false,
      },
    ]),
  );
  const geoBounds = Object.fromEntries(
    Object.keys(context?.geos ?? {}).map((g) => [g, previous?.geoBounds[g] ?? { min: '', max: '' }]),
  );
  return {
    objective: previous?.objective ?? 'budget',
    amount: context ? String(Math.round(context.current.spend)) : '',
    weeks: previous?.weeks ?? String(context?.weeks ?? 13),
    name: previous?.name ?? '',
    bounds,
    geoBounds,
  };
}

const parse = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

/** The typed multiples of `name`'s current spend, or what is wrong with them. */
function multiples(name: string, b: Omit<BoundForm, 'locked'>): { min?: number; max?: number } | string {
  const min = parse(b.min);
  const max = parse(b.max);
  if ((min !== undefined && !(min >= 0)) || (max !== undefined && !(max >= 0)))
    return `${name}: the bounds must be multiples of current spend, 0 or more`;
  if (min !== undefined && max !== undefined && min > max) return `${name}: the lowest multiple is above the highest`;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/**
 * The plan options of the form, or what is wrong with it in words: a plan period of 1 to 104 weeks,
 * a positive amount, bounds as multiples of current spend (min ≤ max). A multiple other than lib's
 * default goes to lib as `minRelative`/`maxRelative` (the default and an empty field are left to lib's
 * `DEFAULT_BOUNDS`, so the plan's stored reason says "the default"); a channel with no current spend gets
 * no upper multiple (×0 would lock it).
 */
export function planOptions(form: PlanForm, context: PlanContext): PlanRequestOptions | string {
  const weeks = Number(form.weeks);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 104) return 'the plan period must be 1 to 104 weeks';
  const amount = Number(form.amount.replace(/,/g, ''));
  if (!(amount > 0)) return `the ${form.objective === 'budget' ? 'budget' : 'target'} must be a positive number`;
  const bounds: NonNullable<PlanRequestOptions['bounds']> = {};
  for (const [c, b] of Object.entries(form.bounds)) {
    if (b.locked) continue;
    const typed = multiples(c, b);
    if (typeof typed === 'string') return typed;
    const { min, max } = typed;
    const current = context.channels[c] ?? 0;
    const entry = {
      ...(min !== undefined && min !== DEFAULT_BOUNDS.minRelative ? { minRelative: min } : {}),
      ...(max !== undefined && max !== DEFAULT_BOUNDS.maxRelative && current > 0 ? { maxRelative: max } : {}),
    };
    if (Object.keys(entry).length > 0) bounds[c] = entry;
  }
  const geoBounds: NonNullable<PlanRequestOptions['geoBounds']> = {};
  for (const [g, b] of Object.entries(form.geoBounds)) {
    const typed = multiples(`geo ${g}`, b);
    if (typeof typed === 'string') return typed;
    const entry = {
      ...(typed.min !== undefined ? { minRelative: typed.min } : {}),
      ...(typed.max !== undefined ? { maxRelative: typed.max } : {}),
    };
    if (Object.keys(entry).length > 0) geoBounds[g] = entry;
  }
  const locked = Object.keys(form.bounds).filter((c) => form.bounds[c]!.locked);
  return {
    weeks,
    ...(form.objective === 'budget' ? { budget: amount } : { target: amount }),
    bounds,
    ...(Object.keys(geoBounds).length > 0 ? { geoBounds } : {}),
    locked,
  };
}

/**
 * The name a plan or scenario gets: the one typed, or `<model>: budget 2,000,000 over 13 weeks`; a
 * name that another plan (or scenario) has already gets ` (2)`, ` (3)`…
 */
export function planName(form: PlanForm, modelName: string, taken: Iterable<string>): string {
  const typed = form.name.trim();
  const amount = formatInteger(Number(form.amount.replace(/,/g, '')));
  const base = typed || `${modelName}: ${form.objective} ${amount} over ${form.weeks} weeks`;
  return uniqueName(base, taken);
}
