import { InputError } from '../errors';
import { transformFromJSON } from '../transforms/values';
import { baseDesign, baseNames } from './design';
import type { FittedMmm } from './fitted';
import type { MmmData } from './spec';

/** Per-period scores of a fitted model over a range of the data. */
export interface MmmScores {
  dates: string[];
  /** Predicted outcome, [n]. */
  predicted: number[];
  /** Base (intercept, trend, seasonality, factors), [n]. */
  base: number[];
  /** Incremental contribution per channel, [n] each. */
  contributions: Record<string, number[]>;
  /** Per channel over the range: spend, contribution, ROI and marginal ROI (at the range's spend). */
  channels: Record<string, { spend: number; contribution: number; roi: number; marginalRoi: number }>;
}

function channelColumn(fit: FittedMmm, c: number, input: Float64Array, scale = 1): Float64Array {
  const ch = fit.channels[c]!;
  const x = Float64Array.from(input, (v) => (v * scale) / ch.inputMean);
  const z = transformFromJSON(ch.saturation).apply(transformFromJSON(ch.adstock).apply(x));
  for (let i = 0; i < z.length; i++) z[i] = z[i]! * ch.coefficient;
  return z;
}

/**
 * Scores a fitted model on data over `from..to` (ISO dates, inclusive), which may lie after the
 * training window (new weeks): carry-over from earlier rows of `data` enters through the adstock.
 * Marginal ROI is the extra outcome per extra unit of spend when the range's spend rises by 1%.
 *
 * @throws InputError when a channel or factor of the model is missing or the range is empty
 */
export function scoreMmm(fit: FittedMmm, data: MmmData, range?: { from: string; to: string }): MmmScores {
  const from = range ? data.dates.findIndex((d) => d >= range.from) : 0;
  const toRev = range ? [...data.dates].reverse().findIndex((d) => d <= range.to) : 0;
  const to = data.dates.length - 1 - toRev;
  if (from < 0 || toRev < 0 || to < from) {
    throw new InputError(`the range ${range?.from}..${range?.to} holds no periods of the data`);
  }
  for (const f of fit.base.factors) {
    if (!data.factors.some((g) => g.name === f.name))
      throw new InputError(`the data lack factor ${f.name} of the model`);
  }
  const channels = fit.channels.map((ch) => {
    const s = data.channels.find((d) => d.name === ch.name);
    if (!s) throw new InputError(`the data lack channel ${ch.name} of the model`);
    return s;
  });
  const n = to - from + 1;
  const B = baseNames(fit.base).length;
  const x = baseDesign(fit.base, data.dates, data.factors, from, to);
  const base = Array.from({ length: n }, (_, r) => {
    let s = 0;
    for (let j = 0; j < B; j++) s += x[r * B + j]! * fit.baseCoef[j]!;
    return s;
  });
  const predicted = base.slice();
  const contributions: MmmScores['contributions'] = {};
  const summary: MmmScores['channels'] = {};
  fit.channels.forEach((ch, c) => {
    const src = channels[c]!;
    const col = channelColumn(fit, c, src.input).subarray(from, to + 1);
    const bumped = channelColumn(fit, c, src.input, 1.01).subarray(from, to + 1);
    let contribution = 0;
    let extra = 0;
    let spend = 0;
    for (let r = 0; r < n; r++) {
      predicted[r] = predicted[r]! + col[r]!;
      contribution += col[r]!;
      extra += bumped[r]! - col[r]!;
      spend += src.spend[from + r]!;
    }
    contributions[ch.name] = Array.from(col);
    summary[ch.name] = {
      spend,
      contribution,
      roi: spend > 0 ? contribution / spend : 0,
      marginalRoi: spend > 0 ? extra / (0.01 * spend) : 0,
    };
  });
  return { dates: data.dates.slice(from, to + 1), predicted, base, contributions, channels: summary };
}

/**
 * A channel's response curve: total contribution over the training window's spend pattern scaled by
 * each multiplier, so x = total spend and y = total contribution (carry-over inside the window included).
 *
 * @param multipliers spend multipliers, e.g. 0, 0.1, …, 3
 * @returns points { spend, contribution, marginalRoi } per multiplier
 */
export function responseCurve(
  fit: FittedMmm,
  data: MmmData,
  channel: string,
  multipliers: number[],
): { spend: number; contribution: number; marginalRoi: number }[] {
  const c = fit.channels.findIndex((ch) => ch.name === channel);
  const src = data.channels.find((d) => d.name === channel);
  if (c < 0 || !src) throw new InputError(`channel ${JSON.stringify(channel)} is not in the model and the data`);
  const from = data.dates.indexOf(fit.window.from);
  const to = data.dates.indexOf(fit.window.to);
  if (from < 0 || to < 0)
    throw new InputError(`the data do not cover the model's window ${fit.window.from}..${fit.window.to}`);
  let spend = 0;
  for (let i = from; i <= to; i++) spend += src.spend[i]!;
  const total = (m: number) => {
    const col = channelColumn(fit, c, src.input, m);
    let s = 0;
    for (let i = from; i <= to; i++) s += col[i]!;
    return s;
  };
  return multipliers.map((m) => {
    const y = total(m);
    const h = 0.01;
    return { spend: m * spend, contribution: y, marginalRoi: (total(m + h) - y) / (h * spend) };
  });
}
