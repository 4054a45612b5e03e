import type { FactorSeries } from './spec';

/** How the base (non-media) columns are built, stored with a fitted model so new periods can be scored. */
export interface BaseSpec {
  /** Period start of the first training row; row t of any data sits at (date − origin) / periodDays. */
  origin: string;
  periodDays: number;
  /** Trend = t / trendScale (0 at the window start, 1 at its end); null when there is no trend. */
  trendScale: number | null;
  seasonality: { period: number; order: number } | false;
  /** Factor standardization over the training window. */
  factors: { name: string; kind: 'internal' | 'external'; mean: number; sd: number }[];
  /**
   * A baseline that can bend: the period indices of its knots, first to last (absent: none). The base
   * gains one column per knot after the first, the hat function of that knot (piecewise-linear
   * interpolation between knots, flat beyond the last), so the intercept is the level at the first knot
   * and each knot's coefficient the level's deviation there.
   */
  knots?: number[];
  /** The random-walk step sd of the knots' levels the fit chose (outcome-mean units). */
  knotStep?: number;
}

/** The column names of the base block, in order: intercept, trend, Fourier pairs, factors. */
export function baseNames(spec: BaseSpec): string[] {
  const names = ['intercept'];
  if (spec.trendScale !== null) names.push('trend');
  if (spec.seasonality) {
    for (let k = 1; k <= spec.seasonality.order; k++) names.push(`sin${k}`, `cos${k}`);
  }
  for (const f of spec.factors) names.push(f.name);
  for (let k = 1; k < (spec.knots?.length ?? 0); k++) names.push(`knot${k}`);
  return names;
}

const DAY = 86_400_000;

/** The period index of a date relative to the spec's origin. */
export function periodIndex(spec: BaseSpec, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${spec.origin}T00:00:00Z`)) / DAY / spec.periodDays);
}

/**
 * The base design for rows `from..to` of the data.
 * @param dates ISO dates of all rows
 * @param factors factor series over all rows
 * @returns row-major [to − from + 1, nBase]
 */
export function baseDesign(
  spec: BaseSpec,
  dates: string[],
  factors: FactorSeries[],
  from: number,
  to: number,
): Float64Array {
  const nb = baseNames(spec).length;
  const n = to - from + 1;
  const x = new Float64Array(n * nb);
  const byName = new Map(factors.map((f) => [f.name, f.values]));
  for (let r = 0; r < n; r++) {
    const i = from + r;
    const t = periodIndex(spec, dates[i]!);
    let j = 0;
    const o = r * nb;
    x[o + j++] = 1;
    if (spec.trendScale !== null) x[o + j++] = t / spec.trendScale;
    if (spec.seasonality) {
      for (let k = 1; k <= spec.seasonality.order; k++) {
        const a = (2 * Math.PI * k * t) / spec.seasonality.period;
        x[o + j++] = Math.sin(a);
        x[o + j++] = Math.cos(a);
      }
    }
    for (const f of spec.factors) x[o + j++] = (byName.get(f.name)![i]! - f.mean) / f.sd;
    const knots = spec.knots;
    if (knots) for (let k = 1; k < knots.length; k++) x[o + j++] = hat(knots, k, t);
  }
  return x;
}

/** Mean and sd (floored so a constant factor does not divide by zero) of values[from..to]. */
export function standardize(values: Float64Array, from: number, to: number): { mean: number; sd: number } {
  let s = 0;
  for (let i = from; i <= to; i++) s += values[i]!;
  const mean = s / (to - from + 1);
  let v = 0;
  for (let i = from; i <= to; i++) v += (values[i]! - mean) ** 2;
  const sd = Math.sqrt(v / Math.max(1, to - from));
  return { mean, sd: sd > 1e-12 ? sd : 1 };
}

/** Knot k's hat function at period index t: 1 at the knot, linear to 0 at its neighbours, flat past the last. */
export function hat(knots: readonly number[], k: number, t: number): number {
  const at = knots[k]!;
  const last = knots.length - 1;
  if (t >= at) {
    if (k === last) return 1;
    const next = knots[k + 1]!;
    return t >= next ? 0 : (next - t) / (next - at);
  }
  const prev = knots[k - 1];
  if (prev === undefined) return 1;
  return t <= prev ? 0 : (t - prev) / (at - prev);
}

/** Knots evenly spaced over periods 0..T−1, about one per `every` periods (at least 3). */
export function evenKnots(T: number, every: number): number[] {
  const n = Math.max(3, Math.round((T - 1) / every) + 1);
  return Array.from({ length: n }, (_, k) => Math.round((k * (T - 1)) / (n - 1)));
}
