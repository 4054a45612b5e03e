import type { TransformJSON } from '../transforms/values';
import type { Interval } from './laplace';
import type { SamplerDiagnostics } from './sample-posterior';
import type { ResolvedConfig } from './spec';

/** One channel's answer in one geo, or nationally (the sum over geos): ROI and contribution with 90% intervals. */
export interface GeoChannelFit {
  roi: Interval;
  contribution: Interval;
  /** Spend over the training window. */
  spend: number;
  /**
   * Per geo (absent nationally, and in geo fits stored before plans across geos): the channel's input
   * mean over the window, which the shared curves divide the geo's input by, and the coefficient in outcome
   * units that gives its contribution (the mean) from those curves, so a plan can score the geo's spend.
   */
  inputMean?: number;
  coefficient?: number;
}

/** One channel of a geo-level fit, nationally: the sums over geos and how its effect varies across them. */
export interface GeoNationalChannel extends GeoChannelFit {
  /** The centre the geos' ROIs are drawn around (r_c). */
  centre: number;
  /**
   * The spread τ_c of the geos' ROIs around the centre, relative to the centre's scale (0.25: ±25% at one
   * sd): the MAP's choice, or with the full posterior the mean of the sampled spread of the geos' log ROIs.
   */
  tau: number;
  /** With the full posterior: τ_c's and the centre's posterior mean and 90% interval. */
  tauInterval?: Interval;
  centreInterval?: Interval;
  /**
   * How much pooling happened, in [0, 1]: the geos' mean shrinkage weight, precision of the pooling prior
   * over that prior's plus the geo's own data's (0: each geo's ROI is its own data's; 1: every geo gets the centre).
   */
  pooling: number;
  /** The spread of the fitted geo ROIs: their sd over their mean. */
  geoRoiSpread: number;
  /** The shared curves (input over each geo's own window mean). */
  adstock: TransformJSON;
  saturation: TransformJSON;
}

/** One geo of a geo-level fit. */
export interface GeoOfFit {
  name: string;
  channels: Record<string, GeoChannelFit>;
  outcomeMean: number;
  /** Residual sd in outcome units. */
  sigma: number;
  r2: number;
  mape: number;
}

/**
 * A geo-level MMM fitted by MAP (plain JSON): national answers are the sums over geos,
 * ROI_c = Σ_g contribution_{g,c} / Σ_g spend_{g,c}.
 */
export interface GeoFit {
  kind: 'geo-mmm';
  config: ResolvedConfig;
  window: { from: string; to: string };
  geos: string[];
  /** How τ was set: the posterior mode on the grid (`learned`), the evidence alone, or a fixed value. */
  spread: 'learned' | 'evidence' | number;
  channels: Record<string, GeoNationalChannel>;
  byGeo: GeoOfFit[];
  diagnostics: {
    /** Fit of the national sum of the geos' fitted values against the national outcome. */
    r2: number;
    mape: number;
    converged: boolean;
    iterations: number;
    startCosts: number[];
    adstockChoice?: { kind: string; bic: number }[];
    /** How the full posterior's sampler did (with `posterior`); absent for the MAP with Laplace intervals. */
    sampler?: SamplerDiagnostics;
    /**
     * With the posterior's geo ROIs Gaussian (`posteriorGeoRoi: 'normal'`): the share of the geos' ROI
     * draws below 0 (that prior is not truncated at 0).
     */
    negativeRoiShare?: number;
  };
  status: 'success' | 'training issue';
  reasons: string[];
  fitSeconds: number;
}
