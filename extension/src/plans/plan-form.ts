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
}

/** Why the default bounds are there, shown beside them (lib's DEFAULT_BOUNDS: 0.5–1.5× current spend). */
export const BOUNDS_REASON =
  `By default each channel stays between ${DEFAULT_BOUNDS.minRelative}× and ${DEFAULT_BOUNDS.maxRelative}× its ` +
  'current spend: the model learned its response curves from spend near current levels, and far outside them ' +
  'it extrapolates. Widen a channel’s bounds where you accept that (an empty field is the default).';

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
  return {
    objective: previous?.objective ?? 'budget',
    amount: context ? String(Math.round(context.current.spend)) : '',
    weeks: previous?.weeks ?? String(context?.weeks ?? 13),
    name: previous?.name ?? '',
    bounds,
  };
}

const parse = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

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
    const min = parse(b.min);
    const max = parse(b.max);
    if ((min !== undefined && !(min >= 0)) || (max !== undefined && !(max >= 0)))
      return `${c}: the bounds must be multiples of current spend, 0 or more`;
    if (min !== undefined && max !== undefined && min > max) return `${c}: the lowest multiple is above the highest`;
    const current = context.channels[c] ?? 0;
    const entry = {
      ...(min !== undefined && min !== DEFAULT_BOUNDS.minRelative ? { minRelative: min } : {}),
      ...(max !== undefined && max !== DEFAULT_BOUNDS.maxRelative && current > 0 ? { maxRelative: max } : {}),
    };
    if (Object.keys(entry).length > 0) bounds[c] = entry;
  }
  const locked = Object.keys(form.bounds).filter((c) => form.bounds[c]!.locked);
  return { weeks, ...(form.objective === 'budget' ? { budget: amount } : { target: amount }), bounds, locked };
}

/** The bounds of the form in words: `tv 0.5×–1.5× of 120,000`. */
export function boundsInWords(form: PlanForm, context: PlanContext): string {
  return Object.entries(form.bounds)
    .map(([c, b]) =>
      b.locked
        ? `${c} kept at ${formatInteger(context.channels[c])}`
        : `${c} ${b.min || '0'}×–${b.max || '∞'}× of ${formatInteger(context.channels[c])}`,
    )
    .join('; ');
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
