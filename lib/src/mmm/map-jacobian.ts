import { choleskyWithRidge } from '../math/linalg';
import { fillMediaColumns, mediaColumnsBuffers, type MediaColumns } from './media-derivatives';
import type { Evaluation } from './objective';
import { liftTestTerms, priorRows, rowCoef, type Problem } from './problem';
import { normalEquations } from './solve-linear';

/** Each problem's buffers, made on its first system: the media columns' derivatives, N and A. */
const buffers = new WeakMap<Problem, { media: MediaColumns; n: Float64Array; am: Float64Array }>();

function buffersOf(p: Problem, mb: number) {
  let b = buffers.get(p);
  if (!b || b.am.length !== p.nU * mb) {
    const P = p.nBase + p.channels.length;
    b = { media: mediaColumnsBuffers(p), n: new Float64Array(P * mb), am: new Float64Array(p.nU * mb) };
    buffers.set(p, b);
  }
  return b;
}

/** JᵀJ [n, n] and Jᵀr [n] of residuals r with Jacobian J in n parameters: the Gauss–Newton system. */
export interface GaussNewton {
  jtj: Float64Array;
  jtr: Float64Array;
}

/**
 * JᵀJ and Jᵀr of the MAP's residuals (`evaluate`'s, with β profiled out), J their exact Jacobian in the
 * curve parameters u [T + prior rows + nU, nU]: what forward differences of `evaluate(p, u)` approach,
 * for one evaluation instead of nU + 1, and without forming J.
 *
 * Variable projection (Golub and Pereyra): with r(u, β) = J_β(u) β − b the residuals and β̂ the
 * minimizer over the free coefficients F (the media ones at 0 stay there), N = J_β,F and M = NᵀN,
 * dβ̂_F/du_k = −M⁻¹ (Nᵀ ∂r/∂u_k + (∂N/∂u_k)ᵀ r) and dr̂/du_k = ∂r/∂u_k + N dβ̂_F/du_k.
 * Curve parameter u_k of channel c moves only J_β's column of β_c, D_k: −∂z_c/∂u_k / σ on the data
 * rows, the row's coefficient times ∂S_c/∂u_k / S_c on the rows that scale with the column sums
 * (`scalesWithSums`), the lift tests' saturation derivatives on their rows. So with A = [β_c D_k]_k,
 * W = NᵀA and Q the matrix with q_k = D_k · r at (β_c's row, k): J = A − N M⁻¹ (W + Q), and
 * JᵀJ = AᵀA − WᵀM⁻¹W + QᵀM⁻¹Q, Jᵀr = Aᵀr − (W + Q)ᵀ M⁻¹ Nᵀr (Nᵀr ≈ 0 at β̂), plus the curve priors' rows.
 *
 * @param e the evaluation at u (`evaluate(p, u)`), whose β and residuals the system is taken at
 */
export function profiledGaussNewton(p: Problem, e: Evaluation): GaussNewton {
  const { T, nU } = p;
  const B = p.nBase;
  const C = p.channels.length;
  const P = B + C;
  const rows = priorRows(p, e.z);
  const mb = T + rows.length;
  const beta = e.beta;
  const r = e.residuals;
  // The free coefficients: every base one, the media ones off their bound.
  const pos = new Int32Array(P).fill(-1);
  let nf = 0;
  for (let j = 0; j < P; j++) if (j < B || beta[j]! > 0) pos[j] = nf++;
  // The rows in the order data, prior rows whose coefficient on a β_c moves with u, the other prior
  // rows: A is 0 below the first ma rows, so its products stop there. place[i] is prior row i's row.
  const coefs = rows.map(rowCoef);
  const moves = rows.map(
    (row, i) => (row.scalesWithSums || row.liftTest !== undefined) && coefs[i]!.some(([j]) => j >= B),
  );
  const place = new Int32Array(rows.length);
  let ma = T;
  moves.forEach((mv, i) => mv && (place[i] = ma++));
  let rest = ma;
  moves.forEach((mv, i) => !mv && (place[i] = rest++));
  const rp = new Float64Array(mb);
  for (let t = 0; t < T; t++) rp[t] = r[t]!;
  for (let i = 0; i < rows.length; i++) rp[place[i]!] = r[T + i]!;
  // N column by column: n[a · mb + i] = ∂r_i/∂β_free(a).
  const buf = buffersOf(p, mb);
  const n = buf.n.fill(0, 0, nf * mb);
  const inv = 1 / p.sigma;
  for (let j = 0; j < P; j++) {
    const a = pos[j]!;
    if (a < 0) continue;
    const o = a * mb;
    if (j < B) for (let t = 0; t < T; t++) n[o + t] = -p.base[t * B + j]! * inv;
    else {
      const zc = e.z[j - B]!;
      for (let t = 0; t < T; t++) n[o + t] = -zc[t]! * inv;
    }
  }
  // Per channel, the moving rows' coefficients on β_c: [row's place, coefficient, lift test index or −1].
  const moving: [number, number, number][][] = p.channels.map(() => []);
  coefs.forEach((coef, i) => {
    const row = place[i]!;
    for (const [j, v] of coef) {
      if (pos[j]! >= 0) n[pos[j]! * mb + row] = n[pos[j]! * mb + row]! + v;
      if (j >= B && moves[i]) moving[j - B]!.push([row, v, rows[i]!.liftTest ?? -1]);
    }
  });
  // M = NᵀN is the linear solve's normal equations on the free coefficients (from its cached cross products).
  const full = normalEquations(p, e.z, rows).m;
  const m = new Float64Array(nf * nf);
  for (let j = 0; j < P; j++) {
    if (pos[j]! < 0) continue;
    for (let k = 0; k < P; k++) if (pos[k]! >= 0) m[pos[j]! * nf + pos[k]!] = full[j * P + k]!;
  }
  const lm = choleskyWithRidge(m, nf);
  const media = buf.media;
  fillMediaColumns(p, e.u, media, true);
  const lifts = p.config.liftTests ?? [];
  // A column by column [nU, mb] (0 for a channel held at 0), q_k, and the free index of each k's channel.
  const am = buf.am.fill(0);
  const q = new Float64Array(nU);
  const at = new Int32Array(nU).fill(-1);
  for (let c = 0; c < C; c++) {
    const f = pos[B + c]!;
    if (f < 0) continue; // β_c held at 0: the column does not enter the residuals
    const layout = p.layouts[c]!;
    const off = p.uOffset[c]!;
    const zc = e.z[c]!;
    let sum = 0;
    for (let t = 0; t < T; t++) sum += zc[t]!;
    const lift = liftDerivatives(p, c, e.u, lifts);
    const bc = beta[B + c]!;
    for (let k = 0; k < layout.priors.length; k++) {
      const g = off + k;
      at[g] = f;
      const o = g * mb;
      const dz = media.dz[c]![k]!;
      let dSum = 0;
      let qg = 0;
      for (let t = 0; t < T; t++) {
        const d = -dz[t]! * inv;
        qg += d * r[t]!;
        am[o + t] = bc * d;
        dSum += dz[t]!;
      }
      for (const [i, v, l] of moving[c]!) {
        const d =
          l >= 0 ? (k >= layout.adstockSize ? lift[l]![k - layout.adstockSize]! : 0) : sum > 0 ? (v * dSum) / sum : 0;
        qg += d * rp[i]!;
        am[o + i] = bc * d;
      }
      q[g] = qg;
    }
  }
  // Y = L⁻¹ W column by column [nU, nf] (L the Cholesky factor of M), and L⁻¹ e_f for each free media f.
  const y = new Float64Array(nU * nf);
  const w = new Float64Array(nf);
  for (let g = 0; g < nU; g++) {
    if (at[g]! < 0) continue;
    for (let a = 0; a < nf; a++) w[a] = dot(n, a * mb, am, g * mb, ma);
    forwardSolve(lm, nf, w, y, g * nf);
  }
  const unit = new Float64Array(nf * nf);
  const e1 = new Float64Array(nf);
  for (let f = B; f < nf; f++) {
    e1.fill(0);
    e1[f] = 1;
    forwardSolve(lm, nf, e1, unit, f * nf);
  }
  const jtj = new Float64Array(nU * nU);
  for (let g = 0; g < nU; g++) {
    if (at[g]! < 0) continue;
    for (let h = 0; h <= g; h++) {
      if (at[h]! < 0) continue;
      const v =
        dot(am, g * mb, am, h * mb, ma) -
        dot(y, g * nf, y, h * nf, nf) +
        q[g]! * q[h]! * dot(unit, at[g]! * nf, unit, at[h]! * nf, nf);
      jtj[g * nU + h] = v;
      jtj[h * nU + g] = v;
    }
  }
  // Jᵀr: Aᵀr − (W + Q)ᵀ M⁻¹ Nᵀr, with (W + Q)ᵀ M⁻¹ = (Y + L⁻¹Q)ᵀ L⁻¹.
  const ntr = new Float64Array(nf);
  for (let a = 0; a < nf; a++) ntr[a] = dot(n, a * mb, rp, 0, mb);
  const v0 = new Float64Array(nf);
  forwardSolve(lm, nf, ntr, v0, 0);
  const jtr = new Float64Array(nU);
  for (let g = 0; g < nU; g++) {
    if (at[g]! < 0) continue;
    jtr[g] = dot(am, g * mb, rp, 0, ma) - dot(y, g * nf, v0, 0, nf) - q[g]! * dot(unit, at[g]! * nf, v0, 0, nf);
  }
  // The curve priors' rows (u_k − mean) / sd.
  for (let c = 0; c < C; c++) {
    const priors = p.layouts[c]!.priors;
    for (let k = 0; k < priors.length; k++) {
      const g = p.uOffset[c]! + k;
      const sd = priors[k]!.sd;
      jtj[g * nU + g] = jtj[g * nU + g]! + 1 / (sd * sd);
      jtr[g] = jtr[g]! + r[mb + g]! / sd;
    }
  }
  return { jtj, jtr };
}

/** Σ_i a[ao + i] b[bo + i] over i < n. */
function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[ao + i]! * b[bo + i]!;
  return s;
}

/** Solves L x = b (L lower triangular, row-major [n, n]) into out[o .. o + n). */
function forwardSolve(l: Float64Array, n: number, b: Float64Array, out: Float64Array, o: number): void {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * out[o + k]!;
    out[o + i] = s / l[i * n + i]!;
  }
}

/**
 * The derivative of each lift test's row coefficient, weight · (S(x₁) − S(x₀)), in channel c's saturation
 * parameters at u: per test on c (by index in `lifts`), one entry per saturation parameter; others empty.
 */
function liftDerivatives(p: Problem, c: number, u: Float64Array, lifts: NonNullable<Problem['config']['liftTests']>) {
  const layout = p.layouts[c]!;
  const n = layout.priors.length - layout.adstockSize;
  return lifts.map((t) => {
    const terms = liftTestTerms(p, t);
    if (terms.channel !== c) return [];
    const x = Float64Array.from(terms.inputs);
    const du = Array.from({ length: n }, () => new Float64Array(2));
    const at = p.uOffset[c]! + layout.adstockSize;
    layout.saturation.derivatives!(u, at, x, new Float64Array(2), new Float64Array(2), du);
    return du.map((v) => terms.weight * (v[0]! - v[1]!));
  });
}
