import type { FittedMmm } from '../mmm/fitted';
import { responseCurve, scoreMmm, type ResponsePoint } from '../mmm/score';
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
  channels: Record<
    string,
    {
      roi: { mean: number; lower: number; upper: number };
      contribution: number;
      spend: number;
      /** Share of outcome: the channel's contribution over the window's whole outcome. */
      share: number;
      /** Share of media effect: the channel's contribution over all media's. */
      effectShare: number;
      /** Share of spend: the channel's spend over all media spend. */
      spendShare: number;
      marginalRoi: number;
      adstockWeights: number[];
      /**
       * Spend multipliers 0…3 of the window's spend: total spend, contribution, marginal ROI, and the
       * contribution's 90% band (lower, upper) when the model holds its posterior.
       */
      responseCurve: ResponsePoint[];
    }
  >;
  /** Per period over the window: dates, actual, predicted, base and each channel's contribution. */
  series: {
    dates: string[];
    actual: number[];
    predicted: number[];
    base: number[];
    contributions: Record<string, number[]>;
  };
}

const MULTIPLIERS = Array.from({ length: 31 }, (_, i) => i / 10);

/**
 * Computes a fitted model's insights over its training window: ROI with intervals, contributions,
 * shares, marginal ROI, adstock decay, response curves and the decomposition per period.
 *
 * @example modelInsights(fit, data).channels.tv.roi.upper
 */
export function modelInsights(fit: FittedMmm, data: MmmData): ModelInsights {
  const scores = scoreMmm(fit, data, fit.window);
  const from = data.dates.indexOf(fit.window.from);
  const channels: ModelInsights['channels'] = {};
  for (const c of fit.channels) {
    channels[c.name] = {
      roi: c.roi,
      contribution: c.contribution.mean,
      spend: c.spend,
      share: c.share,
      effectShare: c.effectShare,
      spendShare: c.spendShare,
      marginalRoi: scores.channels[c.name]!.marginalRoi,
      adstockWeights: Array.from((transformFromJSON(c.adstock) as AdstockTransform).weights()),
      responseCurve: responseCurve(fit, data, c.name, MULTIPLIERS, { bands: c.posterior !== undefined }),
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

/** Insights in the outcome's units: the units, and each channel's efficiency (ROI, or cost per acquisition). */
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
