import type { FittedMmm } from '../mmm/fitted';
import { responseCurve, scoreMmm, volumeCurve, type ResponsePoint, type VolumePoint } from '../mmm/score';
import type { MmmData } from '../mmm/spec';
import { transformFromJSON } from '../transforms/from-json';
import type { AdstockTransform } from '../transforms/values';
import { channelEfficiency, type Efficiency, type OutcomeUnits } from './outcome-units';

/** The insights of a fitted model as plain data (the `insights --json` document, DESIGN §5). */
export interface ModelInsights {
  status: FittedMmm['status'];
  reasons: string[];
  /** Channels whose ROI the data leave uncertain, where a lift test would pay off (empty for older models). */
  advice: string[];
  window: { from: string; to: string };
  diagnostics: {
    r2: number;
    nrmse: number;
    /** Mean absolute percentage error as a fraction (0.025 reads 2.5%). */
    mape: number;
    holdoutMape: number | null;
    /** The periods at the window's end the hold-out MAPE was measured on (0 without one). */
    holdoutPeriods: number;
    decompRssd: number;
  };
  channels: Record<string, InsightsChannel>;
  /** Per period over the window: dates, actual, predicted, base and each channel's contribution. */
  series: {
    dates: string[];
    actual: number[];
    predicted: number[];
    base: number[];
    contributions: Record<string, number[]>;
  };
}

/** One channel of {@link ModelInsights}: paid media, or an owned or earned channel (`paid: false`). */
export interface InsightsChannel {
  /** Paid media (spend, ROI) or an owned or earned channel (a volume, no spend: no ROI). */
  paid: boolean;
  /** ROI with its 90% interval; null for an owned channel, which has no spend (`noRoi` says so). */
  roi: { mean: number; lower: number; upper: number } | null;
  /** Why `roi` is null, in words (owned channels only). */
  noRoi?: string;
  contribution: number;
  /** Spend over the window (0 for an owned channel). */
  spend: number;
  /** Share of outcome: the channel's contribution over the window's whole outcome. */
  share: number;
  /** Share of media effect: the channel's contribution over all media's. */
  effectShare: number;
  /** Share of spend: the channel's spend over all paid media's spend (0 for an owned channel). */
  spendShare: number;
  /** Extra outcome per extra unit of spend at the window's spend; null for an owned channel. */
  marginalRoi: number | null;
  adstockWeights: number[];
  /**
   * Spend multipliers 0…3 of the window's spend: total spend, contribution, marginal ROI, and the
   * contribution's 90% band (lower, upper) when the model holds its posterior. Empty for an owned
   * channel (no spend): its `volumeCurve` is the same on its volume.
   */
  responseCurve: ResponsePoint[];
  /** An owned channel's volume over the window (sends, posts: the touchpoint's metric). */
  volume?: number;
  /** An owned channel's contribution per unit of volume, with its 90% interval. */
  contributionPerUnit?: { mean: number; lower: number; upper: number };
  /** An owned channel's extra outcome per extra unit of volume at the window's volume. */
  marginalPerUnit?: number;
  /** An owned channel's curve over volume multipliers 0…3 (as `responseCurve` over spend). */
  volumeCurve?: VolumePoint[];
}

const MULTIPLIERS = Array.from({ length: 31 }, (_, i) => i / 10);

/** Why an owned channel has no ROI, as `insights --json` says it (`noRoi`). */
export const OWNED_NO_ROI =
  'owned or earned channel: a volume and no spend, so no ROI; contributionPerUnit is its contribution per unit of volume';

/**
 * Computes a fitted model's insights over its training window: ROI with intervals, contributions,
 * shares, marginal ROI, adstock decay, response curves and the decomposition per period. An owned or
 * earned channel gets its contribution, contribution per unit of volume (90% interval), marginal
 * contribution per unit and volume curve instead, and `roi: null`.
 *
 * @example modelInsights(fit, data).channels.tv.roi.upper
 */
export function modelInsights(fit: FittedMmm, data: MmmData): ModelInsights {
  const scores = scoreMmm(fit, data, fit.window);
  const from = data.dates.indexOf(fit.window.from);
  const channels: ModelInsights['channels'] = {};
  for (const c of fit.channels) {
    const bands = { bands: c.posterior !== undefined };
    const common = {
      contribution: c.contribution.mean,
      share: c.share,
      effectShare: c.effectShare,
      adstockWeights: Array.from((transformFromJSON(c.adstock) as AdstockTransform).weights()),
    };
    // An owned channel's `roi` in the fit is its contribution per unit of volume: never shown as an ROI.
    channels[c.name] =
      c.paid === false
        ? {
            paid: false,
            roi: null,
            noRoi: OWNED_NO_ROI,
            ...common,
            spend: 0,
            spendShare: 0,
            marginalRoi: null,
            responseCurve: [],
            volume: c.volume ?? scores.channels[c.name]!.volume ?? 0,
            contributionPerUnit: c.roi,
            marginalPerUnit: scores.channels[c.name]!.marginalPerUnit ?? 0,
            volumeCurve: volumeCurve(fit, data, c.name, MULTIPLIERS, bands),
          }
        : {
            paid: true,
            roi: c.roi,
            ...common,
            spend: c.spend,
            spendShare: c.spendShare,
            marginalRoi: scores.channels[c.name]!.marginalRoi,
            responseCurve: responseCurve(fit, data, c.name, MULTIPLIERS, bands),
          };
  }
  const d = fit.diagnostics;
  return {
    status: fit.status,
    reasons: fit.reasons,
    advice: fit.advice ?? [],
    window: fit.window,
    diagnostics: {
      r2: d.r2,
      nrmse: d.nrmse,
      mape: d.mape,
      holdoutMape: d.holdoutMape,
      holdoutPeriods: d.holdoutMape === null ? 0 : (d.holdoutPeriods ?? 0),
      decompRssd: d.decompRssd,
    },
    channels,
    series: {
      dates: scores.dates,
      actual: scores.dates.map((_, i) => data.outcome[from + i]!),
      predicted: scores.predicted,
      base: scores.base,
      contributions: scores.contributions,
    },
  };
}

/**
 * Insights in the outcome's units: the units, and each channel's efficiency (ROI, or cost per
 * acquisition; all null for an owned channel, which has no spend).
 */
export type InsightsInUnits<T extends ModelInsights = ModelInsights> = Omit<T, 'channels'> & {
  units: OutcomeUnits;
  channels: Record<string, ModelInsights['channels'][string] & { efficiency: Efficiency }>;
};

/**
 * Adds the outcome's units to insights, and per channel its efficiency: the ROI itself for revenue, the
 * cost per acquisition (spend / incremental outcome, interval [1 / ROI upper, 1 / ROI lower]) for counts.
 *
 * @example inUnits(ins, outcomeUnits('orders')).channels.tv.efficiency.mean // spend per incremental order
 */
export function inUnits<T extends ModelInsights>(ins: T, units: OutcomeUnits): InsightsInUnits<T> {
  const channels = Object.fromEntries(
    Object.entries(ins.channels).map(([n, c]) => [n, { ...c, efficiency: channelEfficiency(c.roi, units) }]),
  );
  return { ...ins, units, channels };
}
