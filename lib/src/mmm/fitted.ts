import type { TransformJSON } from '../transforms/values';
import type { BaseSpec } from './design';
import type { ChannelPosterior, Interval } from './laplace';
import type { SamplerDiagnostics } from './sample-posterior';
import type { ResolvedConfig } from './spec';

/** One channel of a fitted model. Transforms act on the input divided by `inputMean`. */
export interface FittedChannel {
  name: string;
  inputMean: number;
  /** Spend over the training window (0 for an owned channel). */
  spend: number;
  /**
   * false for an owned or earned channel (a volume and no spend, `ChannelSeries.paid`): its `roi` is
   * then its contribution per unit of volume (never shown as an ROI) and `volume` what it is per.
   * Absent: paid.
   */
  paid?: false;
  /** An owned channel's volume over the training window (the sum of its input). */
  volume?: number;
  sparse: boolean;
  adstock: TransformJSON;
  saturation: TransformJSON;
  /** Effect per unit of the saturated signal, in outcome units (β · outcome mean). */
  coefficient: number;
  /**
   * True when the most likely coefficient (the MAP) sits on its bound at 0: the point estimates are
   * then the mean of what the uncertainty leaves above 0, and the status says so.
   */
  modeAtZero?: boolean;
  /** ROI (outcome per unit of spend) with its 90% interval; of an owned channel, contribution per unit of volume. */
  roi: Interval;
  /**
   * The share of the ROI's variance (Laplace) that comes from the response curve's parameters rather
   * than the channel's coefficient: near 1, the ROI rests on the curve's shape, which the spend
   * history may barely fix. Absent without intervals and in models stored before it existed.
   */
  curveShare?: number;
  /** The Laplace posterior of the channel's curve parameters and coefficient, for uncertainty bands. */
  posterior?: ChannelPosterior;
  contribution: Interval;
  /** Contribution over the window's total outcome. */
  share: number;
  /** Share of the total media effect, and share of the total spend. */
  effectShare: number;
  spendShare: number;
  /** R² of this channel's media signal on the other regressors, and what it moves with most. */
  separation: { r2: number; with: string; withR2: number };
  /** The ROI the data alone give (weak priors only), for prior–data conflict checks. */
  dataRoi: { mean: number; sd: number };
}

/** Diagnostics of a fit (DESIGN §2). */
export interface Diagnostics {
  r2: number;
  nrmse: number;
  mape: number;
  /** MAPE on the held-out tail, from a fit that did not see it; null when the window is too short. */
  holdoutMape: number | null;
  holdoutPeriods: number;
  /** Hold-out periods outside the training fit's 90% predictive interval; absent without a hold-out. */
  holdoutOutside?: number;
  decompRssd: number;
  converged: boolean;
  iterations: number;
  /** Best MAP cost per start, best first; the spread tells whether starts agree. */
  startCosts: number[];
  /** How the full-posterior sampler did; absent for a MAP fit. */
  sampler?: SamplerDiagnostics;
  /** The spend-share prior's relative sd the evidence chose (`spendShare: 'learned'` only). */
  spendShareSd?: number;
  /** With `adstock: 'auto'`: each family tried and its BIC; the config names the one kept (lowest). */
  adstockChoice?: { kind: string; bic: number }[];
  /** With `baseline: 'auto'`: each base tried and its log evidence; the config names the one kept (highest). */
  baselineChoice?: { baseline: string; logEvidence: number }[];
}

/** A fitted MMM: plain JSON, so the workspace store can keep it and any process can score with it. */
export interface FittedMmm {
  kind: 'mmm';
  schema: 1;
  config: ResolvedConfig;
  window: { from: string; to: string };
  outcomeMean: number;
  /** Residual sd in outcome units. */
  sigma: number;
  base: BaseSpec;
  baseNames: string[];
  /** Base coefficients in outcome units, aligned with baseNames. */
  baseCoef: number[];
  channels: FittedChannel[];
  /**
   * Correlation of the channels' ROI estimates (Laplace), [C][C] in channel order; absent without
   * intervals and in models stored before it existed. Collinear channels correlate negatively.
   */
  roiCorrelation?: number[][];
  diagnostics: Diagnostics;
  status: 'success' | 'training issue';
  /** Why the status is `training issue`, in words; empty on success. */
  reasons: string[];
  /**
   * Channels whose ROI the data leave uncertain, most uncertain first, in words: where the
   * uncertainty comes from and that a lift test would settle it. Absent in models stored before it.
   */
  advice?: string[];
  fitSeconds: number;
}
