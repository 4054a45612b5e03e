import { InputError } from '../errors';
import { transformFromJSON } from '../transforms/from-json';
import { baseDesign, baseNames } from './design';
import type { FittedMmm } from './fitted';
import { posteriorCurves, type ChannelCurve } from './posterior';
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
  /**
   * Per channel over the range: spend, contribution, ROI and marginal ROI (at the range's spend; 0
   * without spend). An owned channel (no spend) has instead its volume, contribution per unit of it and
   * marginal contribution per unit.
   */
  channels: Record<string, ChannelScore>;
}

/** One channel's scores over a range (see {@link MmmScores}). */
export interface ChannelScore {
  spend: number;
  contribution: number;
  roi: number;
  marginalRoi: number;
  volume?: number;
  perUnit?: number;
  marginalPerUnit?: number;
}

function channelColumn(ch: ChannelCurve, input: Float64Array, scale = 1): Float64Array {
  const x = Float64Array.from(input, (v) => (v * scale) / ch.inputMean);
  const z = transformFromJSON(ch.saturation).apply(transformFromJSON(ch.adstock).apply(x));
  for (let i = 0; i < z.length; i++) z[i] = z[i]! * ch.coefficient;
  return z;
}

/**
 * A curve's total contribution over rows from..to of `input` scaled by each multiplier. Adstock is
 * linear, so the carried input is computed once and only saturation is applied per multiplier (rows
 * before `from` carry over into the window).
 */
function windowTotals(
  ch: ChannelCurve,
  input: Float64Array,
  from: number,
  to: number,
  multipliers: number[],
): number[] {
  const carried = transformFromJSON(ch.adstock)
    .apply(Float64Array.from(input, (v) => v / ch.inputMean))
    .subarray(from, to + 1);
  const saturation = transformFromJSON(ch.saturation);
  const scaled = new Float64Array(carried.length);
  return multipliers.map((m) => {
    for (let i = 0; i < scaled.length; i++) scaled[i] = carried[i]! * m;
    const z = saturation.apply(scaled);
    let s = 0;
    for (let i = 0; i < z.length; i++) s += z[i]!;
    return s * ch.coefficient;
  });
}

/** The q-quantile of values (sorted in place). */
function quantile(values: number[], q: number): number {
  values.sort((a, b) => a - b);
  const i = q * (values.length - 1);
  const lo = Math.floor(i);
  return values[lo]! + (values[Math.min(lo + 1, values.length - 1)]! - values[lo]!) * (i - lo);
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
    const col = channelColumn(ch, src.input).subarray(from, to + 1);
    const bumped = channelColumn(ch, src.input, 1.01).subarray(from, to + 1);
    let contribution = 0;
    let extra = 0;
    let spend = 0;
    let volume = 0;
    for (let r = 0; r < n; r++) {
      predicted[r] = predicted[r]! + col[r]!;
      contribution += col[r]!;
      extra += bumped[r]! - col[r]!;
      spend += src.spend[from + r]!;
      volume += src.input[from + r]!;
    }
    contributions[ch.name] = Array.from(col);
    const paid = ch.paid !== false;
    summary[ch.name] = {
      spend: paid ? spend : 0,
      contribution,
      roi: paid && spend > 0 ? contribution / spend : 0,
      marginalRoi: paid && spend > 0 ? extra / (0.01 * spend) : 0,
      ...(paid
        ? {}
        : {
            volume,
            perUnit: volume > 0 ? contribution / volume : 0,
            marginalPerUnit: volume > 0 ? extra / (0.01 * volume) : 0,
          }),
    };
  });
  return { dates: data.dates.slice(from, to + 1), predicted, base, contributions, channels: summary };
}

/** A point of a response curve; `lower`/`upper` bound the contribution's 90% band when asked for. */
export interface ResponsePoint {
  spend: number;
  contribution: number;
  marginalRoi: number;
  lower?: number;
  upper?: number;
}

/** A point of an owned channel's volume curve: total volume, contribution, marginal contribution per unit. */
export interface VolumePoint {
  volume: number;
  contribution: number;
  marginalPerUnit: number;
  lower?: number;
  upper?: number;
}

/** Options of the response and volume curves: the 90% band from draws of the posterior. */
export interface CurveOptions {
  bands?: boolean | { draws?: number; seed?: number };
}

/**
 * A channel's response curve: total contribution over the training window's spend pattern scaled by
 * each multiplier, so x = total spend and y = total contribution (carry-over inside the window included).
 * With `bands`, each point also gets the 90% band of the contribution from draws of the channel's
 * curve and coefficient (Laplace posterior; default 200 draws, seed 1). An owned channel has no spend:
 * its curve is {@link volumeCurve}.
 *
 * @param multipliers spend multipliers, e.g. 0, 0.1, …, 3
 * @returns points { spend, contribution, marginalRoi, lower?, upper? } per multiplier
 * @throws InputError for an unknown channel, data that miss the window, or bands without a posterior
 */
export function responseCurve(
  fit: FittedMmm,
  data: MmmData,
  channel: string,
  multipliers: number[],
  options: CurveOptions = {},
): ResponsePoint[] {
  return curvePoints(fit, data, channel, multipliers, options, 'spend').map(({ x, marginal, ...rest }) => ({
    spend: x,
    ...rest,
    marginalRoi: marginal,
  }));
}

/**
 * An owned channel's curve (no spend): total contribution over the training window's volume pattern
 * scaled by each multiplier, x = total volume (sends, posts), as {@link responseCurve} does on spend.
 *
 * @returns points { volume, contribution, marginalPerUnit, lower?, upper? } per multiplier
 * @throws InputError as {@link responseCurve}
 */
export function volumeCurve(
  fit: FittedMmm,
  data: MmmData,
  channel: string,
  multipliers: number[],
  options: CurveOptions = {},
): VolumePoint[] {
  return curvePoints(fit, data, channel, multipliers, options, 'input').map(({ x, marginal, ...rest }) => ({
    volume: x,
    ...rest,
    marginalPerUnit: marginal,
  }));
}

/** The points of a channel's curve, x the total of its `spend` or its `input` over the window. */
function curvePoints(
  fit: FittedMmm,
  data: MmmData,
  channel: string,
  multipliers: number[],
  options: CurveOptions,
  along: 'spend' | 'input',
): { x: number; contribution: number; marginal: number; lower?: number; upper?: number }[] {
  const c = fit.channels.findIndex((ch) => ch.name === channel);
  const src = data.channels.find((d) => d.name === channel);
  if (c < 0 || !src) throw new InputError(`channel ${JSON.stringify(channel)} is not in the model and the data`);
  const from = data.dates.indexOf(fit.window.from);
  const to = data.dates.indexOf(fit.window.to);
  if (from < 0 || to < 0)
    throw new InputError(`the data do not cover the model's window ${fit.window.from}..${fit.window.to}`);
  let spend = 0;
  for (let i = from; i <= to; i++) spend += src[along][i]!;
  const totals = (ch: ChannelCurve, ms: number[]) => windowTotals(ch, src.input, from, to, ms);
  const h = 0.01;
  const y = totals(fit.channels[c]!, multipliers);
  const bumped = totals(
    fit.channels[c]!,
    multipliers.map((m) => m + h),
  );
  const points = multipliers.map((m, i): ReturnType<typeof curvePoints>[number] => ({
    x: m * spend,
    contribution: y[i]!,
    marginal: (bumped[i]! - y[i]!) / (h * spend),
  }));
  if (options.bands) {
    const o = options.bands === true ? {} : options.bands;
    const draws = posteriorCurves(fit, c, o.draws ?? 200, o.seed ?? 1).map((ch) => totals(ch, multipliers));
    multipliers.forEach((_, i) => {
      const at = draws.map((d) => d[i]!);
      points[i]!.lower = quantile(at, 0.05);
      points[i]!.upper = quantile(at, 0.95);
    });
  }
  return points;
}
