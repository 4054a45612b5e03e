import { normalCdf } from '../math/truncated-normal';
import { geoIntervals, type GeoIntervals } from './geo-laplace';
import {
  evaluateGeo,
  geoLogEvidence,
  geoRows,
  solveGeoLinear,
  type GeoEvaluation,
  type GeoProblem,
} from './geo-problem';
import { Z90, type Interval } from './laplace';

/**
 * How the MAP preview's intervals treat the spreads τ: `plug-in`, at the evidence's choice;
 * `mixture`, integrated over the grid the evidence chose from (weighted by `logPrior`'s prior on its
 * log-spaced values, uniform without one), each
 * channel's intervals the mixture of its Laplace intervals at each τ_c weighted by evidence × prior (the
 * other channels' spreads held at their choice); `inflate`, the plug-in's widened by the spread of the
 * mixture's means (its variance over τ_c added to each interval's own).
 */
export type SpreadIntervals = 'plug-in' | 'mixture' | 'inflate';

/** Grid points whose evidence weight is below this are left out of the mixture. */
const MIN_WEIGHT = 1e-3;

/**
 * Intervals of every geo's and the nation's contribution per channel with the spreads integrated over
 * ({@link SpreadIntervals}). The curves stay at the MAP's; for each τ_c the linear part is re-solved.
 * Leaves `q.tau` as it found it.
 */
export function spreadIntervals(
  q: GeoProblem,
  best: GeoEvaluation,
  how: SpreadIntervals,
  spreads: readonly number[],
  logPrior: (tau: number) => number = () => 0,
): GeoIntervals {
  const plug = geoIntervals(q, best);
  if (how === 'plug-in') return plug;
  const out: GeoIntervals = { byGeo: plug.byGeo.map((row) => row.slice()), national: plug.national.slice() };
  for (let c = 0; c < q.C; c++) {
    const chosen = q.tau[c]!;
    const grid: { tau: number; le: number }[] = [];
    for (const tau of spreads) {
      q.tau[c] = tau;
      const le = geoLogEvidence(q, best);
      if (le !== null) grid.push({ tau, le: le + logPrior(tau) });
    }
    const top = Math.max(...grid.map((x) => x.le));
    let total = 0;
    for (const x of grid) total += Math.exp(x.le - top);
    const parts: { w: number; iv: GeoIntervals }[] = [];
    for (const x of grid) {
      const w = Math.exp(x.le - top) / total;
      if (w < MIN_WEIGHT) continue;
      q.tau[c] = x.tau;
      if (x.tau === chosen) parts.push({ w, iv: plug });
      else
        parts.push({ w, iv: geoIntervals(q, evaluateGeo(q, best.u, solveGeoLinear(q, best.z, geoRows(q, best.z)))) });
    }
    q.tau[c] = chosen;
    const norm = parts.reduce((s, p) => s + p.w, 0);
    const pick = (f: (iv: GeoIntervals) => Interval) => parts.map((p) => ({ w: p.w / norm, iv: f(p.iv) }));
    out.national[c] = combine(
      pick((iv) => iv.national[c]!),
      plug.national[c]!,
      how,
    );
    for (let g = 0; g < q.G; g++)
      out.byGeo[g]![c] = combine(
        pick((iv) => iv.byGeo[g]![c]!),
        plug.byGeo[g]![c]!,
        how,
      );
  }
  return out;
}

/**
 * The mixture of intervals, each read as a normal with sd (upper − lower)/(2 z₀.₉₅): its mean and
 * 5%/95% quantiles (by bisection on the mixture's CDF); or, inflated, the plug-in interval widened on
 * each side by the mixture means' sd added in quadrature.
 */
function combine(parts: { w: number; iv: Interval }[], plug: Interval, how: SpreadIntervals): Interval {
  const comps = parts.map(({ w, iv }) => ({ w, m: iv.mean, s: Math.max((iv.upper - iv.lower) / (2 * Z90), 1e-12) }));
  const mean = comps.reduce((s, x) => s + x.w * x.m, 0);
  if (how === 'inflate') {
    const spread = comps.reduce((s, x) => s + x.w * (x.m - mean) ** 2, 0);
    const widen = (side: number) => Math.sqrt(side * side + spread);
    return {
      mean: plug.mean,
      lower: Math.max(0, plug.mean - widen(plug.mean - plug.lower)),
      upper: plug.mean + widen(plug.upper - plug.mean),
    };
  }
  const cdf = (x: number) => comps.reduce((s, k) => s + k.w * normalCdf((x - k.m) / k.s), 0);
  const quantile = (p: number) => {
    let lo = Math.min(...comps.map((k) => k.m - 8 * k.s));
    let hi = Math.max(...comps.map((k) => k.m + 8 * k.s));
    for (let i = 0; i < 60; i++) {
      const mid = 0.5 * (lo + hi);
      if (cdf(mid) < p) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  return { mean, lower: Math.max(0, quantile(0.05)), upper: quantile(0.95) };
}
