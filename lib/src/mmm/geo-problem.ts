import { mediaColumns, priorRows, type Problem } from './problem';
import { normalEquations } from './solve-linear';
import { baseAt, betaAt, centreAt, type GeoProblem, type GeoRow } from './geo-layout';
import { geoEvidenceTerms, solveGeoBlocks } from './geo-solve';

export { baseAt, betaAt, centreAt, type GeoProblem, type GeoRow };

/** The stacked problem over per-geo problems built on one config and window. */
export function geoProblem(
  geos: Problem[],
  tau: number,
  spendShareSd: number | null,
  roiPriors: GeoProblem['roiPriors'],
): GeoProblem {
  const G = geos.length;
  const B = geos[0]!.nBase;
  const C = geos[0]!.channels.length;
  const n = G * B + C + G * C;
  return {
    geos,
    G,
    B,
    C,
    n,
    tau: new Array<number>(C).fill(tau),
    ref: new Array<number>(C).fill(1),
    spendShareSd,
    pool: 1,
    roiPriors,
    fixed: new Uint8Array(n),
  };
}

/** Each geo's media columns at u, [G][C][T]. */
export function geoColumns(q: GeoProblem, u: Float64Array): Float64Array[][] {
  return q.geos.map((p) => mediaColumns(p, u));
}

/** a_{g,c}: ROI per unit of β_{g,c} at the columns z, [G][C]. */
export function roiPerBetaGeo(q: GeoProblem, z: Float64Array[][]): number[][] {
  return q.geos.map((p, g) =>
    z[g]!.map((col, c) => {
      let s = 0;
      for (let t = 0; t < p.T; t++) s += col[t]!;
      return (p.yMean * s) / p.spend[c]!;
    }),
  );
}

/**
 * The prior rows over θ: each geo's weak rows (base, knots' walk, β), the pooling rows
 * (a_{g,c}β_{g,c} − r_c)/(τ_c ref_c), and the centres' rows ({@link centreRows}).
 */
export function geoRows(q: GeoProblem, z: Float64Array[][], a: number[][] = roiPerBetaGeo(q, z)): GeoRow[] {
  const rows: GeoRow[] = [];
  q.geos.forEach((p, g) => {
    for (const row of priorRows(p, z[g]!, true)) {
      rows.push({
        coef: row.coef.map(([j, v]): [number, number] => [j < q.B ? baseAt(q, g, j) : betaAt(q, g, j - q.B), v]),
        target: row.target,
      });
    }
    for (let c = 0; c < q.C; c++) {
      const sd = q.tau[c]! * q.ref[c]!;
      rows.push({
        coef: [
          [betaAt(q, g, c), a[g]![c]! / sd],
          [centreAt(q, c), -1 / sd],
        ],
        target: 0,
      });
    }
  });
  rows.push(...centreRows(q));
  return rows;
}

/**
 * The prior rows on the centres r alone: a weak row on each r_c (sd 10 × the pooled ROI), the
 * spend-share rows (each centre towards the spend-weighted mean of all centres) and the user's ROI priors.
 */
export function centreRows(q: GeoProblem): GeoRow[] {
  const rows: GeoRow[] = [];
  for (let c = 0; c < q.C; c++) rows.push({ coef: [[centreAt(q, c), 1 / (10 * q.pool)]], target: 0 });
  if (q.spendShareSd !== null && q.C > 1) {
    let total = 0;
    const spend = Array.from({ length: q.C }, (_, c) => q.geos.reduce((s, p) => s + p.spend[c]!, 0));
    for (const s of spend) total += s;
    const sd = q.spendShareSd * q.pool;
    for (let c = 0; c < q.C; c++) {
      const coef: [number, number][] = spend.map((s, k) => [centreAt(q, k), ((k === c ? 1 : 0) - s / total) / sd]);
      rows.push({ coef, target: 0 });
    }
  }
  for (const pr of q.roiPriors) rows.push({ coef: [[centreAt(q, pr.c), 1 / pr.sd]], target: pr.roi / pr.sd });
  return rows;
}

/** The stacked normal equations M θ = v: each geo's data block (1/σ_g² XᵀX) plus the rows' outer products. */
export function geoNormalEquations(
  q: GeoProblem,
  z: Float64Array[][],
  rows: GeoRow[],
): { m: Float64Array; v: Float64Array } {
  const { n, B } = q;
  const m = new Float64Array(n * n);
  const v = new Float64Array(n);
  q.geos.forEach((p, g) => {
    const local = normalEquations(p, z[g]!, []);
    const P = local.P;
    const at = (j: number) => (j < B ? baseAt(q, g, j) : betaAt(q, g, j - B));
    for (let i = 0; i < P; i++) {
      const gi = at(i);
      v[gi] = v[gi]! + local.v[i]!;
      for (let k = 0; k < P; k++) m[gi * n + at(k)] = m[gi * n + at(k)]! + local.m[i * P + k]!;
    }
  });
  addRows(m, v, n, rows);
  return { m, v };
}

function addRows(m: Float64Array, v: Float64Array | null, n: number, rows: GeoRow[]): void {
  for (const row of rows) {
    for (const [a, ca] of row.coef) {
      if (v) v[a] = v[a]! + ca * row.target;
      for (const [b, cb] of row.coef) m[a * n + b] = m[a * n + b]! + ca * cb;
    }
  }
}

/** The MAP of θ at the columns z: penalized least squares with r, β ≥ 0 (active set, block elimination). */
export function solveGeoLinear(q: GeoProblem, z: Float64Array[][], rows: GeoRow[]): Float64Array {
  return solveGeoBlocks(q, z, rows);
}

/** The state of the geo model at u and θ. */
export interface GeoEvaluation {
  u: Float64Array;
  theta: Float64Array;
  z: Float64Array[][];
  /** Fitted scaled outcome per geo, [G][T]. */
  fitted: Float64Array[];
  /** Data rows of every geo / σ_g, then the prior rows, then the curve parameters' prior rows. */
  residuals: Float64Array;
}

/**
 * The negative log posterior of the geo model as residuals (cost = Σ r²); without θ, θ is profiled
 * out (the MAP of the linear part at u).
 */
export function evaluateGeo(q: GeoProblem, u: Float64Array, theta?: Float64Array): GeoEvaluation {
  const z = geoColumns(q, u);
  const rows = geoRows(q, z);
  const th = theta ?? solveGeoLinear(q, z, rows);
  const { B, C } = q;
  let m = rows.length;
  for (const p of q.geos) m += p.T;
  const first = q.geos[0]!;
  m += first.nU;
  const r = new Float64Array(m);
  let k = 0;
  const fitted = q.geos.map((p, g) => {
    const f = new Float64Array(p.T);
    for (let t = 0; t < p.T; t++) {
      let s = 0;
      for (let j = 0; j < B; j++) s += p.base[t * B + j]! * th[baseAt(q, g, j)]!;
      for (let c = 0; c < C; c++) s += z[g]![c]![t]! * th[betaAt(q, g, c)]!;
      f[t] = s;
      r[k++] = (p.y[t]! - s) / p.sigma;
    }
    return f;
  });
  for (const row of rows) {
    let s = -row.target;
    for (const [j, cj] of row.coef) s += cj * th[j]!;
    r[k++] = s;
  }
  first.layouts.forEach((l, c) =>
    l.priors.forEach((pr, j) => (r[k++] = (u[first.uOffset[c]! + j]! - pr.mean) / pr.sd)),
  );
  return { u, theta: th, z, fitted, residuals: r };
}

/**
 * The log marginal likelihood of the linear part at the curves of `e` under the current spreads τ (θ
 * integrated out under its Gaussian prior rows, the bounds set aside): −½ min cost − ½ log|M| + ½ log|Λ|.
 * Null when singular. Empirical Bayes picks τ by it.
 */
export function geoLogEvidence(q: GeoProblem, e: GeoEvaluation): number | null {
  const { theta, logDetPosterior, logDetPrior } = geoEvidenceTerms(q, e.z, geoRows(q, e.z));
  const cost = evaluateGeo(q, e.u, theta).residuals.reduce((s, x) => s + x * x, 0);
  const le = -0.5 * cost + 0.5 * (logDetPrior - logDetPosterior);
  return Number.isFinite(le) ? le : null;
}
