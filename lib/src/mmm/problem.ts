import { InputError } from '../errors';
import { baseDesign, baseNames, evenKnots, standardize, type BaseSpec } from './design';
import { channelLayout, mediaColumn, type ChannelLayout, type ParamPrior } from './params';
import { isPaid } from './paid';
import type { LiftTest, MmmData, ResolvedConfig } from './spec';
import type { WindowIndex } from './window';

/** Prior sds of the base coefficients, in units of the outcome's window mean. */
export const BASE_PRIOR_SD = { trend: 0.5, other: 0.25 } as const;

/**
 * The bending baseline (`baseline: 'knots'`): a knot every `every` periods (a quarter of weekly data),
 * and the random walk of the knots' levels: each step from one knot to the next has sd `step` in units
 * of the outcome's mean (0.1: about ±10% a quarter beyond the trend and the season at one sd), until
 * the fit chooses among `steps` the one the data give the most evidence for.
 */
export const KNOTS = { every: 13, step: 0.1, levelSd: 1, steps: [0.003, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4] } as const;

/**
 * The spend-share prior's relative sds the evidence chooses from with `spendShare: 'learned'`: from
 * ROIs held within ±10% of the pool to barely pooled at all.
 */
export const SPEND_SHARE_SDS = [0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2.5, 4] as const;

/** A linear prior row: Σ coef_j β_j ≈ target, with the row already divided by its sd. */
export interface PriorRow {
  label: string;
  /** [column, coefficient] pairs; empty for a row given in compact form (see {@link rowCoef}). */
  coef: [number, number][];
  target: number;
  /**
   * The row in the compact form of the spend-share prior, coef = (own·e_column − common)/sd with
   * `common` shared by the channels' rows (over columns first, first + 1, …): lets the normal
   * equations add all these rows' outer products in O(C²) instead of O(C³), and spares building
   * C coefficients per row on every evaluation.
   */
  lowRank?: { column: number; own: number; sd: number; first: number; common: Float64Array };
  /**
   * Set when each of the row's media coefficients is a constant times its column's sum S_j over the
   * window (the ROI, share and spend-share rows): then ∂r/∂S_j = coef_j β_j / S_j, which the log
   * posterior's gradient in the curve parameters uses.
   */
  scalesWithSums?: true;
  /** Set on a spend-share row (which the posterior replaces with its log-scale pooling when asked). */
  spendShare?: true;
  /** Set on a lift test's row: the test's index in the config's `liftTests` (its coefficient moves with the curves). */
  liftTest?: number;
}

/** A row's [column, coefficient] pairs, expanded from its compact form when it has one. */
export function rowCoef(row: PriorRow): [number, number][] {
  const lr = row.lowRank;
  if (!lr) return row.coef;
  return Array.from(lr.common, (s, k): [number, number] => {
    const j = lr.first + k;
    return [j, ((j === lr.column ? lr.own : 0) - s) / lr.sd];
  });
}

/**
 * Everything one fit needs, in scaled units: outcome over its window mean, each channel's input over
 * its window mean. Row-major blocks are [nRows, nColumns].
 */
export interface Problem {
  config: ResolvedConfig;
  window: WindowIndex;
  /** Training rows. */
  T: number;
  /** Rows of history before the window used for carry-over (≤ lookback). */
  pre: number;
  yMean: number;
  /** Scaled outcome over the window, [T]. */
  y: Float64Array;
  baseSpec: BaseSpec;
  nBase: number;
  /** Base design [T, nBase]. */
  base: Float64Array;
  basePriors: ParamPrior[];
  channels: string[];
  layouts: ChannelLayout[];
  /** Offset of each channel's nonlinear parameters in the parameter vector u. */
  uOffset: number[];
  nU: number;
  /** Scaled input over pre + window rows, per channel, each [pre + T]. */
  x: Float64Array[];
  xMean: number[];
  /**
   * What each channel's ROI is per, over the window: its spend when paid, its volume (the input's sum)
   * when owned, so every "ROI" the fit computes of an owned channel is its contribution per unit.
   */
  spend: number[];
  /** Paid media (true) or an owned or earned channel (false), which no spend-based prior touches. */
  paid: boolean[];
  sparse: boolean[];
  /** Noise sd in scaled units (updated between passes). */
  sigma: number;
  /** Scale of the spend-share prior: the pooled ROI of a first fit (updated between passes). */
  poolRoi: number;
  /**
   * Channels the data cannot inform (media signal explained by other regressors, or sparse). Once
   * `anchorRoi` is set, their spend-share prior is centred on it: the pooled ROI of the channels the
   * data do inform, so a confounded channel's effect share follows its spend share relative to them.
   */
  silent: boolean[];
  anchorRoi: number | null;
  /** The last media column computed per channel and the parameters it was computed at. */
  columnCache: ({ u: number[]; z: Float64Array } | undefined)[];
  /** The knots' random-walk step sd (outcome-mean units), chosen by the evidence (see `chooseKnotStep`). */
  knotStep: number;
  /** The spend-share prior's relative sd (the config's, or the one the evidence chose), null when off. */
  spendShareSd: number | null;
}

/** Builds the scaled problem over a window. @throws InputError on empty channels or bad outcome */
export function buildProblem(
  data: MmmData,
  config: ResolvedConfig,
  window: WindowIndex,
  knots: number[] | undefined = config.baseline === 'knots'
    ? evenKnots(window.to - window.from + 1, KNOTS.every)
    : undefined,
): Problem {
  const { from, to } = window;
  const T = to - from + 1;
  const pre = Math.min(config.lookback, from);
  let ySum = 0;
  for (let i = from; i <= to; i++) {
    const v = data.outcome[i]!;
    if (!Number.isFinite(v)) throw new InputError(`outcome is not a number at row ${i} (${data.dates[i]}): ${v}`);
    ySum += v;
  }
  const yMean = ySum / T;
  if (!(yMean > 0)) throw new InputError(`the outcome's mean over the training window must be > 0; got ${yMean}`);
  const y = new Float64Array(T);
  for (let r = 0; r < T; r++) y[r] = data.outcome[from + r]! / yMean;
  const periodDays =
    T > 1 ? Math.round((Date.parse(data.dates[from + 1]!) - Date.parse(data.dates[from]!)) / 864e5) : 7;
  const baseSpec: BaseSpec = {
    origin: data.dates[from]!,
    periodDays,
    trendScale: config.trend ? T - 1 : null,
    seasonality: config.seasonality,
    factors: data.factors.map((f) => ({ name: f.name, kind: f.kind, ...standardize(f.values, from, to) })),
    ...(knots ? { knots } : {}),
  };
  const names = baseNames(baseSpec);
  // Weakly informative, in units of the outcome's mean: a trend of ±50% over the window, seasonal
  // swings of ±25%, a factor moving the outcome ±25% per sd are all well inside one prior sd.
  const sdOf = (name: string) =>
    name === 'intercept'
      ? 5
      : name === 'trend'
        ? BASE_PRIOR_SD.trend
        : /^knot\d+$/.test(name)
          ? KNOTS.levelSd
          : BASE_PRIOR_SD.other;
  const basePriors: ParamPrior[] = names.map((name) => ({ name, mean: 0, sd: sdOf(name) }));
  const layouts: ChannelLayout[] = [];
  const uOffset: number[] = [];
  let nU = 0;
  const x: Float64Array[] = [];
  const xMean: number[] = [];
  const spend: number[] = [];
  const sparse: boolean[] = [];
  const paid = data.channels.map(isPaid);
  for (const [c, ch] of data.channels.entries()) {
    let s = 0;
    let sp = 0;
    let nonzero = 0;
    for (let i = from; i <= to; i++) {
      const v = ch.input[i]!;
      const w = paid[c] ? ch.spend[i]! : v;
      if (!(v >= 0) || !(w >= 0)) {
        throw new InputError(`channel ${ch.name}: input and spend must be ≥ 0; got ${v}, ${w} at row ${i}`);
      }
      s += v;
      sp += w;
      if (v > 0) nonzero++;
    }
    if (!(s > 0) || !(sp > 0)) {
      const owned = s > 0 ? ' (an owned or earned channel, a volume and no spend, takes paid false)' : '';
      throw new InputError(`channel ${ch.name} has no ${s > 0 ? 'spend' : 'input'} in the training window${owned}`);
    }
    const mean = s / T;
    const xs = new Float64Array(pre + T);
    for (let r = 0; r < pre + T; r++) xs[r] = ch.input[from - pre + r]! / mean;
    const layout = channelLayout(config.adstock, config.saturation, config.lookback);
    layouts.push(layout);
    uOffset.push(nU);
    nU += layout.priors.length;
    x.push(xs);
    xMean.push(mean);
    spend.push(sp);
    sparse.push(nonzero < 0.5 * T);
  }
  return {
    config,
    window,
    T,
    pre,
    yMean,
    y,
    baseSpec,
    nBase: names.length,
    base: baseDesign(baseSpec, data.dates, data.factors, from, to),
    basePriors,
    channels: data.channels.map((c) => c.name),
    layouts,
    uOffset,
    nU,
    x,
    xMean,
    spend,
    paid,
    sparse,
    sigma: 0.05,
    poolRoi: 0,
    silent: sparse.slice(),
    anchorRoi: null,
    columnCache: [],
    knotStep: KNOTS.step,
    spendShareSd: config.spendShareSd,
  };
}

/** The prior means of all nonlinear parameters, shape [nU]. */
export function priorMeanU(p: Problem): Float64Array {
  const u = new Float64Array(p.nU);
  p.layouts.forEach((l, c) => l.priors.forEach((q, k) => (u[p.uOffset[c]! + k] = q.mean)));
  return u;
}

/**
 * The media columns over the window at parameters u: one [T] array per channel. A channel whose
 * parameters did not change since the last call reuses its column (a finite-difference Jacobian
 * moves one channel at a time). Columns are shared: callers must not write into them.
 */
export function mediaColumns(p: Problem, u: ArrayLike<number>): Float64Array[] {
  return p.layouts.map((layout, c) => {
    const off = p.uOffset[c]!;
    const n = layout.priors.length;
    const hit = p.columnCache[c];
    if (hit && hit.u.every((v, k) => v === u[off + k])) return hit.z;
    const uc = Array.from({ length: n }, (_, k) => u[off + k]!);
    const z = mediaColumn(layout, uc, p.x[c]!).subarray(p.pre);
    p.columnCache[c] = { u: uc, z };
    return z;
  });
}

/** ROI per unit of β for each channel: yMean · Σ_window z / spend. */
export function roiPerBeta(p: Problem, z: Float64Array[]): number[] {
  return z.map((col, c) => {
    let s = 0;
    for (let t = 0; t < p.T; t++) s += col[t]!;
    return (p.yMean * s) / p.spend[c]!;
  });
}

/**
 * The linear prior rows for β = [base..., media...]: weak defaults, ROI priors, share priors and the
 * spend-share prior, each divided by its sd.
 */
export function priorRows(p: Problem, z: Float64Array[], weakOnly = false): PriorRow[] {
  return priorRowsFromSums(p, columnSums(p, z), weakOnly);
}

/** Each media column's sum over the window: all the prior rows need of the columns. */
export function columnSums(p: Problem, z: Float64Array[]): number[] {
  return z.map((col) => {
    let s = 0;
    for (let t = 0; t < p.T; t++) s += col[t]!;
    return s;
  });
}

/** {@link priorRows} from the media columns' sums over the window. */
export function priorRowsFromSums(
  p: Problem,
  sums: readonly number[],
  weakOnly = false,
  withLiftTests = true,
): PriorRow[] {
  const rows: PriorRow[] = [];
  const B = p.nBase;
  p.basePriors.forEach((q, j) => rows.push({ label: q.name, coef: [[j, 1 / q.sd]], target: q.mean / q.sd }));
  // The knots' random walk: level at knot 1 from the intercept's (knot 0), then step by step.
  const k0 = p.basePriors.findIndex((q) => q.name === 'knot1');
  if (k0 >= 0) {
    const s = 1 / p.knotStep;
    rows.push({ label: 'knot1 step', coef: [[k0, s]], target: 0 });
    for (let j = k0 + 1; j < B && /^knot\d+$/.test(p.basePriors[j]!.name); j++) {
      rows.push({
        label: `${p.basePriors[j]!.name} step`,
        coef: [
          [j, s],
          [j - 1, -s],
        ],
        target: 0,
      });
    }
  }
  p.channels.forEach((name, c) => rows.push({ label: `${name} β`, coef: [[B + c, 1 / 3]], target: 0 }));
  if (weakOnly) return rows;
  const a = sums.map((sum, c) => (p.yMean * sum) / p.spend[c]!);
  for (const pr of p.config.roiPriors) {
    const c = p.channels.indexOf(pr.channel);
    rows.push({
      label: `${pr.channel} ROI prior`,
      coef: [[B + c, a[c]! / pr.sd]],
      target: pr.roi / pr.sd,
      scalesWithSums: true,
    });
  }
  if (withLiftTests) for (const [i, t] of (p.config.liftTests ?? []).entries()) rows.push(liftRow(p, t, i));
  for (const sh of p.config.sharePriors) {
    const c = p.channels.indexOf(sh.channel);
    const s = sums[c]!;
    rows.push({
      label: `${sh.channel} share prior`,
      coef: [[B + c, s / p.T / sh.sd]],
      target: sh.share / sh.sd,
      scalesWithSums: true,
    });
  }
  const rel = p.spendShareSd;
  // Over paid channels only: an owned channel has no spend to share (its `common` entry is 0).
  if (rel !== null && p.poolRoi > 0 && p.paid.filter(Boolean).length > 1) {
    const total = paidSpend(p);
    const common = Float64Array.from(p.channels, (_, k) => (p.paid[k] ? (a[k]! * p.spend[k]!) / total : 0));
    p.channels.forEach((name, c) => {
      if (!p.paid[c]) return;
      const separated = p.config.spendShareSeparatedSd;
      if (p.anchorRoi !== null && (p.silent[c] || separated !== undefined)) {
        const sd = (p.silent[c] ? rel : separated!) * p.anchorRoi;
        rows.push({
          label: `${name} spend share`,
          coef: [[B + c, a[c]! / sd]],
          target: p.anchorRoi / sd,
          scalesWithSums: true,
          spendShare: true,
        });
        return;
      }
      const sd = rel * (p.sparse[c] ? 0.5 : 1) * p.poolRoi;
      rows.push({
        label: `${name} spend share`,
        coef: [],
        target: 0,
        lowRank: { column: B + c, own: a[c]!, sd, first: B, common },
        scalesWithSums: true,
        spendShare: true,
      });
    });
  }
  return rows;
}

/** The spend over the window of the paid channels. */
export function paidSpend(p: Problem): number {
  return p.spend.reduce((s, v, c) => s + (p.paid[c] ? v : 0), 0);
}

/**
 * A lift test's row on its channel's β: weeks · (S(spend/mean) − S(baseline/mean)) · β ≈ lift / outcome
 * mean, each side over the test's sd (scaled). S is the saturation at the channel's curve parameters of
 * the last media column computed ({@link mediaColumns} keeps them): the row follows the curves.
 */
function liftRow(p: Problem, t: LiftTest, index: number): PriorRow {
  const { channel: c, inputs, weight, target } = liftTestTerms(p, t);
  const layout = p.layouts[c]!;
  const u =
    p.columnCache[c]?.u ?? Array.from(priorMeanU(p).subarray(p.uOffset[c], p.uOffset[c]! + layout.priors.length));
  const s = layout.saturation;
  const sat = s.transform(s.constrain(u, layout.adstockSize, layout.lookback)).apply(Float64Array.from(inputs));
  return {
    label: `${t.channel} lift test`,
    coef: [[p.nBase + c, weight * (sat[0]! - sat[1]!)]],
    target,
    liftTest: index,
  };
}

/**
 * A lift test on the problem's scale, its row being weight · (S(inputs[0]) − S(inputs[1])) · β_c ≈ target:
 * the channel's index, the tested and the baseline input over the channel's mean, weeks over the
 * scaled sd, and the lift over the outcome's mean and the scaled sd.
 */
export function liftTestTerms(
  p: Problem,
  t: LiftTest,
): { channel: number; inputs: [number, number]; weight: number; target: number } {
  const c = p.channels.indexOf(t.channel);
  const sd = t.sd / p.yMean;
  return {
    channel: c,
    inputs: [t.spend / p.xMean[c]!, t.baseline / p.xMean[c]!],
    weight: t.weeks / sd,
    target: t.lift / p.yMean / sd,
  };
}
