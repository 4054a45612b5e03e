import { fillMediaColumns, mediaColumnsBuffers, type MediaColumns } from './media-derivatives';
import { mediaCoordinate, mediaCoordinates, type MediaCoordinates, type MediaScale } from './media-scale';
import { liftTestTerms, priorRowsFromSums, type PriorRow, type Problem } from './problem';
import { pymcCurveLogPrior, pymcPriorRows, pymcSigmaSd } from './pymc-priors';
import { rowsLogDensity } from './rows-density';

export type { MediaScale } from './media-scale';

/**
 * The MMM's log posterior on an unconstrained vector, for samplers:
 *
 *   θ = [u (curve parameters, nU) | b (base coefficients, B) | η = log β (media coefficients, C) | log σ]
 *
 * y_t ~ N(base_t·b + Σ_c β_c z_c,t(u), σ²) in scaled units (outcome over its window mean), and each lift
 * test's row at θ's curves (the MAP's term, `liftTestTerms`); the priors
 * are the fit's own (every linear prior row of `priorRows` as a Gaussian on β, the curve priors on u,
 * a half-normal on β through its weak row), σ ~ half-normal(1), plus the Jacobians of β = e^η and
 * σ = e^(log σ). The spend-share scale and anchor are the problem's (set by the MAP fit), as empirical
 * Bayes would fix them; with `spendShare.sampledSpread` the spend-share rows give way to a pooling of the
 * log ROIs whose spread is integrated out (`logPoolDensity`). β > 0 on this scale: a channel's coefficient is never exactly 0, its posterior
 * mean is where the data and the half-normal put it.
 *
 * With `priorSet: 'pymc-marketing'` the priors are PyMC-Marketing's defaults instead (mmm/pymc-priors.ts:
 * its base and media rows, Beta and Gamma curve priors, σ ~ half-normal(2·max y / mean y)); the
 * likelihood is the same.
 */

/** The size of θ for a problem. */
export function thetaSize(p: Problem): number {
  return p.nU + p.nBase + p.channels.length + 1;
}

/** The natural parameters a θ stands for. */
export interface ThetaParts {
  u: Float64Array;
  /** β = [base..., media...] as in the MAP fit. */
  beta: Float64Array;
  sigma: number;
}

/** Splits θ into curve parameters, the full β (media on the natural scale) and σ. */
export function fromTheta(p: Problem, theta: ArrayLike<number>): ThetaParts {
  const B = p.nBase;
  const C = p.channels.length;
  const u = Float64Array.from({ length: p.nU }, (_, k) => theta[k]!);
  const beta = new Float64Array(B + C);
  for (let j = 0; j < B; j++) beta[j] = theta[p.nU + j]!;
  for (let c = 0; c < C; c++) beta[B + c] = Math.exp(theta[p.nU + B + c]!);
  return { u, beta, sigma: Math.exp(theta[p.nU + B + C]!) };
}

/**
 * θ at a point of the MAP fit. A media coefficient at its bound 0 starts at `floor` (a small share of
 * the largest), since log 0 is not a point of θ.
 */
export function toTheta(p: Problem, u: ArrayLike<number>, beta: ArrayLike<number>, sigma: number): Float64Array {
  const B = p.nBase;
  const C = p.channels.length;
  const theta = new Float64Array(thetaSize(p));
  for (let k = 0; k < p.nU; k++) theta[k] = u[k]!;
  let top = 0;
  for (let c = 0; c < C; c++) top = Math.max(top, beta[B + c]!);
  const floor = Math.max(1e-3 * top, 1e-6);
  for (let j = 0; j < B; j++) theta[p.nU + j] = beta[j]!;
  for (let c = 0; c < C; c++) theta[p.nU + B + c] = Math.log(Math.max(beta[B + c]!, floor));
  theta[p.nU + B + C] = Math.log(sigma);
  return theta;
}

/** Each media column's sum over the window S_c at θ's curve parameters (θ [thetaSize(p)]), [C]. */
export function columnSumsAt(p: Problem, theta: ArrayLike<number>): number[] {
  const columns = buffersOf(p).columns;
  fillMediaColumns(p, theta, columns, false);
  return columns.z.map((zc) => {
    let s = 0;
    for (let t = 0; t < zc.length; t++) s += zc[t]!;
    return s;
  });
}

/** The buffers of one problem's log posterior, made on its first evaluation. */
interface DensityBuffers {
  columns: MediaColumns;
  /** β = [base..., media...] [B + C], the residuals [T], the column sums [C], the rows' ∂/∂β [B + C]. */
  beta: Float64Array;
  /** η = log β of the media channels from θ's media coordinates, and ∂lp/∂η [C]. */
  media: MediaCoordinates;
  gradEta: Float64Array;
  resid: Float64Array;
  sums: number[];
  gradBeta: Float64Array;
  /** The rows' derivative in each media column's sum, ∂rows/∂S_c [C]. */
  gradS: Float64Array;
  /** (r_t β_c / σ² + ∂rows/∂S_c) over the window [T]: a channel's weight on its column's derivatives. */
  weight: Float64Array;
  /** The curve priors' gradient in u [nU]. */
  curveGrad: Float64Array;
  /** The prior rows, built once per set of the problem's hyperparameters (see {@link priorRowsOf}). */
  rows: CachedRows | null;
  /** β with each media entry times its column's sum (β_c S_c) [B + C], and the scaled rows' gradient there. */
  betaScaled: Float64Array;
  gradAtScaled: Float64Array;
  /** Each paid channel's log ROI for the log-scale pooling [C] (see {@link logPoolDensity}). */
  logRoi: Float64Array;
  /** The config's lift tests on the problem's scale, with buffers for their saturation and its derivatives. */
  lifts: LiftTerm[];
  /** The lift tests' gradient in u [nU]. */
  liftGrad: Float64Array;
}

/** A lift test as the density takes it (see `liftTestTerms`), and its saturation's buffers at its two inputs. */
interface LiftTerm extends ReturnType<typeof liftTestTerms> {
  x: Float64Array;
  y: Float64Array;
  dx: Float64Array;
  du: Float64Array[];
}

/**
 * A problem's prior rows split in two: `plain` rows on β, and `scaled` rows, those that scale with the
 * column sums, built at S = 1 so that at any S their value is theirs at β_c S_c (each media coefficient
 * of such a row is a constant times its S_c). The rows depend on the problem's hyperparameters, kept
 * beside them: a change rebuilds them.
 */
interface CachedRows {
  plain: PriorRow[];
  scaled: PriorRow[];
  config: Problem['config'];
  poolRoi: number;
  anchorRoi: number | null;
  spendShareSd: number | null;
  knotStep: number;
  silent: boolean[];
}

const buffers = new WeakMap<Problem, DensityBuffers>();

function buffersOf(p: Problem): DensityBuffers {
  let b = buffers.get(p);
  if (!b) {
    const C = p.channels.length;
    b = {
      columns: mediaColumnsBuffers(p),
      beta: new Float64Array(p.nBase + C),
      media: mediaCoordinates(C),
      gradEta: new Float64Array(C),
      resid: new Float64Array(p.T),
      sums: new Array<number>(C).fill(0),
      gradBeta: new Float64Array(p.nBase + C),
      gradS: new Float64Array(C),
      weight: new Float64Array(p.T),
      curveGrad: new Float64Array(p.nU),
      rows: null,
      betaScaled: new Float64Array(p.nBase + C),
      logRoi: new Float64Array(C),
      gradAtScaled: new Float64Array(p.nBase + C),
      lifts: (p.config.liftTests ?? []).map((t) => {
        const terms = liftTestTerms(p, t);
        const layout = p.layouts[terms.channel]!;
        const two = () => new Float64Array(2);
        const du = Array.from({ length: layout.priors.length - layout.adstockSize }, two);
        return { ...terms, x: Float64Array.from(terms.inputs), y: two(), dx: two(), du };
      }),
      liftGrad: new Float64Array(p.nU),
    };
    buffers.set(p, b);
  }
  return b;
}

/** The cached rows when the problem's hyperparameters are still theirs. */
function rowsAreCurrent(p: Problem, r: CachedRows | null): r is CachedRows {
  if (
    !r ||
    r.config !== p.config ||
    r.poolRoi !== p.poolRoi ||
    r.anchorRoi !== p.anchorRoi ||
    r.spendShareSd !== p.spendShareSd ||
    r.knotStep !== p.knotStep
  ) {
    return false;
  }
  for (let c = 0; c < r.silent.length; c++) if (r.silent[c] !== p.silent[c]) return false;
  return true;
}

/**
 * The prior rows of the density, split as {@link CachedRows}: PyMC-Marketing's (none scale with the
 * sums) or the fit's own, `priorRowsFromSums` at S = 1. Rebuilt only when a hyperparameter moved.
 */
function priorRowsOf(p: Problem, buf: DensityBuffers): CachedRows {
  if (rowsAreCurrent(p, buf.rows)) return buf.rows;
  const pymc = p.config.priorSet === 'pymc-marketing';
  const ones = new Array<number>(p.channels.length).fill(1);
  // The lift tests' rows move with the curves: liftTestsDensity takes them at θ's.
  // The log-scale pooling (logPoolDensity) takes the spend-share rows' place.
  const own = () => priorRowsFromSums(p, ones, false, false);
  const all = pymc ? pymcPriorRows(p) : logPooled(p) ? own().filter((r) => !r.spendShare) : own();
  buf.rows = {
    plain: all.filter((r) => !r.scalesWithSums),
    scaled: all.filter((r) => r.scalesWithSums),
    config: p.config,
    poolRoi: p.poolRoi,
    anchorRoi: p.anchorRoi,
    spendShareSd: p.spendShareSd,
    knotStep: p.knotStep,
    silent: p.silent.slice(),
  };
  return buf.rows;
}

/**
 * The prior rows' log density at β and column sums S, with their gradient in β added to `gradBeta` and,
 * in `gradS`, their derivative in each media column's sum S_c [C]: the plain rows at β, the scaled ones
 * at β_c S_c (so ∂/∂β_c = g_c S_c and ∂/∂S_c = g_c β_c, g their gradient there).
 */
function rowsDensity(
  p: Problem,
  buf: DensityBuffers,
  beta: Float64Array,
  sums: readonly number[],
  gradBeta: Float64Array | null,
  gradS: Float64Array | null,
): number {
  const B = p.nBase;
  const rows = priorRowsOf(p, buf);
  let lp = rowsLogDensity(rows.plain, beta, gradBeta, null);
  if (rows.scaled.length === 0) {
    gradS?.fill(0);
    return lp;
  }
  const scaled = buf.betaScaled;
  for (let j = 0; j < B; j++) scaled[j] = beta[j]!;
  for (let c = 0; c < sums.length; c++) scaled[B + c] = beta[B + c]! * sums[c]!;
  const g = gradBeta ? buf.gradAtScaled.fill(0) : null;
  lp += rowsLogDensity(rows.scaled, scaled, g, null);
  if (!g || !gradBeta || !gradS) return lp;
  for (let j = 0; j < B; j++) gradBeta[j] = gradBeta[j]! + g[j]!;
  for (let c = 0; c < sums.length; c++) {
    gradBeta[B + c] = gradBeta[B + c]! + g[B + c]! * sums[c]!;
    gradS[c] = g[B + c]! * beta[B + c]!;
  }
  return lp;
}

/** The posterior pools the log ROIs with a spread of its own (`spendShare.sampledSpread`). */
function logPooled(p: Problem): boolean {
  return p.config.spendShareSampledSpread === true && p.config.priorSet !== 'pymc-marketing' && p.spendShareSd !== null;
}

/** Inverse-gamma shape of the log-scale pooling's spread τ² (4 degrees of freedom once τ is integrated out). */
const POOL_SHAPE = 2;

/**
 * The log-scale spend-share prior with its spread integrated out: over the n paid channels,
 * ℓ_c = log ROI_c = log(m β_c S_c / spend_c) (m the outcome's mean), ℓ_c ~ N(μ, τ²) with μ the log of
 * the anchor ROI (the pooled ROI without one) and τ² ~ inverse-gamma(α, α s²), s the spend share's
 * sd: log p = −(α + n/2) · log(α s² + ½ Σ (ℓ_c − μ)²) − Σ ℓ_c (a density on the ROIs), a multivariate
 * Student-t on ℓ with 2α degrees of freedom. Channels that agree pool tightly, channels that
 * disagree widen each other's spread. Its gradient in β is added to `gradBeta`, in S to `gradS`.
 */
function logPoolDensity(
  p: Problem,
  buf: DensityBuffers,
  beta: Float64Array,
  sums: readonly number[],
  gradBeta: Float64Array | null,
  gradS: Float64Array | null,
): number {
  const centre = p.anchorRoi ?? p.poolRoi;
  if (!logPooled(p) || !(centre > 0)) return 0;
  const mu = Math.log(centre);
  const s = p.spendShareSd!;
  const B = p.nBase;
  let n = 0;
  let ss = 0;
  let lp = 0;
  const logRoi = buf.logRoi;
  for (let c = 0; c < sums.length; c++) {
    if (!p.paid[c]) continue;
    const l = Math.log((p.yMean * beta[B + c]! * sums[c]!) / p.spend[c]!);
    logRoi[c] = l;
    n++;
    ss += (l - mu) * (l - mu);
    lp -= l;
  }
  if (n < 2) return 0;
  const rate = POOL_SHAPE * s * s + 0.5 * ss;
  const shape = POOL_SHAPE + 0.5 * n;
  lp -= shape * Math.log(rate);
  if (!gradBeta || !gradS) return lp;
  for (let c = 0; c < sums.length; c++) {
    if (!p.paid[c]) continue;
    const l = logRoi[c]!;
    // ∂lp/∂ℓ_c; ℓ_c moves with log β_c and log S_c alike.
    const g = (-shape * (l - mu)) / rate - 1;
    gradBeta[B + c] = gradBeta[B + c]! + g / beta[B + c]!;
    gradS[c] = gradS[c]! + g / sums[c]!;
  }
  return lp;
}

/**
 * The lift tests' log likelihood, −½ r² each with r = weight · (S(x₁) − S(x₀)) · β_c − target (see
 * `liftTestTerms`), S the channel's saturation at θ's curve parameters; with `gradBeta`, its gradient
 * in β added there and its gradient in the saturation's parameters written into `buf.liftGrad` [nU].
 */
function liftTestsDensity(
  p: Problem,
  buf: DensityBuffers,
  theta: ArrayLike<number>,
  beta: Float64Array,
  gradBeta: Float64Array | null,
): number {
  if (buf.lifts.length === 0) return 0;
  if (gradBeta) buf.liftGrad.fill(0);
  let lp = 0;
  for (const l of buf.lifts) {
    const c = l.channel;
    const layout = p.layouts[c]!;
    const at = p.uOffset[c]! + layout.adstockSize;
    // Every saturation family has exact derivatives (transforms/families/derivatives.test.ts).
    layout.saturation.derivatives!(theta, at, l.x, l.y, l.dx, l.du);
    const j = p.nBase + c;
    const gap = l.weight * (l.y[0]! - l.y[1]!);
    const r = gap * beta[j]! - l.target;
    lp -= 0.5 * r * r;
    if (!gradBeta) continue;
    gradBeta[j] = gradBeta[j]! - r * gap;
    for (let k = 0; k < l.du.length; k++) {
      const dGap = l.weight * (l.du[k]![0]! - l.du[k]![1]!);
      buf.liftGrad[at + k] = buf.liftGrad[at + k]! - r * beta[j]! * dGap;
    }
  }
  return lp;
}

/**
 * The log posterior at θ (up to a constant) and, with `grad`, its gradient [thetaSize(p)], with the
 * media coefficients on `scale` (see {@link MediaScale}; on the contribution scale the density has the
 * map's log-Jacobian added). The gradient is exact in b, the media coordinates and log σ; in u it is exact
 * through the likelihood and the priors, with each media column's derivative in its own curve
 * parameters as {@link fillMediaColumns} takes it (a channel's column depends on its own 1–4
 * parameters only). Samplers stay exact with it: the leapfrog map is volume-preserving and reversible
 * for any gradient field, and acceptance uses the exact density. Allocates nothing per call but the
 * prior rows: its buffers live with the problem.
 */
export function logPosterior(
  p: Problem,
  theta: ArrayLike<number>,
  grad?: Float64Array,
  scale: MediaScale = 'coefficient',
): number {
  const B = p.nBase;
  const C = p.channels.length;
  const T = p.T;
  const nU = p.nU;
  const sigma = Math.exp(theta[nU + B + C]!);
  if (!Number.isFinite(sigma) || sigma <= 0) return -Infinity;
  const buf = buffersOf(p);
  const { beta, media, resid, sums } = buf;
  const { eta } = media;
  fillMediaColumns(p, theta, buf.columns, grad !== undefined);
  const z = buf.columns.z;
  for (let c = 0; c < C; c++) {
    const zc = z[c]!;
    let sum = 0;
    for (let t = 0; t < T; t++) sum += zc[t]!;
    sums[c] = sum;
    if (!mediaCoordinate(scale, theta[nU + B + c]!, sum, c, media)) return -Infinity;
  }
  for (let j = 0; j < B; j++) beta[j] = theta[nU + j]!;
  for (let c = 0; c < C; c++) beta[B + c] = Math.exp(eta[c]!);
  const base = p.base;
  for (let t = 0; t < T; t++) {
    let f = 0;
    for (let j = 0; j < B; j++) f += base[t * B + j]! * beta[j]!;
    resid[t] = p.y[t]! - f;
  }
  for (let c = 0; c < C; c++) {
    const zc = z[c]!;
    const bc = beta[B + c]!;
    for (let t = 0; t < T; t++) resid[t] = resid[t]! - zc[t]! * bc;
  }
  let ss = 0;
  for (let t = 0; t < T; t++) ss += resid[t]! * resid[t]!;
  if (!Number.isFinite(ss)) return -Infinity;
  const s2 = sigma * sigma;
  const pymc = p.config.priorSet === 'pymc-marketing';
  const gradBeta = grad ? buf.gradBeta.fill(0) : null;
  const gradS = grad ? buf.gradS : null;
  let lp = -T * Math.log(sigma) - (0.5 * ss) / s2 + rowsDensity(p, buf, beta, sums, gradBeta, gradS);
  lp += liftTestsDensity(p, buf, theta, beta, gradBeta);
  lp += logPoolDensity(p, buf, beta, sums, gradBeta, gradS);
  // Curve priors, σ ~ half-normal(1 or PyMC-Marketing's), and the Jacobians of β = e^η (Σ η), of η in
  // θ's media coordinates, and of σ = e^{log σ}.
  const curveGrad = grad ? buf.curveGrad : null;
  lp += pymc ? pymcCurveLogPrior(p, theta, curveGrad) : gaussianCurveLogPrior(p, theta, curveGrad);
  const sigmaSd = pymc ? pymcSigmaSd(p) : 1;
  const sigmaTerm = s2 / (sigmaSd * sigmaSd);
  lp += -0.5 * sigmaTerm + Math.log(sigma);
  for (let c = 0; c < C; c++) lp += eta[c]! + media.logJacobian[c]!;
  if (!grad) return lp;

  // β: likelihood Σ_t r_t x_t / σ² plus the prior rows; η = log β and θ's media coordinates by the
  // chain rule.
  const gradEta = buf.gradEta;
  for (let j = 0; j < B; j++) {
    let g = 0;
    for (let t = 0; t < T; t++) g += resid[t]! * base[t * B + j]!;
    grad[nU + j] = g / s2 + gradBeta![j]!;
  }
  for (let c = 0; c < C; c++) {
    let g = 0;
    const zc = z[c]!;
    for (let t = 0; t < T; t++) g += resid[t]! * zc[t]!;
    gradEta[c] = beta[B + c]! * (g / s2 + gradBeta![B + c]!) + 1;
    grad[nU + B + c] = media.slope[c]! * gradEta[c]! + media.jacobianSlope[c]!;
  }
  grad[nU + B + C] = -T + ss / s2 - sigmaTerm + 1;
  // u: through each channel's column. The rows depend on a column only through its sum S_c, so
  // their part is one number per channel, ∂rows/∂S_c. On the contribution scale η = log softplus(v) −
  // log S_c moves with u too: ∂/∂u −= ∂/∂η · ∂S_c/∂u / S_c. Both enter as a constant in the weight on
  // ∂z_c,t/∂u (∂S_c/∂u = Σ_t ∂z_c,t/∂u).
  const weight = buf.weight;
  for (let c = 0; c < C; c++) {
    const off = p.uOffset[c]!;
    const bc = beta[B + c]!;
    const shift = gradS![c]! - (scale === 'contribution' ? gradEta[c]! / sums[c]! : 0);
    for (let t = 0; t < T; t++) weight[t] = (resid[t]! * bc) / s2 + shift;
    const dz = buf.columns.dz[c]!;
    const priors = p.layouts[c]!.priors;
    for (let k = 0; k < priors.length; k++) {
      const dk = dz[k]!;
      let g = 0;
      for (let t = 0; t < T; t++) g += weight[t]! * dk[t]!;
      grad[off + k] = g + curveGrad![off + k]!;
    }
  }
  if (buf.lifts.length > 0) for (let k = 0; k < nU; k++) grad[k] = grad[k]! + buf.liftGrad[k]!;
  return lp;
}

/** Σ of the curve parameters' normal priors on u (−½ d² each), with their gradient in `grad[0..nU)`. */
function gaussianCurveLogPrior(p: Problem, theta: ArrayLike<number>, grad: Float64Array | null): number {
  let lp = 0;
  for (let c = 0; c < p.channels.length; c++) {
    const priors = p.layouts[c]!.priors;
    const off = p.uOffset[c]!;
    for (let k = 0; k < priors.length; k++) {
      const d = (theta[off + k]! - priors[k]!.mean) / priors[k]!.sd;
      lp -= 0.5 * d * d;
      if (grad) grad[off + k] = -(theta[off + k]! - priors[k]!.mean) / (priors[k]!.sd * priors[k]!.sd);
    }
  }
  return lp;
}
