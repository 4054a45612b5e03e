import { cholesky, choleskySolve, inverseSpd, solveSpd } from '../math/linalg';
import { levenbergMarquardtMin } from '../math/lm';
import { normalEquations } from './solve-linear';
import { profiledGaussNewton } from './map-jacobian';
import { KNOTS, SPEND_SHARE_SDS, paidSpend, priorRows, rowCoef } from './problem';
import { baseNames } from './design';
import { fitMetrics, paidDecompRssd, separation } from './diagnostics';
import type { FittedChannel, FittedMmm } from './fitted';
import { laplaceIntervals, Z90 } from './laplace';
import { evaluate, type Evaluation } from './objective';
import { atBounds, channelTransforms } from './params';
import { buildProblem, priorMeanU, roiPerBeta, type Problem } from './problem';
import {
  AUTO_ADSTOCKS,
  resolveConfig,
  type AdstockKind,
  type MmmConfig,
  type MmmData,
  type ResolvedConfig,
} from './spec';
import { validateData } from './validate';
import { resolveWindow, type WindowIndex } from './window';
import { experimentAdvice, STATUS_RULES, statusReasons } from './status';
import { normal, seededRandom } from '../math/random';
import { runSteps, runStepsAsync, samplerProgress, tell, type ProgressListener, type Steps } from './progress';
import { correlation, posteriorSummary } from './posterior-summary';
import {
  samplePosterior,
  samplePosteriorSync,
  samplerReasons,
  type PosteriorSample,
  type PosteriorSettings,
} from './sample-posterior';

interface WindowFit {
  p: Problem;
  best: Evaluation;
  iterations: number;
  converged: boolean;
  startCosts: number[];
}

function residualSd(p: Problem, e: Evaluation): number {
  let ss = 0;
  for (let t = 0; t < p.T; t++) ss += (p.y[t]! - e.fitted[t]!) ** 2;
  const dof = Math.max(1, p.T - e.beta.length);
  return Math.max(Math.sqrt(ss / dof), 0.002);
}

/** Spend-weighted ROI over the paid channels (0 without one: an owned channel has no ROI). */
function pooledRoi(p: Problem, e: Evaluation): number {
  const a = roiPerBeta(p, e.z);
  const gain = p.channels.reduce((s, _, c) => s + (p.paid[c] ? a[c]! * e.beta[p.nBase + c]! * p.spend[c]! : 0), 0);
  return gain / (paidSpend(p) || 1);
}

/**
 * Each channel's ROI as the data alone estimate it (weak priors only, no ROI, share or spend-share
 * priors) at the transforms of `e`: the mean and sd of the conditional Gaussian.
 */
function dataOnlyRoi(p: Problem, e: Evaluation): { mean: number; sd: number }[] {
  const { m, v, P } = normalEquations(p, e.z, priorRows(p, e.z, true));
  const cov = inverseSpd(m, P);
  const beta = solveSpd(m, P, v);
  const a = roiPerBeta(p, e.z);
  return p.channels.map((_, c) => {
    const j = p.nBase + c;
    return { mean: a[c]! * beta[j]!, sd: Math.abs(a[c]!) * Math.sqrt(cov[j * P + j]!) };
  });
}

/**
 * The centre of the spend-share prior: the precision-weighted mean of the data-only ROIs. Channels the
 * data cannot separate, or that are sparse or small, have wide data-only intervals and barely move
 * it: the anchor is set by the channels the data do measure, as empirical Bayes pooling would.
 */
function dataAnchorRoi(p: Problem, e: Evaluation): number | null {
  let num = 0;
  let den = 0;
  for (const [c, r] of dataOnlyRoi(p, e).entries()) {
    if (!p.paid[c]) continue; // a contribution per unit of volume is no ROI to pool
    num += r.mean / (r.sd * r.sd);
    den += 1 / (r.sd * r.sd);
  }
  const anchor = num / den;
  return anchor > 0 && Number.isFinite(anchor) ? anchor : null;
}

/**
 * The channels the spend-share prior holds at its own sd around the anchor: all of them, or with
 * `spendShare.separated` only those the data cannot separate (sparse, or a media signal with R² above
 * the status's threshold on the other regressors at the curves of `e`); none without an anchor.
 */
function silentChannels(p: Problem, e: Evaluation): boolean[] {
  if (p.anchorRoi === null) return p.channels.map(() => false);
  if (p.config.spendShareSeparatedSd === undefined) return p.channels.map(() => true);
  const sep = separation(p, e.z, e.beta);
  return p.channels.map((_, c) => p.sparse[c]! || sep[c]!.r2 > STATUS_RULES.separationR2);
}

/**
 * The log marginal likelihood of the linear part at the curves of `e` under the problem's current
 * priors (β integrated out under its Gaussian prior rows, the bound β ≥ 0 set aside):
 * −½ min cost − ½ log|M| + ½ log|Λ|, M the posterior and Λ the prior precision; null when singular.
 */
function logEvidence(p: Problem, e: Evaluation): number | null {
  const rows = priorRows(p, e.z);
  const { m, v, P } = normalEquations(p, e.z, rows);
  const lm = cholesky(m, P);
  const prior = new Float64Array(P * P);
  for (const row of rows) {
    const coef = rowCoef(row);
    for (const [a, ca] of coef) for (const [b, cb] of coef) prior[a * P + b] = prior[a * P + b]! + ca * cb;
  }
  const lp = cholesky(prior, P);
  if (!lm || !lp) return null;
  const beta = choleskySolve(lm, P, v);
  const cost = evaluate(p, e.u, beta).residuals.reduce((s, r) => s + r * r, 0);
  let logDet = 0;
  for (let i = 0; i < P; i++) logDet += Math.log(lp[i * P + i]!) - Math.log(lm[i * P + i]!);
  return -0.5 * cost + logDet;
}

/**
 * The candidate the data give the most evidence for ({@link logEvidence}), each set on the problem
 * with `set` in turn; the winner is left set. Empirical Bayes: a type-II maximum likelihood.
 */
function chooseByEvidence<T>(p: Problem, e: Evaluation, candidates: readonly T[], set: (v: T) => void): T {
  let best: { value: T; logEvidence: number } | null = null;
  for (const value of candidates) {
    set(value);
    const le = logEvidence(p, e);
    if (le !== null && (best === null || le > best.logEvidence)) best = { value, logEvidence: le };
  }
  const chosen = best?.value ?? candidates[0]!;
  set(chosen);
  return chosen;
}

/** The knots' step sd the data give the most evidence for, at the curves of `e`. */
function chooseKnotStep(p: Problem, e: Evaluation): number {
  const step = chooseByEvidence(p, e, KNOTS.steps, (s) => (p.knotStep = s));
  p.baseSpec.knotStep = step;
  return step;
}

/** Counts finished steps of a fit against the total, for progress events. */
interface Tally {
  done: number;
  total: number;
}

function step(t: Tally, stage: string, message: string) {
  t.done = Math.min(t.done + 1, t.total);
  return { stage, done: t.done, total: t.total, message };
}

/**
 * Multi-start MAP over one window: σ and the spend-share scale are refined in a second pass. Yields
 * after each start and after the refinement (`starts + 1` steps; starts skipped count as done).
 */
function* fitWindow(
  data: MmmData,
  p: Problem,
  starts: number,
  seed: number,
  tally: Tally,
  label: string,
): Steps<WindowFit> {
  const rand = seededRandom(seed);
  const u0 = priorMeanU(p);
  p.sigma = 0.1;
  const first = evaluate(p, u0);
  p.sigma = residualSd(p, first);
  p.poolRoi = Math.max(pooledRoi(p, first), 1e-6);
  // The Gauss–Newton system is taken where the residuals were last evaluated (an accepted step's point): that
  // evaluation is kept for it.
  let last: Evaluation | null = null;
  const residuals = (q: Float64Array) => (last = evaluate(p, q)).residuals;
  const run = (u: Float64Array) =>
    levenbergMarquardtMin(residuals, u, {
      maxIterations: 60,
      tolerance: 1e-7,
      gaussNewton: (q) => profiledGaussNewton(p, last?.u === q ? last : evaluate(p, q)),
    });
  const results = [];
  for (let s = 0; s < starts; s++) {
    const u = u0.slice();
    if (s > 0) {
      let k = 0;
      for (const l of p.layouts) {
        for (const q of l.priors) {
          u[k] = q.mean + 0.8 * q.sd * normal(rand);
          k++;
        }
      }
    }
    results.push(run(u));
    yield step(tally, `${label}start ${s + 1}/${starts}`, `${label}optimizer start ${s + 1} of ${starts}`);
    // Two starts that land on the same optimum make more starts unlikely to find a better one.
    if (s >= 1) {
      const costs = results.map((r) => r.cost).sort((a, b) => a - b);
      if (costs[1]! - costs[0]! < 1e-6 * Math.max(1, costs[0]!)) {
        tally.done += starts - s - 1;
        break;
      }
    }
  }
  results.sort((a, b) => a.cost - b.cost);
  let best = results[0]!;
  let iterations = results.reduce((s, r) => s + r.iterations, 0);
  // Second pass: noise level and pooled ROI from the first fit; channels the data cannot separate
  // are anchored on the ROI of those they can. Then refine from the first optimum.
  const e1 = evaluate(p, best.params);
  p.sigma = residualSd(p, e1);
  p.poolRoi = Math.max(pooledRoi(p, e1), 1e-6);
  p.anchorRoi = p.config.spendShareSd === null ? null : dataAnchorRoi(p, e1);
  p.silent = silentChannels(p, e1);
  if (p.baseSpec.knots) p.knotStep = chooseKnotStep(p, e1);
  if (p.config.spendShareLearned && p.spendShareSd !== null) {
    chooseByEvidence(p, e1, SPEND_SHARE_SDS, (sd) => (p.spendShareSd = sd));
  }
  const refined = run(best.params);
  iterations += refined.iterations;
  best = refined;
  yield step(tally, `${label}refine`, `${label}refined the best start`);
  void data;
  return {
    p,
    best: evaluate(p, best.params),
    iterations,
    converged: best.converged,
    startCosts: results.map((r) => r.cost),
  };
}

/**
 * Fits an MMM by MAP: outcome = base + Σ β_c · saturation(adstock(x_c)), base = intercept + trend +
 * Fourier seasonality + factors, β_c ≥ 0; ROI, contribution and share priors and the spend-share prior
 * enter as penalty terms. Nonlinear parameters are found by Levenberg–Marquardt from several starts
 * with the linear ones profiled out; 90% intervals come from a Laplace approximation.
 *
 * @throws InputError or ConfigError naming the bad field, channel or row
 * @example const fit = fitMmm(data, { lookback: 8, roiPriors: [{ channel: 'tv', roi: 2, sd: 0.3, source: 'experiment' }] });
 */
export function fitMmm(data: MmmData, config: MmmConfig, options: { onProgress?: ProgressListener } = {}): FittedMmm {
  const draft = runSteps(fitSteps(data, config), options.onProgress);
  const settings = posteriorSettings(draft.cfg);
  const sample =
    settings &&
    samplePosteriorSync(draft.main.p, data, draft.main.best, settings, samplingProgress(settings, options.onProgress));
  return finish(draft, sample, options.onProgress);
}

/**
 * `fitMmm` that yields to the event loop between steps, so `onProgress` events reach a notebook
 * display or a terminal while the fit runs. Same result as `fitMmm`.
 */
export async function fitMmmAsync(
  data: MmmData,
  config: MmmConfig,
  options: { onProgress?: ProgressListener } = {},
): Promise<FittedMmm> {
  const draft = await runStepsAsync(fitSteps(data, config), options.onProgress);
  const settings = posteriorSettings(draft.cfg);
  const listener = options.onProgress;
  const sample =
    settings &&
    (await samplePosterior(draft.main.p, data, draft.main.best, settings, samplingProgress(settings, listener)));
  return finish(draft, sample, listener);
}

/** The sampler's settings of a config, or null for the MAP fit alone. */
function posteriorSettings(cfg: ReturnType<typeof resolveConfig>): PosteriorSettings | null {
  return cfg.posterior ? { ...cfg.posterior, seed: cfg.seed } : null;
}

/** Per-chain sampler progress as fit progress (see `samplerProgress`). */
function samplingProgress(
  s: PosteriorSettings,
  listener: ProgressListener | undefined,
): ((chain: number, phase: 'warmup' | 'sampling', done: number, total: number) => void) | undefined {
  return listener && samplerProgress(s.chains, s.warmup, s.draws, listener);
}

/**
 * The MAP over a config's training window: the scaled problem (with σ, the spend-share scale and
 * anchor the fit settled on) and its best point. What the posterior sampler starts from.
 */
export function fitMap(data: MmmData, config: MmmConfig): { p: Problem; best: Evaluation } {
  validateData(data);
  const cfg = resolveConfig(config, data);
  const window = resolveWindow(data.dates, cfg.window);
  const tally: Tally = { done: 0, total: mainSteps(cfg) };
  const { main } = runSteps(fitMain(data, cfg, window, tally));
  return { p: main.p, best: main.best };
}

/** Steps of {@link fitMain}: the starts and the refinement, per adstock family tried. */
function mainSteps(cfg: ResolvedConfig): number {
  return (cfg.starts + 1) * ((cfg.adstockAuto ? AUTO_ADSTOCKS.length : 1) + (cfg.baselineAuto ? 1 : 0));
}

/** One adstock family's BIC in a choice: T·log(RSS/T) + k·log T over the window, k all parameters. */
export interface AdstockChoice {
  kind: AdstockKind;
  bic: number;
}

/**
 * The MAP over the window; with `adstock: 'auto'`, one per family of {@link AUTO_ADSTOCKS}, keeping the
 * lowest BIC (the families differ in parameter count: a delay per channel). The config returned names
 * the family kept.
 */
function* fitMain(
  data: MmmData,
  cfg: ResolvedConfig,
  window: WindowIndex,
  tally: Tally,
): Steps<{ cfg: ResolvedConfig; main: WindowFit; choice?: AdstockChoice[]; baselineChoice?: BaselineChoice[] }> {
  const { adstockAuto, baselineAuto, ...fixed } = cfg;
  const fitOne = function* (c: ResolvedConfig, label: string) {
    return yield* fitWindow(data, buildProblem(data, c, window), c.starts, c.seed, tally, label);
  };
  let kept: { cfg: ResolvedConfig; main: WindowFit };
  let choice: AdstockChoice[] | undefined;
  if (!adstockAuto) kept = { cfg: fixed, main: yield* fitOne(fixed, '') };
  else {
    choice = [];
    let best: { cfg: ResolvedConfig; main: WindowFit; bic: number } | null = null;
    for (const kind of AUTO_ADSTOCKS) {
      const c = { ...fixed, adstock: kind };
      const main = yield* fitOne(c, `${kind} adstock: `);
      const bic = bicOf(main);
      choice.push({ kind, bic });
      if (!best || bic < best.bic) best = { cfg: c, main, bic };
    }
    kept = best!;
  }
  if (!baselineAuto) return { ...kept, ...(choice ? { choice } : {}) };
  // The base: a straight trend, or knots that bend, by the evidence of each at its own MAP (the linear
  // part's marginal likelihood with σ's normalization, so that two noise levels compare).
  const knots = { ...kept.cfg, baseline: 'knots' as const };
  const bent = yield* fitOne(knots, 'knots baseline: ');
  const baselineChoice: BaselineChoice[] = [
    { baseline: 'trend', logEvidence: fullLogEvidence(kept.main) },
    { baseline: 'knots', logEvidence: fullLogEvidence(bent) },
  ];
  if (baselineChoice[1]!.logEvidence > baselineChoice[0]!.logEvidence) kept = { cfg: knots, main: bent };
  return { ...kept, ...(choice ? { choice } : {}), baselineChoice };
}

/** One base's log evidence in a choice ({@link fullLogEvidence}); the config names the one kept. */
export interface BaselineChoice {
  baseline: 'trend' | 'knots';
  logEvidence: number;
}

/** {@link logEvidence} at a fit's MAP with the noise's normalization −T log σ. */
function fullLogEvidence({ p, best }: WindowFit): number {
  return (logEvidence(p, best) ?? -Infinity) - p.T * Math.log(p.sigma);
}

function bicOf({ p, best }: WindowFit): number {
  let rss = 0;
  for (let t = 0; t < p.T; t++) rss += (p.y[t]! - best.fitted[t]!) ** 2;
  const k = p.nU + best.beta.length;
  return p.T * Math.log(rss / p.T) + k * Math.log(p.T);
}

/** The fit as steps: the starts, the refinement, the holdout fit, the prior-free fit, the intervals. */
interface Draft {
  data: MmmData;
  cfg: ReturnType<typeof resolveConfig>;
  window: WindowIndex;
  main: WindowFit;
  adstockChoice?: AdstockChoice[];
  baselineChoice?: BaselineChoice[];
  holdout: HoldoutCheck | null;
  intervals: ReturnType<typeof laplaceIntervals> | null;
  free: WindowFit;
  withPriors: boolean;
  started: number;
  total: number;
}

function* fitSteps(data: MmmData, config: MmmConfig): Steps<Draft> {
  const started = performance.now();
  validateData(data);
  const asked = resolveConfig(config, data);
  const window = resolveWindow(data.dates, asked.window);
  const withPriors = asked.roiPriors.length + asked.sharePriors.length > 0;
  const tally: Tally = { done: 0, total: mainSteps(asked) + 2 + (withPriors ? 2 : 0) + (asked.intervals ? 1 : 0) };
  const { cfg, main, choice, baselineChoice } = yield* fitMain(data, asked, window, tally);
  const { p, best } = main;
  const holdout = yield* holdoutMape(data, cfg, window, tally);
  const intervals = cfg.intervals ? laplaceIntervals(p, best) : null;
  if (cfg.intervals) yield step(tally, 'intervals', '90% intervals (Laplace)');
  const free = withPriors
    ? yield* fitWindow(
        data,
        buildProblem(data, { ...cfg, roiPriors: [], sharePriors: [] }, window),
        1,
        cfg.seed,
        tally,
        'prior-free fit: ',
      )
    : main;
  return {
    data,
    cfg,
    window,
    main,
    ...(choice ? { adstockChoice: choice } : {}),
    ...(baselineChoice ? { baselineChoice } : {}),
    holdout,
    intervals,
    free,
    withPriors,
    started,
    total: tally.total,
  };
}

/** The fitted model from the MAP steps, with the posterior's draws when sampled. */
function finish(draft: Draft, sample: PosteriorSample | null, listener?: ProgressListener): FittedMmm {
  const { data, cfg, window, main, holdout, free, started } = draft;
  const { p, best } = main;
  const intervals = draft.intervals;
  const post = sample && posteriorSummary(p, sample);
  const yM = p.yMean;
  const fit = fitMetrics(
    Array.from(p.y, (v) => v * yM),
    Array.from(best.fitted, (v) => v * yM),
  );
  const a = roiPerBeta(p, best.z);
  // Point estimates: the posterior means when sampled, else the Laplace posterior's (its Gaussian
  // truncated at 0, so never a mode on the bound), else the MAP.
  const contribs = p.channels.map(
    (_, c) =>
      post?.[c]!.contribution.mean ??
      intervals?.channels[c]!.contribution.mean ??
      a[c]! * best.beta[p.nBase + c]! * p.spend[c]!,
  );
  const totalEffect = contribs.reduce((s, v) => s + v, 0) || 1;
  const totalSpend = paidSpend(p) || 1;
  const sep = separation(p, best.z, best.beta);
  // What the data say without the user's ROI and share priors: the saturation level can bend toward a
  // prior (the data barely fix it), so conflicts are judged against a fit that never saw the priors.
  const dataRoi = dataOnlyRoi(free.p, free.best);
  const channels: FittedChannel[] = p.channels.map((name, c) => {
    const off = p.uOffset[c]!;
    const u = Array.from(best.u.subarray(off, off + p.layouts[c]!.priors.length));
    const tr = channelTransforms(p.layouts[c]!, u);
    const roi = contribs[c]! / p.spend[c]!;
    return {
      name,
      inputMean: p.xMean[c]!,
      // An owned channel: no spend; its volume is what the per-unit figures (its `roi`) are per.
      ...(p.paid[c] ? { spend: p.spend[c]! } : { spend: 0, paid: false as const, volume: p.spend[c]! }),
      sparse: p.sparse[c]!,
      adstock: tr.adstock,
      saturation: tr.saturation,
      coefficient: pointCoefficient(contribs[c]!, best.z[c]!, best.beta[p.nBase + c]! * yM),
      ...(best.beta[p.nBase + c] === 0 ? { modeAtZero: true } : {}),
      roi: post ? post[c]!.roi : intervals ? intervals.channels[c]!.roi : { mean: roi, lower: roi, upper: roi },
      ...(intervals
        ? {
            curveShare: intervals.channels[c]!.curveShare,
            posterior: { ...intervals.channels[c]!.posterior, ...(post ? { samples: post[c]!.samples } : {}) },
          }
        : {}),
      contribution: post
        ? post[c]!.contribution
        : intervals
          ? intervals.channels[c]!.contribution
          : { mean: contribs[c]!, lower: contribs[c]!, upper: contribs[c]! },
      share: contribs[c]! / (yM * p.T),
      effectShare: contribs[c]! / totalEffect,
      spendShare: p.paid[c] ? p.spend[c]! / totalSpend : 0,
      separation: sep[c]!,
      dataRoi: dataRoi[c]!,
    };
  });
  const diagnostics = {
    ...fit,
    holdoutMape: holdout?.mape ?? null,
    holdoutPeriods: holdout?.periods ?? 0,
    ...(holdout ? { holdoutOutside: holdout.outside } : {}),
    decompRssd: paidDecompRssd(channels),
    converged: main.converged,
    iterations: main.iterations,
    startCosts: main.startCosts,
    ...(sample ? { sampler: sample.sampler } : {}),
    ...(cfg.spendShareLearned && p.spendShareSd !== null ? { spendShareSd: p.spendShareSd } : {}),
    ...(draft.adstockChoice ? { adstockChoice: draft.adstockChoice } : {}),
    ...(draft.baselineChoice ? { baselineChoice: draft.baselineChoice } : {}),
  };
  const bounds = p.channels.flatMap((name, c) => {
    const off = p.uOffset[c]!;
    return atBounds(p.layouts[c]!, best.u.subarray(off, off + p.layouts[c]!.priors.length)).map((r) => `${name}: ${r}`);
  });
  const reasons = [
    ...statusReasons(cfg, channels, diagnostics, bounds),
    ...(sample ? samplerReasons(sample.sampler) : []),
  ];
  tell(listener, {
    stage: 'done',
    done: draft.total,
    total: draft.total,
    message: `fitted ${channels.length} channels`,
  });
  return {
    kind: 'mmm',
    schema: 1,
    config: cfg,
    window: { from: data.dates[window.from]!, to: data.dates[window.to]! },
    outcomeMean: yM,
    sigma: p.sigma * yM,
    base: p.baseSpec,
    baseNames: baseNames(p.baseSpec),
    baseCoef: Array.from(best.beta.subarray(0, p.nBase), (b) => b * yM),
    channels,
    ...(sample
      ? { roiCorrelation: correlation(sample.roi) }
      : intervals
        ? { roiCorrelation: intervals.roiCorrelation }
        : {}),
    diagnostics,
    status: reasons.length ? 'training issue' : 'success',
    reasons,
    advice: experimentAdvice(channels),
    fitSeconds: (performance.now() - started) / 1000,
  };
}

/**
 * The coefficient (outcome units) that gives a channel's point contribution at the fitted curves: scores
 * and plans then add up to the contribution the insights report (a posterior or truncated mean),
 * not the MAP's. The MAP's own where the channel's columns are all 0.
 */
function pointCoefficient(contribution: number, z: Float64Array, map: number): number {
  let s = 0;
  for (const v of z) s += v;
  return s > 0 ? contribution / s : map;
}

/** What a fit on the window minus its tail says about the tail. */
interface HoldoutCheck {
  mape: number;
  periods: number;
  /** Tail periods outside the training fit's 90% predictive interval (fitted ± Z90·σ). */
  outside: number;
}

/**
 * Fits on the window minus its tail and measures, on the tail, MAPE and how many periods fall outside
 * the 90% predictive interval (a posterior-predictive check; 1 start, no intervals).
 */
function* holdoutMape(
  data: MmmData,
  cfg: ReturnType<typeof resolveConfig>,
  window: WindowIndex,
  tally: Tally,
): Steps<HoldoutCheck | null> {
  const T = window.to - window.from + 1;
  const h = cfg.holdout ?? Math.max(4, Math.round(0.1 * T));
  if (h <= 0 || T - h < 26) {
    tally.done += 2;
    return null;
  }
  const train = { from: window.from, to: window.to - h };
  // The full window's knots: the tail's knots have no data in the fit and follow the random walk on.
  const full = buildProblem(data, cfg, window);
  const fit = yield* fitWindow(
    data,
    buildProblem(data, cfg, train, full.baseSpec.knots),
    1,
    cfg.seed,
    tally,
    'holdout: ',
  );
  full.sigma = fit.p.sigma;
  full.poolRoi = fit.p.poolRoi;
  // Predict the tail with the training fit's parameters, mapping its scaled β to this problem's scale.
  const e = evaluate(full, fit.best.u, rescale(fit, full));
  let ape = 0;
  let outside = 0;
  for (let t = T - h; t < T; t++) {
    ape += Math.abs((full.y[t]! - e.fitted[t]!) / (full.y[t]! || 1));
    if (Math.abs(full.y[t]! - e.fitted[t]!) > Z90 * fit.p.sigma) outside++;
  }
  return { mape: ape / h, periods: h, outside };
}

/** β of a fit re-expressed for another problem over the same data (other window means). */
function rescale(fit: WindowFit, to: Problem): Float64Array {
  const from = fit.p;
  const beta = fit.best.beta.slice();
  const k = from.yMean / to.yMean;
  for (let j = 0; j < beta.length; j++) beta[j] = beta[j]! * k;
  // The base design depends on the window: intercept/Fourier are shared, trend and factor scales differ.
  const fb = from.baseSpec;
  const tb = to.baseSpec;
  let j = 1;
  if (fb.trendScale !== null && tb.trendScale !== null) {
    beta[j] = beta[j]! * (tb.trendScale / fb.trendScale);
    j++;
  }
  if (fb.seasonality) j += 2 * fb.seasonality.order;
  fb.factors.forEach((f, i) => {
    const g = tb.factors[i]!;
    beta[0] = beta[0]! + (beta[j]! * (g.mean - f.mean)) / f.sd;
    beta[j] = (beta[j]! * g.sd) / f.sd;
    j++;
  });
  // Media columns divide the input by its window mean; the training fit's transforms expect the
  // training window's mean, so the input is re-expressed on that scale.
  to.xMean.forEach((_, c) => {
    to.x[c] = Float64Array.from(to.x[c]!, (v) => (v * to.xMean[c]!) / from.xMean[c]!);
  });
  to.columnCache = [];
  return beta;
}
