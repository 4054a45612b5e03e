import { THETA_MAX } from '../transforms/families/retention';
import type { PriorRow, Problem } from './problem';

/**
 * PyMC-Marketing 0.19.2's default priors for its multidimensional MMM with `GeometricAdstock` and
 * `LogisticSaturation` (mmm/multidimensional.py `default_model_config`, components/adstock.py and
 * saturation.py `default_priors`), on its own scale: the target over its maximum, each channel over its
 * maximum, controls as given.
 *
 *   intercept ~ Normal(0, 2)           gamma_control ~ Normal(0, 2)
 *   saturation_beta ~ HalfNormal(2)    saturation_lam ~ Gamma(α 3, rate 1)
 *   adstock_alpha ~ Beta(1, 3)         y ~ Normal(μ, σ), σ ~ HalfNormal(2)
 *
 * with μ_t = intercept + Σ_c beta_c · logistic(lam_c · adstock(x_c / max x_c)_t) + Σ_k gamma_k ctrl_k,t,
 * logistic(v) = (1 − e^(−v)) / (1 + e^(−v)) (our `logistic` family's tanh(v/2)), and the adstock
 * geometric over lags 0..l_max − 1 (8), normalized (our lookback l_max − 1 = 7).
 */
export const PYMC_MARKETING_DEFAULTS = Object.freeze({
  interceptSd: 2,
  controlSd: 2,
  betaSd: 2,
  lam: Object.freeze({ shape: 3, rate: 1 }),
  alpha: Object.freeze({ a: 1, b: 3 }),
  sigmaSd: 2,
});

/**
 * The two scales between PyMC-Marketing's units and the problem's (outcome and inputs over their window
 * means): ky = max y / mean y over the window, and per channel kx_c = max x_c / mean x_c there. Then
 * β = ky·beta, σ = ky·σ_pm, base coefficients ky·(theirs), and λ = lam / kx_c, so that λ·x/mean =
 * lam·x/max: β ~ HalfNormal(2ky), σ ~ HalfNormal(2ky), intercept and controls ~ Normal(0, 2ky),
 * λ ~ Gamma(3, rate kx_c).
 */
export interface PymcScales {
  ky: number;
  /** [C] */
  kx: number[];
}

const cache = new WeakMap<Problem, { scales: PymcScales; rows: PriorRow[] }>();

function entry(p: Problem): { scales: PymcScales; rows: PriorRow[] } {
  let e = cache.get(p);
  if (!e) {
    let ky = 0;
    for (let t = 0; t < p.T; t++) ky = Math.max(ky, p.y[t]!);
    const kx = p.x.map((xc) => {
      let m = 0;
      for (let t = p.pre; t < xc.length; t++) m = Math.max(m, xc[t]!);
      return m;
    });
    const d = PYMC_MARKETING_DEFAULTS;
    const B = p.nBase;
    const rows: PriorRow[] = p.basePriors.map((q, j) => ({
      label: q.name,
      coef: [[j, 1 / ((q.name === 'intercept' ? d.interceptSd : d.controlSd) * ky)]],
      target: 0,
    }));
    // beta ≥ 0 by θ's log scale: the Gaussian row on β > 0 is the half-normal (its constant aside).
    p.channels.forEach((name, c) => rows.push({ label: `${name} β`, coef: [[B + c, 1 / (d.betaSd * ky)]], target: 0 }));
    e = { scales: { ky, kx }, rows };
    cache.set(p, e);
  }
  return e;
}

/** {@link PymcScales} of a problem (made once per problem). */
export function pymcScales(p: Problem): PymcScales {
  return entry(p).scales;
}

/**
 * The linear prior rows under PyMC-Marketing's priors, for β = [base..., media...]: each base
 * coefficient (intercept, controls) Normal(0, 2ky), each media coefficient half-normal(2ky). None
 * scales with the column sums. Made once per problem: callers must not change them.
 */
export function pymcPriorRows(p: Problem): PriorRow[] {
  return entry(p).rows;
}

/** The sd of σ's half-normal prior in the problem's units: 2ky. */
export function pymcSigmaSd(p: Problem): number {
  return PYMC_MARKETING_DEFAULTS.sigmaSd * entry(p).scales.ky;
}

/**
 * The log prior of the curve parameters u under PyMC-Marketing's priors (up to a constant), with the
 * Jacobians of the maps from u, and its gradient written into `grad[0..nU)` (when given). Per channel
 * u = [u_θ, log λ] (geometric, then logistic):
 *
 *   θ = 0.95·s, s = sigmoid(u_θ):  log Beta(θ; a, b) + log s + log(1 − s)
 *                                  (the Beta truncated to θ < 0.95, our cap: 1.25e-4 of its mass beyond)
 *   λ = e^u:                       shape·u − rate·kx_c·e^u
 *
 * @param theta θ [thetaSize(p)] (only its first nU entries are read)
 * @param grad [≥ nU] or null
 */
export function pymcCurveLogPrior(p: Problem, theta: ArrayLike<number>, grad: Float64Array | null): number {
  const { kx } = entry(p).scales;
  const { a, b } = PYMC_MARKETING_DEFAULTS.alpha;
  const { shape, rate } = PYMC_MARKETING_DEFAULTS.lam;
  let lp = 0;
  for (let c = 0; c < p.channels.length; c++) {
    const off = p.uOffset[c]!;
    const uT = theta[off]!;
    const uL = theta[off + 1]!;
    // log s and log(1 − s) without overflow for large |u|.
    const logS = -Math.log1p(Math.exp(-uT));
    const log1mS = -Math.log1p(Math.exp(uT));
    const s = Math.exp(logS);
    const oneMinusTheta = 1 - THETA_MAX * s;
    const lam = Math.exp(uL);
    const r = rate * kx[c]!;
    lp += (a - 1) * logS + (b - 1) * Math.log(oneMinusTheta) + logS + log1mS + shape * uL - r * lam;
    if (grad) {
      grad[off] = (a - 1) * (1 - s) - ((b - 1) * THETA_MAX * s * (1 - s)) / oneMinusTheta + 1 - 2 * s;
      grad[off + 1] = shape - r * lam;
    }
  }
  return lp;
}
