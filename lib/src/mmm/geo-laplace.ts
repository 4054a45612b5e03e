import { gram, inverseSpd } from '../math/linalg';
import { truncatedAtZero } from '../math/truncated-normal';
import type { Interval } from './laplace';
import { betaAt, evaluateGeo, type GeoEvaluation, type GeoProblem } from './geo-problem';
import { mediaColumns } from './problem';

/** Contributions with 90% intervals: per geo and channel [G][C], and nationally [C]. */
export interface GeoIntervals {
  byGeo: Interval[][];
  national: Interval[];
}

/**
 * 90% intervals of every geo's and the nation's contribution per channel from the Laplace approximation
 * over all parameters φ = [u, θ] of the stacked problem: Cov ≈ (JᵀJ)⁻¹ with J the residuals' Jacobian
 * (forward differences), then the delta method on contribution_{g,c} = ȳ_g β_{g,c} Σ_t z_{g,c,t}(u_c) and
 * its sum over geos (whose point estimate is the sum of the geos' means). Effects are ≥ 0: each Gaussian is truncated at 0 (mean and 5%/95% quantiles of the
 * truncated normal, as laplace.ts does for one geo).
 */
export function geoIntervals(q: GeoProblem, best: GeoEvaluation): GeoIntervals {
  const first = q.geos[0]!;
  const nu = first.nU;
  const n = nu + q.n;
  const r0 = best.residuals;
  const m = r0.length;
  const jac = new Float64Array(m * n);
  for (let k = 0; k < n; k++) {
    const u = best.u.slice();
    const theta = best.theta.slice();
    const h = 1e-5 * Math.max(1, Math.abs(k < nu ? u[k]! : theta[k - nu]!));
    if (k < nu) u[k] = u[k]! + h;
    else theta[k - nu] = theta[k - nu]! + h;
    const rk = evaluateGeo(q, u, theta).residuals;
    for (let i = 0; i < m; i++) jac[i * n + k] = (rk[i]! - r0[i]!) / h;
  }
  const cov = inverseSpd(gram(jac, m, n), n);
  const sums = (g: number, u: Float64Array, c: number) => {
    const z = mediaColumns(q.geos[g]!, u)[c]!;
    let s = 0;
    for (const v of z) s += v;
    return s;
  };
  const interval = (mu: number, variance: number): Interval => {
    const t = truncatedAtZero(mu, Math.sqrt(Math.max(variance, 0)));
    return { mean: t.mean, lower: t.quantile(0.05), upper: t.quantile(0.95) };
  };
  const byGeo: Interval[][] = q.geos.map(() => []);
  const national: Interval[] = [];
  for (let c = 0; c < q.C; c++) {
    const off = first.uOffset[c]!;
    const k = first.layouts[c]!.priors.length;
    const uIdx = Array.from({ length: k }, (_, i) => off + i);
    // Per geo: gradient over [u_c..., β_{g,c}]; nationally over [u_c..., β_{1,c} … β_{G,c}].
    const nationalGrad = new Float64Array(k + q.G);
    const centres: number[] = [];
    q.geos.forEach((p, g) => {
      const beta = best.theta[betaAt(q, g, c)]!;
      const s0 = sums(g, best.u, c);
      const grad = uIdx.map((j) => {
        const u = best.u.slice();
        const h = 1e-5 * Math.max(1, Math.abs(u[j]!));
        u[j] = u[j]! + h;
        return (p.yMean * beta * (sums(g, u, c) - s0)) / h;
      });
      const gb = p.yMean * s0;
      const idx = [...uIdx, nu + betaAt(q, g, c)];
      const gr = [...grad, gb];
      let v = 0;
      idx.forEach((a, x) => idx.forEach((b, y) => (v += gr[x]! * cov[a * n + b]! * gr[y]!)));
      const mu = p.yMean * beta * s0;
      centres.push(mu);
      byGeo[g]!.push(interval(mu, v));
      grad.forEach((d, i) => (nationalGrad[i] = nationalGrad[i]! + d));
      nationalGrad[k + g] = gb;
    });
    const idx = [...uIdx, ...q.geos.map((_, g) => nu + betaAt(q, g, c))];
    let v = 0;
    idx.forEach((a, x) => idx.forEach((b, y) => (v += nationalGrad[x]! * cov[a * n + b]! * nationalGrad[y]!)));
    // The point estimate is the sum of the geos' (so national = Σ geos exactly); the band is the sum's own.
    const sum = interval(
      centres.reduce((s, x) => s + x, 0),
      v,
    );
    const mean = byGeo.reduce((s, row) => s + row[c]!.mean, 0);
    national.push({ mean, lower: Math.min(sum.lower, mean), upper: Math.max(sum.upper, mean) });
  }
  // Restore each geo's column cache to the best point for later callers.
  mediaColumns(first, best.u);
  q.geos.forEach((p) => mediaColumns(p, best.u));
  return { byGeo, national };
}
