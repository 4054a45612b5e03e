import { formatAmount, formatMoney, formatNumber } from '../format';

// The outcome's own units: what a figure's axis and a table's number say. No Node imports: the
// JupyterLab extension bundles this file.

/** What a conversion measures: money (revenue), or a count of things (orders, leads, units). */
export type OutcomeKind = 'revenue' | 'count';

/** How a model's numbers read: the conversion's name and kind, the currency of money, the efficiency measure. */
export interface OutcomeUnits {
  /** The conversion as the model names it (`revenue`, `orders`). */
  conversion: string;
  kind: OutcomeKind;
  /** An ISO 4217 code for money, or null: amounts show without a symbol. */
  currency: string | null;
  /** One of the outcome, for counts: `order` for `orders`; the conversion itself for revenue. */
  unit: string;
  /** The efficiency a channel is judged by: ROI (outcome per unit of spend) or CPA (spend per outcome). */
  efficiency: 'roi' | 'cpa';
  /** Its label in words: `ROI` or `cost per order`. */
  efficiencyLabel: string;
}

/** The names of three shares, said in full wherever a share is shown. */
export const SHARE_LABELS = {
  /** A channel's contribution over the window's whole outcome (`insights --json` `share`). */
  outcome: 'share of outcome',
  /** A channel's contribution over the contribution of all media (`effectShare`). */
  effect: 'share of media effect',
  /** A channel's spend over all media spend (`spendShare`). */
  spend: 'share of spend',
} as const;

// Conversions that are money; any other name counts things.
const MONEY = /revenue|sales|value|gmv|turnover|income|profit|margin|amount|bookings?_value|basket/i;

/**
 * The kind of a conversion from its name: money for revenue-like names (revenue, sales, value, GMV,
 * turnover, income, profit, margin, amount), else a count.
 *
 * @example outcomeKind('revenue') // 'revenue'
 * @example outcomeKind('orders') // 'count'
 */
export function outcomeKind(conversion: string): OutcomeKind {
  return MONEY.test(conversion) ? 'revenue' : 'count';
}

/** A count's singular: `orders` → `order`, `leads` → `lead`, `sign_ups` → `sign up`. */
function singular(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return /ies$/i.test(words) ? words.slice(0, -3) + 'y' : /[^s]s$/i.test(words) ? words.slice(0, -1) : words;
}

/**
 * The units of a model's outcome: its kind (from the name unless given), the currency of money, and the
 * efficiency it is judged by (ROI for revenue, cost per acquisition for counts).
 *
 * @example outcomeUnits('orders').efficiencyLabel // 'cost per order'
 * @example outcomeUnits('revenue', { currency: 'EUR' }).efficiency // 'roi'
 */
export function outcomeUnits(
  conversion: string,
  options: { kind?: OutcomeKind; currency?: string | null } = {},
): OutcomeUnits {
  const kind = options.kind ?? outcomeKind(conversion);
  const unit = kind === 'count' ? singular(conversion) : conversion;
  return {
    conversion,
    kind,
    currency: options.currency ?? null,
    unit,
    efficiency: kind === 'count' ? 'cpa' : 'roi',
    efficiencyLabel: kind === 'count' ? `cost per ${unit}` : 'ROI',
  };
}

/** The units of a model whose conversion is not known: an outcome judged by ROI. */
export const GENERIC_UNITS: OutcomeUnits = Object.freeze(outcomeUnits('outcome', { kind: 'revenue' }));

/** An interval of a channel's efficiency; CPA's bound is null where the ROI's bound is not positive. */
export interface Efficiency {
  mean: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * A channel's efficiency from its ROI: the ROI itself, or the cost per acquisition
 * CPA = spend / incremental outcome = 1 / ROI, whose 90% interval is [1 / ROI upper, 1 / ROI lower];
 * none (nulls) for an owned channel, whose ROI is null: it has no spend.
 *
 * @example channelEfficiency({ mean: 0.02, lower: 0.01, upper: 0.04 }, outcomeUnits('orders')) // { mean: 50, lower: 25, upper: 100 }
 */
export function channelEfficiency(
  roi: { mean: number; lower: number; upper: number } | null,
  units: OutcomeUnits,
): Efficiency {
  if (roi === null) return { mean: null, lower: null, upper: null }; // an owned channel: no spend
  if (units.efficiency === 'roi') return { ...roi };
  const inv = (r: number) => (r > 0 ? 1 / r : null);
  return { mean: inv(roi.mean), lower: inv(roi.upper), upper: inv(roi.lower) };
}

/**
 * An amount of outcome in its units: money for revenue (`€1,235`), a count with its name for counts
 * (`1,235 orders`).
 */
export function formatOutcome(v: number | null | undefined, units: OutcomeUnits): string {
  if (units.kind === 'revenue') return formatMoney(v, units.currency);
  const text = formatAmount(v, 1);
  return text === '—' ? text : `${text} ${units.conversion.replace(/[_-]+/g, ' ')}`;
}

/** An amount of spend (money). */
export function formatSpend(v: number | null | undefined, units: OutcomeUnits): string {
  return formatMoney(v, units.currency);
}

/** An efficiency as it reads: ROI with two decimals (`2.35`), CPA as money (`€12.50`). */
export function formatEfficiency(v: number | null | undefined, units: OutcomeUnits): string {
  return units.efficiency === 'roi' ? formatNumber(v) : formatMoney(v, units.currency);
}

/** An axis title for money: `spend (EUR)`, or `spend` without a currency. */
export function moneyAxis(what: string, units: OutcomeUnits): string {
  return units.currency ? `${what} (${units.currency})` : what;
}

/** An axis title for the outcome: `revenue (EUR)`, `orders`. */
export function outcomeAxis(units: OutcomeUnits, what = units.conversion.replace(/[_-]+/g, ' ')): string {
  return units.kind === 'revenue' ? moneyAxis(what, units) : what;
}

/** The axis title of a channel's efficiency: `ROI (revenue per unit of spend)` or `cost per order (EUR)`. */
export function efficiencyAxis(units: OutcomeUnits): string {
  return units.efficiency === 'roi'
    ? `ROI (${units.conversion.replace(/[_-]+/g, ' ')} per unit of spend)`
    : moneyAxis(units.efficiencyLabel, units);
}
