import type { FittedMmm } from './fitted';
import type { GeoFit } from './geo-fitted';
import { experimentAdvice } from './status';

/**
 * A fitted model as the workspace stores it: the national model, and on geo data either the geo-level
 * fit (`geo`) or a note that it was fitted on the national sum (`fittedOn`). National data: neither.
 */
export type StoredMmm = FittedMmm & { geo?: GeoFit; fittedOn?: string };

/**
 * The national model with the geo-level fit's answers: each channel's ROI and contribution (with their
 * intervals) become the sums over geos, its coefficient is rescaled so that scores over the window add up
 * to that contribution (the curves stay the national fit's: plans and response curves use them), shares
 * follow, the advice is redone on these intervals, and the status reasons are the geo fit's (prefixed
 * `geo-level:`) and the national-sum fit's (prefixed `national sum:`, its own figures).
 *
 * @example withGeoNational(fitMmm(panel.national, config), fitGeoMmm(panel, config)).channels[0].roi
 */
export function withGeoNational(fit: FittedMmm, geo: GeoFit): StoredMmm {
  const total = Object.values(geo.channels).reduce((s, c) => s + c.contribution.mean, 0) || 1;
  const channels = fit.channels.map((c) => {
    const g = geo.channels[c.name]!;
    const scale = c.contribution.mean > 0 ? g.contribution.mean / c.contribution.mean : 1;
    return {
      ...c,
      coefficient: c.coefficient * scale,
      roi: g.roi,
      contribution: g.contribution,
      share: c.share * scale,
      effectShare: g.contribution.mean / total,
    };
  });
  const reasons = [...geo.reasons.map((r) => `geo-level: ${r}`), ...fit.reasons.map((r) => `national sum: ${r}`)];
  return {
    ...fit,
    channels,
    reasons,
    advice: experimentAdvice(channels),
    status: reasons.length ? 'training issue' : 'success',
    geo,
  };
}
