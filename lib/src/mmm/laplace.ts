import { inverseSpd, solveSpd } from '../math/linalg';
import { truncatedAtZero } from '../math/truncated-normal';
import { evaluate, type Evaluation } from './objective';
import { mediaColumns, priorRows, type Problem } from './problem';
import { normalEquations } from './solve-linear';

/** A point estimate with its 90% interval. */
export interface Interval {
  mean: number;
  lower: number;
  upper: number;
}

/** The standard normal quantile of a two-sided 90% interval. */
export const Z90 = 1.6448536269514722;

/**
 * The Laplace posterior of one channel's own parameters: its curve parameters on the unconstrained
 * scale (params.ts) and its coefficient β on the model's scale (outcome over its mean), with their
 * covariance, row-major [(k + 1) × (k + 1)] over [u..., β].
 */
export interface ChannelPosterior {
  mean: number[];
  cov: number[];
  /**
   * Draws of [u..., β] from the full posterior (the sampler's), when the model was fitted with it:
   * response-curve bands come from these rather than from the Gaussian.
   */
  samples?: number[][];
}

/**
 * 90% intervals for each channel's ROI and contribution from the Laplace approximation of the
 * posterior over all parameters φ = [u, β]: Cov ≈ (JᵀJ)⁻¹ with J the Jacobian of the residuals
 * (forward differences), then the delta method. Effects are ≥ 0, so each contribution's Gaussian is
 * truncated at 0: the point estimate is the truncated normal's mean and the interval its 5% and 95%
 * quantiles. The mean is never 0: a coefficient whose mode sits on the bound gets the mean of the
 * mass the data leave above it, centred where the normal equations without the bound put it.
 * Also the correlation of the channels' ROI estimates: collinear channels trade effect, so their
 * estimates are negatively correlated, and a sum over channels is surer than its parts.
 *
 * @returns per channel { roi, contribution, roiSd, curveShare: the share of the ROI's variance that
 *   comes from the response curve's parameters rather than its coefficient }, and the ROI correlation [C][C]
 */
export function laplaceIntervals(
  p: Problem,
  best: Evaluation,
): {
  channels: {
    roi: Interval;
    contribution: Interval;
    roiSd: number;
    curveShare: number;
    posterior: ChannelPosterior;
  }[];
  roiCorrelation: number[][];
} {
  const nu = p.nU;
  const nb = best.beta.length;
  const n = nu + nb;
  const r0 = best.residuals;
  const m = r0.length;
  const jac = new Float64Array(m * n);
  for (let k = 0; k < n; k++) {
    const h = 1e-5 * Math.max(1, Math.abs(k < nu ? best.u[k]! : best.beta[k - nu]!));
    const u = best.u.slice();
    const beta = best.beta.slice();
    if (k < nu) u[k] = u[k]! + h;
    else beta[k - nu] = beta[k - nu]! + h;
    const rk = evaluate(p, u, beta).residuals;
    // Prior rows are the same count at any parameters, so rows line up.
    for (let i = 0; i < m; i++) jac[i * n + k] = (rk[i]! - r0[i]!) / h;
  }
  const h = new Float64Array(n * n);
  for (let i = 0; i < m; i++) {
    for (let a = 0; a < n; a++) {
      const ja = jac[i * n + a]!;
      if (ja === 0) continue;
      for (let b = 0; b <= a; b++) h[a * n + b] = h[a * n + b]! + ja * jac[i * n + b]!;
    }
  }
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) h[b * n + a] = h[a * n + b]!;
  const cov = inverseSpd(h, n);
  // Holding the curves fixed, β's posterior covariance is the inverse of the Hessian's β block: the
  // part of a channel's ROI variance that remains when its curve is known.
  const hb = new Float64Array(nb * nb);
  for (let a = 0; a < nb; a++) for (let b = 0; b < nb; b++) hb[a * nb + b] = h[(nu + a) * n + nu + b]!;
  const covGivenCurves = inverseSpd(hb, nb);
  // Each channel's contribution depends on its own curve parameters and β: their indices in φ and
  // the gradient of the contribution with respect to them.
  const grads = p.channels.map((_, c) => {
    const off = p.uOffset[c]!;
    const nuc = p.layouts[c]!.priors.length;
    const idx = [...Array.from({ length: nuc }, (_, k) => off + k), nu + p.nBase + c];
    const totals = (u: Float64Array, beta: number) => {
      const z = mediaColumns(p, u)[c]!;
      let s = 0;
      for (let t = 0; t < p.T; t++) s += z[t]!;
      return p.yMean * beta * s;
    };
    const beta = best.beta[p.nBase + c]!;
    const contrib = totals(best.u, beta);
    const grad = idx.map((k) => {
      if (k >= nu) return contrib / Math.max(beta, 1e-300) || 0;
      const u = best.u.slice();
      const step = 1e-5 * Math.max(1, Math.abs(u[k]!));
      u[k] = u[k]! + step;
      return (totals(u, beta) - contrib) / step;
    });
    if (beta === 0) {
      let s = 0;
      for (let t = 0; t < p.T; t++) s += best.z[c]![t]!;
      grad[grad.length - 1] = p.yMean * s;
    }
    return { idx, grad, contrib };
  });
  const covariance = (a: (typeof grads)[number], b: (typeof grads)[number]) => {
    let v = 0;
    a.idx.forEach((i, x) => b.idx.forEach((j, y) => (v += a.grad[x]! * cov[i * n + j]! * b.grad[y]!)));
    return v;
  };
  const sds = grads.map((g) => Math.sqrt(Math.max(covariance(g, g), 0)));
  const roiCorrelation = grads.map((a, i) =>
    grads.map((b, j) => (i === j ? 1 : sds[i]! > 0 && sds[j]! > 0 ? covariance(a, b) / (sds[i]! * sds[j]!) : 0)),
  );
  const centres = unboundedCentres(p, best, grads);
  const interval = (mu: number, s: number): Interval => {
    const t = truncatedAtZero(mu, s);
    return { mean: t.mean, lower: t.quantile(0.05), upper: t.quantile(0.95) };
  };
  const channels = grads.map(({ grad, idx }, c) => {
    const sd = sds[c]!;
    const spend = p.spend[c]!;
    const j = p.nBase + c;
    const givenCurves = grad[grad.length - 1]! ** 2 * covGivenCurves[j * nb + j]!;
    const contribution = interval(centres[c]!, sd);
    return {
      roi: { mean: contribution.mean / spend, lower: contribution.lower / spend, upper: contribution.upper / spend },
      contribution,
      roiSd: sd / spend,
      curveShare: sd > 0 ? Math.min(1, Math.max(0, 1 - givenCurves / (sd * sd))) : 0,
      posterior: {
        mean: idx.map((k) => (k < nu ? best.u[k]! : best.beta[k - nu]!)),
        cov: idx.flatMap((a) => idx.map((b) => cov[a * n + b]!)),
      },
    };
  });
  return { channels, roiCorrelation };
}

/**
 * Each channel's contribution at the centre of its Gaussian: the MAP's where its coefficient is above
 * the bound (there the mode is the centre), else the one the normal equations give without the bound
 * (at the MAP's curves), which may be negative.
 */
function unboundedCentres(p: Problem, best: Evaluation, grads: { contrib: number }[]): number[] {
  const atBound = p.channels.map((_, c) => best.beta[p.nBase + c]! === 0);
  if (!atBound.some(Boolean)) return grads.map((g) => g.contrib);
  const { m, v, P } = normalEquations(p, best.z, priorRows(p, best.z));
  const free = solveSpd(m, P, v);
  return grads.map((g, c) => {
    if (!atBound[c]) return g.contrib;
    let s = 0;
    for (let t = 0; t < p.T; t++) s += best.z[c]![t]!;
    return p.yMean * free[p.nBase + c]! * s;
  });
}
