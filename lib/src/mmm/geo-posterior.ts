import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cholesky, choleskyWithRidge } from '../math/linalg';
import { lbfgsMaximize } from '../math/lbfgs';
import { sampleChains, sampleChainsSync, type ChainsOptions, type ChainsResult } from '../math/chains';
import { normal, seededRandom } from '../math/random';
import { geoDensity, geoEpsOf, geoLogDensity, geoLogRoiAt, phiAt, type GeoDensity } from './geo-density';
import { drawRoiConditional } from './geo-marginal-roi';
import { betaAt, centreAt, roiPerBetaGeo, type GeoEvaluation, type GeoProblem } from './geo-problem';
import {
  geoPosteriorTarget,
  phiOfZeta,
  zetaOfMetric,
  type DenseMetric,
  type GeoTargetData,
} from './geo-posterior-target';
import type { Interval } from './laplace';
import { drawInterval } from './posterior-summary';
import type { PosteriorSettings, SamplerDiagnostics } from './sample-posterior';
import { samplerDiagnostics } from './sampler-diagnostics';
import type { MmmData, ResolvedConfig } from './spec';
import type { WindowIndex } from './window';

/** The geo-level posterior's answers, every figure from the same draws. */
export interface GeoPosterior {
  /** Per geo and channel [G][C]: contribution (outcome units) over the window, mean and 90% interval. */
  byGeo: Interval[][];
  /** Per channel [C]: the sum over geos of the same draws. */
  national: Interval[];
  /** Per channel [C]: the spread τ_c of the geos' log ROIs, and the centre r_c. */
  tau: Interval[];
  centre: Interval[];
  sampler: SamplerDiagnostics;
  /**
   * With the ROIs integrated out (`marginalRoi`): the share of the geos' ROI draws below 0 (their
   * Gaussian conditional is not truncated, and neither is the marginal the chains sampled); else null.
   */
  negativeRoiShare: number | null;
}

/** The sampler's worker module: this folder's compiled geo-posterior-target.js (absent when running from sources). */
const TARGET_MODULE = join(__dirname, 'geo-posterior-target.js');

/**
 * The mean acceptance NUTS's step size aims at. With each geo's ROIs sampled (log-normal), 0.9 as the
 * national posterior's (sample-posterior.ts): the spread τ_c and the geo ROIs make a funnel. With them
 * integrated out there is none, and Stan's 0.8 gave no divergence either (seeds 1–5 of bench/geo.mjs at
 * 8 × 156 × 8 and 50 geos), 18% less wall time at about the same bulk ESS a second.
 */
const TARGET_ACCEPT = { sampledRoi: 0.9, marginalRoi: 0.8 };

/**
 * φ at the MAP fit: each geo's base and σ_g, the shared curves, the centres' logs, the MAP's spreads,
 * and each geo's ε from its ROI a_{g,c}β_{g,c} (floored at 1% of the centre: log 0 is not a point of φ).
 */
export function geoMapPhi(d: GeoDensity, best: GeoEvaluation): Float64Array {
  const { q, layout: l } = d;
  const phi = new Float64Array(l.dim);
  const a = roiPerBetaGeo(q, best.z);
  for (let k = 0; k < l.nU; k++) phi[phiAt.u(l, k)] = best.u[k]!;
  const rho = Array.from({ length: l.C }, (_, c) => Math.log(Math.max(best.theta[centreAt(q, c)]!, 1e-3 * q.pool)));
  const tau = q.tau.map((t) => Math.min(Math.max(t, 0.05), 1.5));
  for (let c = 0; c < l.C; c++) {
    phi[phiAt.rho(l, c)] = rho[c]!;
    phi[phiAt.logTau(l, c)] = Math.log(tau[c]!);
  }
  q.geos.forEach((p, g) => {
    for (let j = 0; j < l.Bs; j++) phi[phiAt.base(l, g, j)] = best.theta[g * q.B + j]!;
    phi[phiAt.logSigma(l, g)] = Math.log(p.sigma);
    for (let c = 0; c < l.Cs; c++) {
      const roi = Math.max(a[g]![c]! * best.theta[betaAt(q, g, c)]!, 0.01 * Math.exp(rho[c]!));
      phi[phiAt.eps(l, g, c)] = geoEpsOf(d, phi, g, c, Math.log(roi));
    }
  });
  return phi;
}

/**
 * The negative Hessian at φ by central differences of the exact gradient, symmetrized. A geo's block
 * couples only to itself and the shared parameters, so one pair of evaluations moves coordinate j of
 * every geo's block at once (2·(P + S) evaluations instead of 2·(G·P + S)); the blocks between geos are 0.
 */
export function geoNegativeHessian(d: GeoDensity, x: Float64Array): Float64Array {
  const l = d.layout;
  const n = l.dim;
  const h = new Float64Array(n * n);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const stepOf = (i: number) => 1e-5 * Math.max(1, Math.abs(x[i]!));
  for (let j = 0; j < l.local; j++) {
    const a = x.slice();
    const b = x.slice();
    for (let g = 0; g < l.G; g++) {
      const i = g * l.local + j;
      a[i] = a[i]! + stepOf(i);
      b[i] = b[i]! - stepOf(i);
    }
    geoLogDensity(d, a, up);
    geoLogDensity(d, b, down);
    for (let g = 0; g < l.G; g++) {
      const col = g * l.local + j;
      for (let k = 0; k < l.local; k++) {
        const i = g * l.local + k;
        h[i * n + col] = -(up[i]! - down[i]!) / (2 * stepOf(col));
      }
    }
  }
  for (let j = l.shared; j < n; j++) {
    const a = x.slice();
    const b = x.slice();
    a[j] = a[j]! + stepOf(j);
    b[j] = b[j]! - stepOf(j);
    geoLogDensity(d, a, up);
    geoLogDensity(d, b, down);
    for (let i = 0; i < n; i++) h[i * n + j] = -(up[i]! - down[i]!) / (2 * stepOf(j));
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      // Below the diagonal in a shared row and a geo's column: only the shared column was differenced.
      const v = i >= l.shared && j < l.shared ? h[j * n + i]! : 0.5 * (h[i * n + j]! + h[j * n + i]!);
      h[i * n + j] = v;
      h[j * n + i] = v;
    }
  }
  return h;
}

/** The target's data: the posterior's mode (L-BFGS from the MAP) and the factor of the negative Hessian there. */
export function geoTargetData(
  q: GeoProblem,
  byGeo: MmmData[],
  config: ResolvedConfig,
  window: WindowIndex,
  best: GeoEvaluation,
  centring: Float64Array,
  marginalBase = true,
  marginalRoi = false,
): GeoTargetData {
  const d = geoDensity(q, centring, marginalBase, marginalRoi);
  const start = geoMapPhi(d, best);
  const mode = lbfgsMaximize((x, g) => geoLogDensity(d, x, g), start, { tolerance: 1e-5, maxIterations: 2000 }).x;
  const h = geoNegativeHessian(d, mode);
  const n = mode.length;
  return {
    byGeo,
    config,
    window,
    pool: q.pool,
    spendShareSd: q.spendShareSd,
    roiPriors: q.roiPriors,
    centring,
    marginalBase,
    marginalRoi,
    mode,
    chol: cholesky(h, n) ?? choleskyWithRidge(h, n),
    metric: null,
  };
}

function chainOptions(dim: number, s: PosteriorSettings, targetAccept: number): ChainsOptions {
  // Chains start apart, around the mode (ζ = 0), about one posterior sd away in each direction.
  const rand = seededRandom(s.seed + 17);
  const inits = Array.from({ length: s.chains }, () => Float64Array.from({ length: dim }, () => 0.7 * normal(rand)));
  return { ...s, inits, targetAccept };
}

/** What the geo-level posterior is sampled from: the MAP fit's problem, data and best point. */
export interface GeoPosteriorInput {
  /** The MAP fit's geo problem (its pooled ROI, spend-share sd and ROI priors are the centres' priors). */
  q: GeoProblem;
  byGeo: MmmData[];
  config: ResolvedConfig;
  window: WindowIndex;
  best: GeoEvaluation;
  /** Each geo's ROI's centring a_{g,c} [G·C] (see {@link geoDensity}): its pooling weight at the MAP. */
  centring: Float64Array;
  /** Integrate each geo's base out instead of sampling it (default true: the same posterior, fewer steps). */
  marginalBase?: boolean;
  /**
   * Integrate each geo's base and ROIs out, under a Gaussian ROI prior N(r_c, (τ_c r_c)²) rather than the
   * log-normal one (default false); the ROIs' draws then come from their Gaussian conditional given each
   * kept draw (negative ROIs possible: {@link GeoPosterior.negativeRoiShare}).
   */
  marginalRoi?: boolean;
}

function prepare(input: GeoPosteriorInput, settings: PosteriorSettings) {
  const started = performance.now();
  const { q, byGeo, config, window, best, centring, marginalBase = true, marginalRoi = false } = input;
  const data = geoTargetData(q, byGeo, config, window, best, centring, marginalBase, marginalRoi);
  const targetAccept = marginalRoi ? TARGET_ACCEPT.marginalRoi : TARGET_ACCEPT.sampledRoi;
  return { started, data, options: chainOptions(data.mode.length, settings, targetAccept) };
}

/**
 * The warm-up's two parts: the first `first` iterations adapt on the Hessian's whitening (NUTS warm-up
 * then `collect` draws at its step size, whose covariance becomes the dense metric), the rest adapt the
 * step size alone to that metric before the kept draws.
 */
function warmupParts(warmup: number): { first: number; collect: number; last: number } {
  const first = Math.round(0.4 * warmup);
  const collect = Math.round(0.3 * warmup);
  return { first, collect, last: warmup - first - collect };
}

/**
 * A part's progress as the whole run's: its warm-up iterations `warmupAt` on, its draws `drawsAt` on
 * within the warm-up (the first part's) or as the run's draws (null: the last part's).
 */
function partProgress(
  onProgress: NonNullable<ChainsOptions['onProgress']>,
  warmupAt: number,
  drawsAt: number | null,
  warmup: number,
): ChainsOptions['onProgress'] {
  return (chain, phase, done, total) => {
    if (phase === 'warmup') onProgress(chain, 'warmup', warmupAt + done, warmup);
    else if (drawsAt === null) onProgress(chain, 'sampling', done, total);
    else onProgress(chain, 'warmup', drawsAt + done, warmup);
  };
}

/**
 * The dense metric from the first part's draws (every chain's, ζ on the Hessian's whitening): their mean,
 * and the Cholesky factor of their covariance shrunk towards its diagonal by dim/(dim + N) (N draws), so
 * that a few hundred draws in ~100 dimensions give a metric rather than their noise; each chain's last
 * draw mapped to ζ′ as its start.
 */
export function denseMetric(result: ChainsResult): { metric: DenseMetric; inits: Float64Array[] } {
  const n = result.dim;
  const rows: Float64Array[] = [];
  for (const chain of result.chains) {
    const k = chain.draws.length / n;
    for (let i = 0; i < k; i++) rows.push(chain.draws.subarray(i * n, (i + 1) * n));
  }
  const N = rows.length;
  const shift = new Float64Array(n);
  for (const r of rows) for (let i = 0; i < n; i++) shift[i] = shift[i]! + r[i]! / N;
  const cov = new Float64Array(n * n);
  const dev = new Float64Array(n);
  for (const r of rows) {
    for (let i = 0; i < n; i++) dev[i] = r[i]! - shift[i]!;
    for (let i = 0; i < n; i++) {
      const di = dev[i]! / (N - 1);
      for (let j = 0; j <= i; j++) cov[i * n + j] = cov[i * n + j]! + di * dev[j]!;
    }
  }
  const gamma = n / (n + N);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) cov[i * n + j] = (1 - gamma) * cov[i * n + j]!;
    cov[i * n + i] = cov[i * n + i]! + 1e-6;
  }
  const factor = cholesky(cov, n) ?? choleskyWithRidge(cov, n);
  const metric = { shift, factor };
  const inits = result.chains.map((chain) => {
    const last = chain.draws.subarray(chain.draws.length - n);
    // ζ′ = F⁻¹(ζ − shift), forward substitution.
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let v = last[i]! - shift[i]!;
      for (let k = 0; k < i; k++) v -= factor[i * n + k]! * out[k]!;
      out[i] = v / factor[i * n + i]!;
    }
    return out;
  });
  return { metric, inits };
}

/** The two runs' options: the first part on the Hessian's whitening, the rest on the dense metric. */
function phaseOptions(options: ChainsOptions, s: PosteriorSettings) {
  const parts = warmupParts(s.warmup);
  const { onProgress, ...rest } = options;
  const total = parts.first + parts.collect + parts.last;
  const first: ChainsOptions = {
    ...rest,
    warmup: parts.first,
    draws: parts.collect,
    ...(onProgress && { onProgress: partProgress(onProgress, 0, parts.first, total) }),
  };
  const second = (inits: Float64Array[], stepSize: number): ChainsOptions => ({
    ...rest,
    seed: s.seed + 1,
    warmup: parts.last,
    // On the dense metric, the step size alone (a per-chain diagonal from ~70 draws only added noise:
    // chains' step sizes 0.09–0.15 against 0.19–0.25, and one slow chain held up the run).
    adaptMetric: false,
    inits,
    initialStepSize: stepSize,
    ...(onProgress && { onProgress: partProgress(onProgress, parts.first + parts.collect, null, total) }),
  });
  return { first, second };
}

function meanStepSize(result: ChainsResult): number {
  return result.chains.reduce((t, c) => t + c.stepSize, 0) / result.chains.length;
}

/**
 * The geo-level model's full posterior by NUTS on the whitened φ of {@link geoLogDensity}, started
 * around its mode (found from the MAP fit); chains run in worker threads when lib runs from its build,
 * else in this thread (the same draws). Every geo's and the nation's contribution come from the same draws.
 * The warm-up runs in two parts: the first on the negative Hessian's whitening at the mode, the rest and
 * the kept draws on a dense metric made of the first part's draws ({@link denseMetric}).
 *
 * @example const post = await sampleGeoPosterior({ q, byGeo, config, window, best, centring }, { chains: 4, warmup: 500, draws: 500, seed: 1 });
 */
export async function sampleGeoPosterior(
  input: GeoPosteriorInput,
  settings: PosteriorSettings,
  onProgress?: ChainsOptions['onProgress'],
): Promise<GeoPosterior> {
  const { started, data, options } = prepare(input, settings);
  const phases = phaseOptions({ ...options, ...(onProgress && { onProgress }) }, settings);
  const run = (d: GeoTargetData, o: ChainsOptions) =>
    existsSync(TARGET_MODULE)
      ? sampleChains({ module: TARGET_MODULE, factory: 'geoPosteriorTarget', data: d }, o)
      : Promise.resolve(sampleChainsSync(geoPosteriorTarget(d), o));
  const first = await run(data, phases.first);
  const { metric, inits } = denseMetric(first);
  const dense = { ...data, metric };
  const result = await run(dense, phases.second(inits, meanStepSize(first)));
  return summarize(input.q, dense, result, settings, started);
}

/** {@link sampleGeoPosterior} in this thread (for the synchronous `fitGeoMmm`). */
export function sampleGeoPosteriorSync(input: GeoPosteriorInput, settings: PosteriorSettings): GeoPosterior {
  const { started, data, options } = prepare(input, settings);
  const phases = phaseOptions(options, settings);
  const first = sampleChainsSync(geoPosteriorTarget(data), phases.first);
  const { metric, inits } = denseMetric(first);
  const dense = { ...data, metric };
  const result = sampleChainsSync(geoPosteriorTarget(dense), phases.second(inits, meanStepSize(first)));
  return summarize(input.q, dense, result, settings, started);
}

function summarize(
  q: GeoProblem,
  data: GeoTargetData,
  result: ChainsResult,
  settings: PosteriorSettings,
  started: number,
): GeoPosterior {
  const d = geoDensity(q, data.centring, data.marginalBase, data.marginalRoi);
  const l = d.layout;
  const dim = l.dim;
  const K = result.chains.length;
  const n = result.chains[0]!.draws.length / dim;
  const N = K * n;
  const { G, C } = l;
  const phi = new Float64Array(N * dim);
  const zeta = new Float64Array(dim);
  const contribution = Array.from({ length: G * C }, () => new Float64Array(N));
  const national = Array.from({ length: C }, () => new Float64Array(N));
  const nationalRoi = Array.from({ length: C }, () => new Float64Array(N));
  const tau = Array.from({ length: C }, () => new Float64Array(N));
  const centre = Array.from({ length: C }, () => new Float64Array(N));
  const spend = Array.from({ length: C }, (_, c) => q.geos.reduce((s, p) => s + p.spend[c]!, 0));
  const roiOf = geoRoiDraws(d, settings.seed);
  result.chains.forEach((chain, k) => {
    for (let i = 0; i < n; i++) {
      const s = k * n + i;
      const row = phi.subarray(s * dim, (s + 1) * dim);
      const draw = chain.draws.subarray(i * dim, (i + 1) * dim);
      phiOfZeta(l, data.mode, data.chol, data.metric ? zetaOfMetric(data.metric, draw, zeta) : draw, row);
      roiOf.next(row);
      for (let c = 0; c < C; c++) {
        let sum = 0;
        for (let g = 0; g < G; g++) {
          const v = roiOf.at(g, c) * q.geos[g]!.spend[c]!;
          contribution[g * C + c]![s] = v;
          sum += v;
        }
        national[c]![s] = sum;
        nationalRoi[c]![s] = sum / spend[c]!;
        tau[c]![s] = Math.exp(row[phiAt.logTau(l, c)]!);
        centre[c]![s] = Math.exp(row[phiAt.rho(l, c)]!);
      }
    }
  });
  function* tracked() {
    for (let j = 0; j < dim; j++) yield Float64Array.from({ length: N }, (_, s) => phi[s * dim + j]!);
    yield* nationalRoi;
  }
  return {
    byGeo: Array.from({ length: G }, (_, g) =>
      Array.from({ length: C }, (_, c) => drawInterval(contribution[g * C + c]!)),
    ),
    national: national.map(drawInterval),
    tau: tau.map(drawInterval),
    centre: centre.map(drawInterval),
    sampler: samplerDiagnostics(result, tracked(), settings, started),
    negativeRoiShare: roiOf.negativeShare(),
  };
}

/**
 * Each geo's ROIs at a draw of φ: e^λ from φ, or (ROIs integrated out) a draw from their Gaussian
 * conditional ({@link drawRoiConditional}), seeded by the run's seed.
 */
function geoRoiDraws(d: GeoDensity, seed: number) {
  const { G, B, C } = d.layout;
  const rois = new Float64Array(G * C);
  const rand = seededRandom(seed + 29);
  const xi = new Float64Array(B + C);
  const theta = new Float64Array(B + C);
  let negative = 0;
  let all = 0;
  return {
    next(row: Float64Array): void {
      // The Gaussian conditional's prior means r_c = e^ρ_c at this draw (the density fills them when evaluated).
      for (let c = 0; c < C; c++) d.r[c] = Math.exp(row[phiAt.rho(d.layout, c)]!);
      for (let g = 0; g < G; g++) {
        if (!d.roiMarginal) {
          for (let c = 0; c < C; c++) rois[g * C + c] = Math.exp(geoLogRoiAt(d, row, g, c));
          continue;
        }
        for (let k = 0; k < B + C; k++) xi[k] = normal(rand);
        const ok = drawRoiConditional(d, g, row, xi, theta);
        for (let c = 0; c < C; c++) {
          const v = ok ? theta[B + c]! : NaN;
          rois[g * C + c] = v;
          negative += v < 0 ? 1 : 0;
          all++;
        }
      }
    },
    at: (g: number, c: number) => rois[g * C + c]!,
    negativeShare: () => (d.roiMarginal ? negative / Math.max(all, 1) : null),
  };
}
