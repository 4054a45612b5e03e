// A geo-level model's regional answers as `insights --json` stores them (`geos`, `geoSpread`), and the
// one conversion from a fit to them. No Node imports: the JupyterLab extension bundles this file.

/** An estimate with its 90% interval. */
export interface GeoInterval {
  mean: number;
  lower: number;
  upper: number;
}

/** One geo of a geo-level model's insights: per channel ROI and contribution (90% intervals) and spend; its fit. */
export interface GeoInsights {
  channels: Record<string, { roi: GeoInterval; contribution: GeoInterval; spend: number }>;
  r2: number;
  mape: number;
}

/** One channel's spread of effects across geos, and how much pooling happened. */
export interface GeoSpread {
  /** The spread τ of the geos' ROIs around the centre, relative to its scale (0.25: ±25% at one sd). */
  tau: number;
  /** The geos' mean shrinkage toward the centre, in [0, 1] (1: every geo gets the centre). */
  pooling: number;
  /** The fitted geo ROIs' sd over their mean. */
  geoRoiSpread: number;
  /** The centre the geos' ROIs are drawn around. */
  centre: number;
}

/** A geo-level model's regional answers: per geo (in the fit's order) and per channel across geos. */
export interface GeoAnswers {
  geos: Record<string, GeoInsights>;
  geoSpread: Record<string, GeoSpread>;
}

/**
 * The regional answers of a geo-level fit (a `GeoFit`), as `insights --json` has them: per geo its
 * channels and fit, per channel the spread across geos.
 *
 * @example Object.keys(geoAnswers(fitGeoMmm(panel, config)).geos) // ['geo01', 'geo02', ...]
 */
export function geoAnswers(fit: {
  byGeo: readonly ({ name: string } & GeoInsights)[];
  channels: Record<string, GeoSpread>;
}): GeoAnswers {
  return {
    geos: Object.fromEntries(fit.byGeo.map((g) => [g.name, { channels: g.channels, r2: g.r2, mape: g.mape }])),
    geoSpread: Object.fromEntries(
      Object.entries(fit.channels).map(([c, v]) => [
        c,
        { tau: v.tau, pooling: v.pooling, geoRoiSpread: v.geoRoiSpread, centre: v.centre },
      ]),
    ),
  };
}

/** The channels of a geo-level model's answers, in the order of its first geo. */
export function geoChannels(a: GeoAnswers): string[] {
  const first = Object.values(a.geos)[0];
  return first ? Object.keys(first.channels) : Object.keys(a.geoSpread);
}

/** The regional answers in an insights document (`insights --json`), or null for a national model. */
export function geoAnswersIn(ins: Partial<GeoAnswers>): GeoAnswers | null {
  return ins.geos && ins.geoSpread ? { geos: ins.geos, geoSpread: ins.geoSpread } : null;
}
