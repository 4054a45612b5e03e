import { ConfigError, InputError } from '../errors';
import { inverseSpd } from '../math/linalg';
import { levenbergMarquardtMin } from '../math/lm';
import { normal, seededRandom } from '../math/random';
import { formatNumber } from '../format';
import { fitMetrics } from './diagnostics';
import type { GeoChannelFit, GeoFit, GeoNationalChannel } from './geo-fitted';
import { spreadIntervals, type SpreadIntervals } from './geo-spread-intervals';
import { GEO_TAU_PRIOR } from './geo-density';
import { sampleGeoPosterior, sampleGeoPosteriorSync, type GeoPosterior, type GeoPosteriorInput } from './geo-posterior';
import {
  betaAt,
  centreAt,
  evaluateGeo,
  geoLogEvidence,
  geoProblem,
  roiPerBetaGeo,
  type GeoEvaluation,
  type GeoProblem,
} from './geo-problem';
import { atBounds, channelTransforms } from './params';
import { buildProblem, priorMeanU, priorRows, type Problem } from './problem';
import { samplerReasons, type PosteriorSettings } from './sample-posterior';
import { normalEquations } from './solve-linear';
import { AUTO_ADSTOCKS, resolveConfig, type MmmConfig, type MmmData, type ResolvedConfig } from './spec';
import { validateData } from './validate';
import { resolveWindow, type WindowIndex } from './window';

/** The geos of a panel and each geo's model data over the same dates and channels. */
export interface GeoPanelInput {
  geos: string[];
  byGeo: MmmData[];
}

/** Options of the geo-level fit beyond the model config. */
export interface GeoFitOptions {
  /**
   * The spread τ of each channel's geo ROIs around its centre, relative (0.3: ±30% at one sd):
   * `learned` (default) picks per channel the value of {@link GEO_SPREADS} where the evidence times
   * τ's prior ({@link GEO_TAU_PRIOR}, the full posterior's) is highest, the posterior mode of τ on the
   * grid; `evidence` the value with the most evidence alone (empirical Bayes, from 2 geos it rests on two
   * draws and can blow up); a number fixes it for every channel.
   */
  spread?: 'learned' | 'evidence' | number;
  /**
   * How the MAP preview's intervals treat a learned spread ({@link SpreadIntervals}): `plug-in` (default)
   * takes the grid's mode, `mixture` integrates τ over {@link GEO_SPREADS} by evidence × prior (its mean
   * the point estimate), `inflate` widens the plug-in's. Measured on 8 geos × 156 weeks × 4 channels,
   * 10 seeds: mixture 11.4% / 46.0% median / worst national ROI error, 85% covered, against the plug-in's
   * 13.0% / 46.5%, 80%, at 3× the time (1.8 s against 0.6 s a fit). A fixed spread is plugged in; the full
   * posterior samples τ.
   */
  spreadIntervals?: SpreadIntervals;
  /**
   * The full posterior's prior on each geo's ROI around its channel's centre r_c: `normal` (default),
   * N(r_c, (τ_c r_c)²) like the MAP preview's pooling rows, under which each geo's base and ROIs are
   * integrated out of the sampled vector and drawn after it from their Gaussian conditional (a smaller φ:
   * G + curves + 2C coordinates instead of G·(C + 1) + curves + 2C; about 1% of the geo ROI draws fall
   * below 0, a status reason above 5%); or `log-normal`, sampled with the rest. Measured (bench/README.md,
   * issue 21, 4 × (300 + 250)): at 8 geos × 156 weeks × 8 channels, seeds 1–5, normal 18.3–22.1 s against
   * 15.1–18.1 s, 15 leapfrog steps a draw against 24–30, bulk ESS ≥ 747 against ≥ 618, no divergences
   * against 7; at 50 geos, 116 s against 129–146 s, ESS 899 against 771. Each gradient costs about twice
   * as much, but the τ–ROI funnel the log-normal's chains cross is gone.
   */
  posteriorGeoRoi?: 'log-normal' | 'normal';
}

/** The relative spreads τ the evidence chooses from: from near-complete pooling to barely pooled. */
export const GEO_SPREADS = [0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.7, 1, 1.5] as const;

/** The fixed spread of the first pass, and of `spread` when not learned and not given. */
export const GEO_SPREAD_START = 0.3;

/** The MAP of a panel: the family kept, the window and the choice among families. */
interface GeoMap {
  kept: FamilyFit;
  geos: string[];
  byGeo: MmmData[];
  window: WindowIndex;
  spread: 'learned' | 'evidence' | number;
  choice: { kind: string; bic: number }[] | undefined;
  spreadIntervals: SpreadIntervals | undefined;
  started: number;
}

interface FamilyFit {
  cfg: ResolvedConfig;
  q: GeoProblem;
  best: GeoEvaluation;
  iterations: number;
  converged: boolean;
  startCosts: number[];
}

/**
 * Fits a geo-level MMM by MAP: outcome_{g,t} = base_{g,t} + Σ_c β_{g,c} z_{g,c,t}(u_c). Each geo has
 * its own scale, base (intercept, trend, season, factors, with today's weak priors) and spend scale (the
 * saturation's half-point is relative to the geo's own mean input); the curve parameters u_c are shared
 * by every geo; each geo's ROI of a channel is drawn around a national centre r_c with sd τ_c·ref_c
 * (partial pooling as Gaussian prior rows, τ at its posterior mode on a grid or fixed). One Levenberg–Marquardt
 * over u on the stacked residuals of all geos, θ = [bases, r, β] profiled out under β, r ≥ 0. National
 * ROI and contribution are the sums over geos; 90% intervals from a Laplace approximation of the
 * stacked problem. The config's ROI priors are on the national centre; share priors are refused.
 * With the config's `posterior`, the answers come from the full posterior instead (NUTS in this
 * thread, see {@link sampleGeoPosterior}; {@link fitGeoMmmAsync} runs its chains in worker threads):
 * every geo's and the nation's contribution from the same draws, τ sampled.
 *
 * @param panel the geos and their data (`geoPanelFromHarmonized` gives them), at least 2 geos
 * @throws InputError on fewer than 2 geos or a geo whose data do not fit the first's dates and channels
 * @throws ConfigError as `fitMmm`
 * @example const fit = fitGeoMmm(geoPanelFromHarmonized(h, mapping), { lookback: 8 }); fit.byGeo[0].channels.tv.roi
 */
export function fitGeoMmm(panel: GeoPanelInput, config: MmmConfig, options: GeoFitOptions = {}): GeoFit {
  const m = geoMap(panel, config, options);
  const s = posteriorSettings(m.kept.cfg);
  return result(m, s && sampleGeoPosteriorSync(posteriorInput(m, options), s));
}

/**
 * {@link fitGeoMmm} with the full posterior's chains in worker threads (when lib runs from its build);
 * the same answers.
 *
 * @example const fit = await fitGeoMmmAsync(panel, { lookback: 8, posterior: true });
 */
export async function fitGeoMmmAsync(
  panel: GeoPanelInput,
  config: MmmConfig,
  options: GeoFitOptions & { onProgress?: (chain: number, phase: string, done: number, total: number) => void } = {},
): Promise<GeoFit> {
  const m = geoMap(panel, config, options);
  const s = posteriorSettings(m.kept.cfg);
  return result(m, s && (await sampleGeoPosterior(posteriorInput(m, options), s, options.onProgress)));
}

function posteriorInput({ kept, byGeo, window }: GeoMap, options: GeoFitOptions): GeoPosteriorInput {
  const { q, cfg, best } = kept;
  const marginalRoi = options.posteriorGeoRoi !== 'log-normal';
  return { q, byGeo, config: cfg, window, best, centring: shrinkage(q, best), marginalRoi };
}

function posteriorSettings(cfg: ResolvedConfig): PosteriorSettings | null {
  return cfg.posterior ? { ...cfg.posterior, seed: cfg.seed } : null;
}

function geoMap(panel: GeoPanelInput, config: MmmConfig, options: GeoFitOptions): GeoMap {
  const started = performance.now();
  const { geos, byGeo } = panel;
  if (geos.length < 2 || byGeo.length !== geos.length) {
    throw new InputError(`a geo-level model needs at least 2 geos with data; got ${geos.length}`);
  }
  byGeo.forEach((d, g) => {
    const f = byGeo[0]!;
    if (d.dates.length !== f.dates.length || d.channels.some((c, k) => c.name !== f.channels[k]?.name)) {
      throw new InputError(`geo ${geos[g]}: its dates or channels differ from geo ${geos[0]}'s`);
    }
    validateData(d);
  });
  if ((config.sharePriors?.length ?? 0) > 0) {
    throw new ConfigError('`sharePriors` are not supported by the geo-level model yet; use ROI priors');
  }
  const spread = options.spread ?? 'learned';
  if (spread !== 'learned' && spread !== 'evidence' && !(typeof spread === 'number' && spread > 0)) {
    throw new ConfigError(`\`spread\` must be 'learned', 'evidence' or a number > 0; got ${String(spread)}`);
  }
  const how = options.spreadIntervals;
  if (how !== undefined && !['plug-in', 'mixture', 'inflate'].includes(how)) {
    throw new ConfigError(`\`spreadIntervals\` must be 'mixture', 'plug-in' or 'inflate'; got ${String(how)}`);
  }
  const asked = resolveConfig(config, byGeo[0]!);
  if (asked.posterior && asked.priorSet === 'pymc-marketing') {
    throw new ConfigError(
      "the geo-level model's full posterior uses mixmodeler's priors: drop `priorSet: 'pymc-marketing'`",
    );
  }
  const window = resolveWindow(byGeo[0]!.dates, asked.window);
  const families = asked.adstockAuto ? AUTO_ADSTOCKS : [asked.adstock];
  // The geo fit keeps the config's base (a trend unless `knots`): the base is not chosen by evidence here.
  const { adstockAuto: _auto, baselineAuto: _base, ...fixedCfg } = asked;
  void _auto;
  void _base;
  let kept: FamilyFit | null = null;
  const choice: { kind: string; bic: number }[] = [];
  for (const kind of families) {
    const fit = fitFamily(byGeo, { ...fixedCfg, adstock: kind }, window, spread);
    const bic = bicOf(fit);
    choice.push({ kind, bic });
    if (!kept || bic < bicOf(kept)) kept = fit;
  }
  const choiceKept = families.length > 1 ? choice : undefined;
  return {
    kept: kept!,
    geos,
    byGeo,
    window,
    spread,
    choice: choiceKept,
    spreadIntervals: options.spreadIntervals,
    started,
  };
}

function residualSd(p: Problem, fitted: Float64Array, perRow: number): number {
  let ss = 0;
  for (let t = 0; t < p.T; t++) ss += (p.y[t]! - fitted[t]!) ** 2;
  return Math.max(Math.sqrt(ss / Math.max(1, p.T - perRow)), 0.002);
}

/** σ_g per geo, and the scales of the pooling rows: each channel's national ROI, and all channels' pooled. */
function setScales(q: GeoProblem, e: GeoEvaluation): void {
  q.geos.forEach((p, g) => (p.sigma = residualSd(p, e.fitted[g]!, q.B + q.C)));
  const a = roiPerBetaGeo(q, e.z);
  let gain = 0;
  let spend = 0;
  const roi = Array.from({ length: q.C }, (_, c) => {
    let gc = 0;
    let sc = 0;
    q.geos.forEach((p, g) => {
      gc += a[g]![c]! * e.theta[betaAt(q, g, c)]! * p.spend[c]!;
      sc += p.spend[c]!;
    });
    gain += gc;
    spend += sc;
    return gc / sc;
  });
  q.pool = Math.max(gain / spend, 1e-3);
  q.ref = roi.map((r) => Math.max(r, 0.25 * q.pool));
}

/**
 * log p(τ) of {@link GEO_TAU_PRIOR} as a density on log τ, up to a constant: the grid's points are
 * compared on the scale the prior is stated on.
 */
export function logTauPrior(tau: number): number {
  const dev = (Math.log(tau) - Math.log(GEO_TAU_PRIOR.median)) / GEO_TAU_PRIOR.sdLog;
  return -0.5 * dev * dev;
}

/**
 * Per channel, the spread τ_c of {@link GEO_SPREADS} with the highest evidence (`evidence`) or evidence
 * plus log prior (`learned`: the posterior mode of τ_c on the grid), by coordinate ascent, two sweeps.
 */
function chooseSpreads(q: GeoProblem, e: GeoEvaluation, withPrior: boolean): void {
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let c = 0; c < q.C; c++) {
      let best: { tau: number; le: number } | null = null;
      for (const tau of GEO_SPREADS) {
        q.tau[c] = tau;
        const ev = geoLogEvidence(q, e);
        const le = ev === null ? null : ev + (withPrior ? logTauPrior(tau) : 0);
        if (le !== null && (best === null || le > best.le)) best = { tau, le };
      }
      q.tau[c] = best?.tau ?? GEO_SPREAD_START;
    }
  }
}

function fitFamily(
  byGeo: MmmData[],
  cfg: ResolvedConfig,
  window: WindowIndex,
  spread: 'learned' | 'evidence' | number,
): FamilyFit {
  const problems = byGeo.map((d) => buildProblem(d, cfg, window));
  const roiPriors = cfg.roiPriors.map((pr) => ({
    c: problems[0]!.channels.indexOf(pr.channel),
    roi: pr.roi,
    sd: pr.sd,
  }));
  const q = geoProblem(problems, typeof spread === 'number' ? spread : GEO_SPREAD_START, cfg.spendShareSd, roiPriors);
  const u0 = priorMeanU(problems[0]!);
  for (const p of problems) p.sigma = 0.1;
  setScales(q, evaluateGeo(q, u0));
  const run = (u: Float64Array) =>
    levenbergMarquardtMin((v) => evaluateGeo(q, v).residuals, u, { maxIterations: 60, tolerance: 1e-7 });
  const rand = seededRandom(cfg.seed);
  const results = [];
  for (let s = 0; s < cfg.starts; s++) {
    const u = u0.slice();
    if (s > 0) {
      let k = 0;
      for (const l of problems[0]!.layouts) for (const pr of l.priors) u[k++] = pr.mean + 0.8 * pr.sd * normal(rand);
    }
    results.push(run(u));
    if (s >= 1) {
      const costs = results.map((r) => r.cost).sort((a, b) => a - b);
      if (costs[1]! - costs[0]! < 1e-6 * Math.max(1, costs[0]!)) break;
    }
  }
  results.sort((a, b) => a.cost - b.cost);
  let iterations = results.reduce((s, r) => s + r.iterations, 0);
  // Second pass: each geo's noise level and the pooling scales from the first fit, the spreads chosen
  // by the evidence there, then a refinement from the first optimum.
  const e1 = evaluateGeo(q, results[0]!.params);
  setScales(q, e1);
  if (typeof spread !== 'number') chooseSpreads(q, evaluateGeo(q, results[0]!.params), spread === 'learned');
  const refined = run(results[0]!.params);
  iterations += refined.iterations;
  return {
    cfg,
    q,
    best: evaluateGeo(q, refined.params),
    iterations,
    converged: refined.converged,
    startCosts: results.map((r) => r.cost),
  };
}

function bicOf({ q, best }: FamilyFit): number {
  let bic = 0;
  let rows = 0;
  q.geos.forEach((p, g) => {
    let rss = 0;
    for (let t = 0; t < p.T; t++) rss += (p.y[t]! - best.fitted[g]![t]!) ** 2;
    bic += p.T * Math.log(rss / p.T);
    rows += p.T;
  });
  return bic + (q.geos[0]!.nU + q.n) * Math.log(rows);
}

/** The sd of each geo's ROI of each channel from its own data alone (weak priors only), [G][C]. */
function dataOnlySds(q: GeoProblem, e: GeoEvaluation): number[][] {
  const a = roiPerBetaGeo(q, e.z);
  return q.geos.map((p, g) => {
    const { m, P } = normalEquations(p, e.z[g]!, priorRows(p, e.z[g]!, true));
    const cov = inverseSpd(m, P);
    return p.channels.map((_, c) => Math.abs(a[g]![c]!) * Math.sqrt(cov[(q.B + c) * P + q.B + c]!));
  });
}

/** The fitted model from the MAP, with the full posterior's intervals when sampled (else the Laplace ones). */
/**
 * Each geo's shrinkage weight per channel at the MAP, [G·C] geo-major: the pooling prior's precision
 * (sd τ_c·ref_c) over that prior's plus the geo's own data's. The channels' `pooling` (their mean over
 * geos) and the sampler's centring of each geo's ROI. (Centring at the spread prior's median instead of
 * the MAP's spreads: 4 geos × 104 weeks × 2 channels, seeds 1–3, 4 × 300 + 300, largest R̂ 1.012,
 * 1.011, 1.021 → one seed's 1.063; not kept.)
 */
function shrinkage(q: GeoProblem, e: GeoEvaluation): Float64Array {
  const sds = dataOnlySds(q, e);
  const out = new Float64Array(q.G * q.C);
  sds.forEach((row, g) =>
    row.forEach((sd, c) => {
      const prior = q.tau[c]! * q.ref[c]!;
      out[g * q.C + c] = 1 / prior ** 2 / (1 / prior ** 2 + 1 / sd ** 2);
    }),
  );
  return out;
}

function result(map: GeoMap, post: GeoPosterior | null): GeoFit {
  const { kept: fit, geos, byGeo, window, spread, choice: adstockChoice, started } = map;
  const { q, best, cfg } = fit;
  const first = q.geos[0]!;
  const how = typeof spread !== 'number' ? (map.spreadIntervals ?? 'plug-in') : 'plug-in';
  const prior = spread === 'learned' ? logTauPrior : undefined;
  const intervals = post ?? spreadIntervals(q, best, how, GEO_SPREADS, prior);
  const shrink = shrinkage(q, best);
  const perRoi = (iv: { mean: number; lower: number; upper: number }, spend: number) => ({
    mean: iv.mean / spend,
    lower: iv.lower / spend,
    upper: iv.upper / spend,
  });
  const geoFits = q.geos.map((p, g) => {
    const channels: Record<string, GeoChannelFit> = {};
    p.channels.forEach((name, c) => {
      const contribution = intervals.byGeo[g]![c]!;
      let sum = 0;
      for (let t = 0; t < p.T; t++) sum += best.z[g]![c]![t]!;
      const coefficient = sum > 0 ? contribution.mean / sum : best.theta[betaAt(q, g, c)]! * p.yMean;
      channels[name] = {
        roi: perRoi(contribution, p.spend[c]!),
        contribution,
        spend: p.spend[c]!,
        inputMean: p.xMean[c]!,
        coefficient,
      };
    });
    const m = fitMetrics(
      Array.from(p.y, (v) => v * p.yMean),
      Array.from(best.fitted[g]!, (v) => v * p.yMean),
    );
    return { name: geos[g]!, channels, outcomeMean: p.yMean, sigma: p.sigma * p.yMean, r2: m.r2, mape: m.mape };
  });
  const channels: Record<string, GeoNationalChannel> = {};
  const reasons: string[] = [];
  if (!fit.converged) reasons.push(`the optimizer did not converge in ${fit.iterations} iterations`);
  if (post) reasons.push(...samplerReasons(post.sampler));
  if (post && post.negativeRoiShare !== null && post.negativeRoiShare > 0.05) {
    const share = formatNumber(100 * post.negativeRoiShare);
    reasons.push(`${share}% of the geos' ROI draws are below 0 (their Gaussian prior is not truncated at 0)`);
  }
  first.channels.forEach((name, c) => {
    const spend = q.geos.reduce((s, p) => s + p.spend[c]!, 0);
    const contribution = intervals.national[c]!;
    const rois = geoFits.map((g) => g.channels[name]!.roi.mean);
    const mean = rois.reduce((s, v) => s + v, 0) / rois.length;
    const sd = Math.sqrt(rois.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, rois.length - 1));
    let pooling = 0;
    for (let g = 0; g < q.G; g++) pooling += shrink[g * q.C + c]! / q.G;
    const off = first.uOffset[c]!;
    const u = best.u.subarray(off, off + first.layouts[c]!.priors.length);
    const tr = channelTransforms(first.layouts[c]!, u);
    channels[name] = {
      roi: perRoi(contribution, spend),
      contribution,
      spend,
      centre: post ? post.centre[c]!.mean : best.theta[centreAt(q, c)]!,
      tau: post ? post.tau[c]!.mean : q.tau[c]!,
      ...(post ? { tauInterval: post.tau[c]!, centreInterval: post.centre[c]! } : {}),
      pooling,
      geoRoiSpread: mean > 0 ? sd / mean : 0,
      adstock: tr.adstock,
      saturation: tr.saturation,
    };
    for (const b of atBounds(first.layouts[c]!, u)) reasons.push(`${name}: ${b}`);
  });
  for (const g of geoFits) {
    if (g.r2 < 0.5) reasons.push(`geo ${g.name}: poor fit, R² ${formatNumber(g.r2)}`);
  }
  const T = first.T;
  const actual = new Float64Array(T);
  const predicted = new Float64Array(T);
  q.geos.forEach((p, g) => {
    for (let t = 0; t < T; t++) {
      actual[t] = actual[t]! + p.y[t]! * p.yMean;
      predicted[t] = predicted[t]! + best.fitted[g]![t]! * p.yMean;
    }
  });
  const m = fitMetrics(actual, predicted);
  const dates = byGeo[0]!.dates;
  return {
    kind: 'geo-mmm',
    config: cfg,
    window: { from: dates[window.from]!, to: dates[window.to]! },
    geos,
    spread,
    channels,
    byGeo: geoFits,
    diagnostics: {
      r2: m.r2,
      mape: m.mape,
      converged: fit.converged,
      iterations: fit.iterations,
      startCosts: fit.startCosts,
      ...(adstockChoice ? { adstockChoice } : {}),
      ...(post ? { sampler: post.sampler } : {}),
      ...(post && post.negativeRoiShare !== null ? { negativeRoiShare: post.negativeRoiShare } : {}),
    },
    status: reasons.length ? 'training issue' : 'success',
    reasons,
    fitSeconds: (performance.now() - started) / 1000,
  };
}
