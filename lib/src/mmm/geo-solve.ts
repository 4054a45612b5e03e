import { cholesky, choleskySolve } from '../math/linalg';
import { baseAt, betaAt, centreAt, type GeoProblem, type GeoRow } from './geo-layout';
import { normalEquations } from './solve-linear';

/**
 * The stacked normal equations in block-arrow form: per geo g its block M_g [P, P] over [base, β_g]
 * (P = B + C) and right side v_g [P], its coupling K_g [P, C] to the centres r, and the centres' own
 * block R [C, C] and right side v_r [C]. Geos touch each other only through r.
 */
interface Blocks {
  m: Float64Array[];
  v: Float64Array[];
  k: Float64Array[];
  r: Float64Array;
  vr: Float64Array;
}

/** Where a θ index lives: geo g's local index j (base j < B, then β), or centre c (g = -1). */
function locate(q: GeoProblem, i: number): { g: number; j: number } {
  const nb = q.G * q.B;
  if (i < nb) return { g: Math.floor(i / q.B), j: i % q.B };
  if (i < nb + q.C) return { g: -1, j: i - nb };
  const k = i - nb - q.C;
  return { g: Math.floor(k / q.C), j: q.B + (k % q.C) };
}

function blocks(q: GeoProblem, z: Float64Array[][], rows: GeoRow[], withData = true): Blocks {
  const { B, C } = q;
  const P = B + C;
  const local = q.geos.map((p, g) =>
    withData ? normalEquations(p, z[g]!, []) : { m: new Float64Array(P * P), v: new Float64Array(P) },
  );
  const out: Blocks = {
    m: local.map((e) => e.m),
    v: local.map((e) => e.v),
    k: q.geos.map(() => new Float64Array(P * C)),
    r: new Float64Array(C * C),
    vr: new Float64Array(C),
  };
  for (const row of rows) {
    const at = row.coef.map(([i, c]) => ({ ...locate(q, i), c }));
    for (const a of at) {
      if (a.g < 0) out.vr[a.j] = out.vr[a.j]! + a.c * row.target;
      else out.v[a.g]![a.j] = out.v[a.g]![a.j]! + a.c * row.target;
      for (const b of at) {
        if (a.g < 0 && b.g < 0) out.r[a.j * C + b.j] = out.r[a.j * C + b.j]! + a.c * b.c;
        else if (a.g >= 0 && b.g < 0) out.k[a.g]![a.j * C + b.j] = out.k[a.g]![a.j * C + b.j]! + a.c * b.c;
        else if (a.g >= 0 && a.g === b.g) out.m[a.g]![a.j * P + b.j] = out.m[a.g]![a.j * P + b.j]! + a.c * b.c;
        // (a in r, b in a geo) is K's transpose; rows never couple two geos.
      }
    }
  }
  return out;
}

/**
 * θ at a fixed active set (`fixed` over θ's indices, 1 = held at 0) by block elimination: each geo's free
 * block is factored once, the centres solve the Schur complement S = R − Σ_g K_gᵀ A_g⁻¹ K_g, then each
 * geo's block is back-substituted. Cost O(G·P³ + C³) instead of O((G·P + C)³).
 */
function solveFixed(q: GeoProblem, bl: Blocks, fixed: Uint8Array): { theta: Float64Array; logDet: number } {
  const { B, C, G } = q;
  const P = B + C;
  const theta = new Float64Array(q.n);
  const freeR = Array.from({ length: C }, (_, c) => c).filter((c) => !fixed[centreAt(q, c)]);
  const nr = freeR.length;
  const s = new Float64Array(nr * nr);
  const rhs = new Float64Array(nr);
  freeR.forEach((c, a) => {
    rhs[a] = bl.vr[c]!;
    freeR.forEach((d, b) => (s[a * nr + b] = bl.r[c * C + d]!));
  });
  const geo = [];
  let logDet = 0;
  for (let g = 0; g < G; g++) {
    const free = Array.from({ length: P }, (_, j) => j).filter(
      (j) => !fixed[j < B ? baseAt(q, g, j) : betaAt(q, g, j - B)],
    );
    const nf = free.length;
    const a = new Float64Array(nf * nf);
    const vf = new Float64Array(nf);
    free.forEach((j, x) => {
      vf[x] = bl.v[g]![j]!;
      free.forEach((k, y) => (a[x * nf + y] = bl.m[g]![j * P + k]!));
    });
    const l = cholesky(a, nf) ?? ridge(a, nf);
    for (let i = 0; i < nf; i++) logDet += 2 * Math.log(l[i * nf + i]!);
    const av = choleskySolve(l, nf, vf);
    // A⁻¹ K columns for the free centres.
    const ak = freeR.map((c) =>
      choleskySolve(
        l,
        nf,
        Float64Array.from(free, (j) => bl.k[g]![j * C + c]!),
      ),
    );
    freeR.forEach((c, x) => {
      let t = 0;
      free.forEach((j, y) => (t += bl.k[g]![j * C + c]! * av[y]!));
      rhs[x] = rhs[x]! - t;
      freeR.forEach((_, w) => {
        let u = 0;
        free.forEach((j, y) => (u += bl.k[g]![j * C + c]! * ak[w]![y]!));
        s[x * nr + w] = s[x * nr + w]! - u;
      });
    });
    geo.push({ free, av, ak });
  }
  const ls = nr > 0 ? (cholesky(s, nr) ?? ridge(s, nr)) : new Float64Array(0);
  for (let i = 0; i < nr; i++) logDet += 2 * Math.log(ls[i * nr + i]!);
  const r = nr > 0 ? choleskySolve(ls, nr, rhs) : new Float64Array(0);
  freeR.forEach((c, x) => (theta[centreAt(q, c)] = r[x]!));
  geo.forEach(({ free, av, ak }, g) => {
    free.forEach((j, y) => {
      let t = av[y]!;
      freeR.forEach((_, x) => (t -= ak[x]![y]! * r[x]!));
      theta[j < B ? baseAt(q, g, j) : betaAt(q, g, j - B)] = t;
    });
  });
  return { theta, logDet };
}

/** A factor of a nearly singular block with a small ridge (a block the priors keep positive definite). */
function ridge(a: Float64Array, n: number): Float64Array {
  const b = a.slice();
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(b[i * n + i]!));
  for (let i = 0; i < n; i++) b[i * n + i] = b[i * n + i]! + 1e-10 * (scale || 1);
  return cholesky(b, n) ?? new Float64Array(n * n).map((_, k) => (k % (n + 1) === 0 ? 1 : 0));
}

/** The gradient (Mθ − v)_i of the quadratic at θ, for one index i of θ. */
function gradientAt(q: GeoProblem, bl: Blocks, theta: Float64Array, i: number): number {
  const { B, C, G } = q;
  const P = B + C;
  const at = locate(q, i);
  const local = (g: number, k: number) => theta[k < B ? baseAt(q, g, k) : betaAt(q, g, k - B)]!;
  if (at.g < 0) {
    let s = -bl.vr[at.j]!;
    for (let d = 0; d < C; d++) s += bl.r[at.j * C + d]! * theta[centreAt(q, d)]!;
    for (let g = 0; g < G; g++) for (let k = 0; k < P; k++) s += bl.k[g]![k * C + at.j]! * local(g, k);
    return s;
  }
  let s = -bl.v[at.g]![at.j]!;
  for (let k = 0; k < P; k++) s += bl.m[at.g]![at.j * P + k]! * local(at.g, k);
  for (let d = 0; d < C; d++) s += bl.k[at.g]![at.j * C + d]! * theta[centreAt(q, d)]!;
  return s;
}

/**
 * The MAP of θ at the columns z under the rows: penalized least squares with the centres and every
 * β ≥ 0, by an active set (warm-started from `q.fixed`, updated in place) over the block elimination of
 * {@link solveFixed}; the same optimum as a dense active set on the stacked normal equations.
 */
export function solveGeoBlocks(q: GeoProblem, z: Float64Array[][], rows: GeoRow[]): Float64Array {
  const bl = blocks(q, z, rows);
  const fixed = q.fixed;
  const first = q.G * q.B;
  let theta = new Float64Array(q.n);
  for (let iter = 0; iter < 3 * q.n; iter++) {
    theta = solveFixed(q, bl, fixed).theta;
    let worst = -1;
    for (let j = first; j < q.n; j++)
      if (!fixed[j] && theta[j]! < 0 && (worst < 0 || theta[j]! < theta[worst]!)) worst = j;
    if (worst >= 0) {
      fixed[worst] = 1;
      continue;
    }
    let release = -1;
    let best = -1e-12;
    for (let j = first; j < q.n; j++) {
      if (!fixed[j]) continue;
      const g = gradientAt(q, bl, theta, j);
      if (g < best) {
        best = g;
        release = j;
      }
    }
    if (release < 0) break;
    fixed[release] = 0;
  }
  for (let j = first; j < q.n; j++) if (theta[j]! < 0) theta[j] = 0;
  return theta;
}

/**
 * The linear part's evidence terms at the columns z by the same block elimination: θ without its
 * bounds (the unconstrained optimum), and log|M| and log|Λ| of the posterior and prior precisions
 * (block-arrow both: log det = Σ_g log|A_g| + log|S|).
 */
export function geoEvidenceTerms(
  q: GeoProblem,
  z: Float64Array[][],
  rows: GeoRow[],
): { theta: Float64Array; logDetPosterior: number; logDetPrior: number } {
  const none = new Uint8Array(q.n);
  const post = solveFixed(q, blocks(q, z, rows), none);
  const prior = solveFixed(q, blocks(q, z, rows, false), none);
  return { theta: post.theta, logDetPosterior: post.logDet, logDetPrior: prior.logDet };
}
