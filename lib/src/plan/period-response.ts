import { InputError } from '../errors';
import type { FittedMmm } from '../mmm/fitted';
import type { MmmData } from '../mmm/spec';
import { convolveLags } from '../transforms/geometric';
import { transformFromJSON } from '../transforms/from-json';
import type { AdstockTransform } from '../transforms/values';

/**
 * What a period response needs of a model: its training window and per channel its curves, the input mean
 * they divide the input by, and the coefficient in outcome units (a national fit, or one geo's curves).
 */
export interface CurveModel {
  window: FittedMmm['window'];
  channels: Pick<FittedMmm['channels'][number], 'name' | 'adstock' | 'saturation' | 'inputMean' | 'coefficient'>[];
}

/** A channel's response over a plan period, from a fitted model. */
export interface PeriodResponse {
  channel: string;
  /** Outcome added by spending `spend` evenly over the period, its carry-over after it included. */
  response: (spend: number) => number;
  /** Spend over the last `weeks` periods of the data, the "current" allocation. */
  current: number;
  /** The highest spend in one period of the training window: beyond it the response is an extrapolation. */
  maxSeen: number;
  /** The period (ISO date) of that highest spend; null when the window holds no period. */
  maxSeenDate: string | null;
}

/**
 * Builds each channel's period response: the last `lookback` periods of the data as history, then
 * `weeks` periods of constant spend, then `lookback` periods of none; the response is the extra outcome
 * over the period and the tail compared with spending nothing. Spend turns into the model's input
 * (impressions, say) at the training window's input-per-spend rate.
 *
 * @throws InputError when the data lack a channel of the model or weeks is not a positive integer
 */
export function periodResponses(fit: CurveModel, data: MmmData, weeks: number): PeriodResponse[] {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520) {
    throw new InputError(`\`weeks\` must be an integer in [1, 520]; got ${weeks}`);
  }
  const from = data.dates.indexOf(fit.window.from);
  const to = data.dates.indexOf(fit.window.to);
  return fit.channels.map((ch) => {
    const src = data.channels.find((c) => c.name === ch.name);
    if (!src) throw new InputError(`the data lack channel ${ch.name} of the model`);
    let inSum = 0;
    let spendSum = 0;
    let maxSeen = 0;
    let maxSeenDate: string | null = null;
    for (let i = Math.max(0, from); i <= (to < 0 ? src.input.length - 1 : to); i++) {
      inSum += src.input[i]!;
      spendSum += src.spend[i]!;
      if (maxSeenDate === null || src.spend[i]! > maxSeen) [maxSeen, maxSeenDate] = [src.spend[i]!, data.dates[i]!];
    }
    const inputPerSpend = spendSum > 0 ? inSum / spendSum : 1;
    const adstock = transformFromJSON(ch.adstock) as AdstockTransform;
    const w = adstock.weights();
    const L = w.length - 1;
    const sat = transformFromJSON(ch.saturation);
    const n = src.input.length;
    // The carry-over is linear: the history's carried input plus the weekly spend times a unit week's.
    const past = new Float64Array(L + weeks + L);
    for (let i = 0; i < L; i++) past[i] = (n - L + i >= 0 ? src.input[n - L + i]! : 0) / ch.inputMean;
    const unit = new Float64Array(L + weeks + L);
    for (let i = 0; i < weeks; i++) unit[L + i] = inputPerSpend / ch.inputMean;
    const carried = convolveLags(past, w);
    const perWeekly = convolveLags(unit, w);
    const z = new Float64Array(weeks + L);
    const total = (weekly: number) => {
      for (let i = 0; i < z.length; i++) z[i] = carried[L + i]! + weekly * perWeekly[L + i]!;
      sat.apply(z, z);
      let s = 0;
      for (let i = 0; i < z.length; i++) s += z[i]!;
      return s * ch.coefficient;
    };
    const none = total(0);
    let current = 0;
    for (let i = Math.max(0, n - weeks); i < n; i++) current += src.spend[i]!;
    current *= weeks / Math.min(weeks, n);
    return {
      channel: ch.name,
      response: (spend: number) => total(spend / weeks) - none,
      current,
      maxSeen,
      maxSeenDate,
    };
  });
}
