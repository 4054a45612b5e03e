import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sampleChains, sampleChainsSync, type ChainsOptions, type ChainsResult } from '../math/chains';
import { normal, seededRandom } from '../math/random';
import { formatNumber } from '../format';
import { columnSumsAt, toTheta } from './density';
import { changeMediaScale, type MediaScale } from './media-scale';
import { laplaceAtMode } from './importance';
import { posteriorTarget, thetaOfZeta, type PosteriorTargetData } from './posterior-target';
import { samplerDiagnostics, type PosteriorSettings, type SamplerDiagnostics } from './sampler-diagnostics';
import type { Problem } from './problem';
import type { MmmData } from './spec';

export type { PosteriorSettings, SamplerDiagnostics } from './sampler-diagnostics';

/** The posterior draws of what the insights report, per channel [chains·draws], in draw order. */
export interface PosteriorSample {
  /** θ draws, row-major [chains·draws × dim]. */
  theta: Float64Array;
  dim: number;
  /** Per channel: ROI and contribution (outcome units) over the window, per draw. */
  roi: Float64Array[];
  contribution: Float64Array[];
  sampler: SamplerDiagnostics;
}

/** The sampler's worker module: this folder's compiled posterior-target.js (absent when running from sources). */
const TARGET_MODULE = join(__dirname, 'posterior-target.js');

/**
 * The sampler's media coordinates: softplus(v_c) = β_c S_c(u), the channel's contribution (see
 * `MediaScale`; the same posterior). On θ's own log β the chains follow curved ridges between β and the
 * Hill curve's parameters, and a curvature that grows with the contribution: 28–68 leapfrog steps per
 * draw and 1–11 divergences per run over 3 seeds of the clean and realistic cases, against 15–24 and
 * none here (with {@link TARGET_ACCEPT}).
 */
const SCALE: MediaScale = 'contribution';

/**
 * The mean acceptance step-size adaptation aims at: above NUTS's usual 0.8, since a channel the data
 * cannot separate from the base or another channel (confounded or correlated spend) leaves narrow
 * regions that a longer step overshoots: over 2 seeds of each, 18, 82, 1 and 67 divergences at 0.8,
 * 11, 4, 0 and 0 at 0.9, for about 20% more steps per draw.
 */
const TARGET_ACCEPT = 0.9;

/**
 * The warm-up's buffers: the chains start around the mode with the Hessian's metric (ζ ≈ N(0, I)), so
 * they need a short first buffer (50, Stan's 75 is there to reach the typical set from far), slow
 * windows from 100 for the diagonal metric, and 50 for the step size. At 104 weeks × 10 channels, 4 ×
 * 1000 draws: 76k gradients with 200 iterations, against 100k with Stan's buffers and 500, at the same
 * 15 leapfrog steps per kept draw. The default is 400 (DEFAULT_POSTERIOR), not 200: on the confounded
 * case (seeds 1, 2) 200 left 29 and 35 divergences and a min bulk ESS of 598 and 314, 400 3 and 10
 * (1054, 608), 500 9 and 8; the easy posteriors do not need it.
 */
const WARMUP_BUFFERS = { initBuffer: 50, baseWindow: 100, termBuffer: 50 } as const;

/**
 * The whitened target's data: the mode on the sampler's scale (L-BFGS from the MAP) and the Cholesky
 * factor of the negative Hessian there.
 */
export function targetData(
  p: Problem,
  data: MmmData,
  best: { u: Float64Array; beta: Float64Array },
): PosteriorTargetData {
  const map = toTheta(p, best.u, best.beta, p.sigma);
  const start = changeMediaScale(p, map, 'coefficient', SCALE, columnSumsAt(p, map), new Float64Array(map.length));
  const { mode, chol } = laplaceAtMode(p, start, SCALE);
  return {
    data,
    config: p.config,
    window: p.window,
    sigma: p.sigma,
    poolRoi: p.poolRoi,
    anchorRoi: p.anchorRoi,
    silent: p.silent.slice(),
    knotStep: p.knotStep,
    spendShareSd: p.spendShareSd,
    scale: SCALE,
    mode,
    chol,
  };
}

function chainOptions(dim: number, s: PosteriorSettings, onProgress?: ChainsOptions['onProgress']): ChainsOptions {
  // Chains start apart, around the mode (ζ = 0), about one posterior sd away in each direction.
  const rand = seededRandom(s.seed + 17);
  const inits = Array.from({ length: s.chains }, () => Float64Array.from({ length: dim }, () => 0.7 * normal(rand)));
  return {
    chains: s.chains,
    warmup: s.warmup,
    draws: s.draws,
    seed: s.seed,
    inits,
    targetAccept: TARGET_ACCEPT,
    warmupBuffers: WARMUP_BUFFERS,
    ...(onProgress ? { onProgress } : {}),
  };
}

/**
 * The full posterior of a MAP-fitted problem by NUTS (≥ 4 chains), on the contribution scale whitened
 * by the mode's Hessian; chains run in worker threads when lib runs from its build, else in this
 * thread (the same draws). Derived per draw: each channel's ROI and contribution, so every figure
 * comes from the same draws.
 */
export async function samplePosterior(
  p: Problem,
  data: MmmData,
  best: { u: Float64Array; beta: Float64Array },
  settings: PosteriorSettings,
  onProgress?: ChainsOptions['onProgress'],
): Promise<PosteriorSample> {
  const started = performance.now();
  const d = targetData(p, data, best);
  const options = chainOptions(d.mode.length, settings, onProgress);
  const result = existsSync(TARGET_MODULE)
    ? await sampleChains({ module: TARGET_MODULE, factory: 'posteriorTarget', data: d }, options)
    : sampleChainsSync(posteriorTarget(d), options);
  return summarize(p, d, result, settings, started);
}

/** {@link samplePosterior} in this thread (for the synchronous `fitMmm`). */
export function samplePosteriorSync(
  p: Problem,
  data: MmmData,
  best: { u: Float64Array; beta: Float64Array },
  settings: PosteriorSettings,
  onProgress?: ChainsOptions['onProgress'],
): PosteriorSample {
  const started = performance.now();
  const d = targetData(p, data, best);
  return summarize(
    p,
    d,
    sampleChainsSync(posteriorTarget(d), chainOptions(d.mode.length, settings, onProgress)),
    settings,
    started,
  );
}

function summarize(
  p: Problem,
  d: PosteriorTargetData,
  result: ChainsResult,
  settings: PosteriorSettings,
  started: number,
): PosteriorSample {
  const dim = d.mode.length;
  const K = result.chains.length;
  const n = result.chains[0]!.draws.length / dim;
  const N = K * n;
  const C = p.channels.length;
  const theta = new Float64Array(N * dim);
  const roi = Array.from({ length: C }, () => new Float64Array(N));
  const contribution = Array.from({ length: C }, () => new Float64Array(N));
  const scratch = new Float64Array(dim);
  result.chains.forEach((chain, k) => {
    for (let i = 0; i < n; i++) {
      const row = theta.subarray((k * n + i) * dim, (k * n + i + 1) * dim);
      thetaOfZeta(d.mode, d.chol, chain.draws.subarray(i * dim, (i + 1) * dim), scratch);
      // A channel's contribution over the window: yMean · β_c · S_c(u), with S_c its column's sum.
      const sums = columnSumsAt(p, scratch);
      changeMediaScale(p, scratch, d.scale, 'coefficient', sums, row);
      for (let c = 0; c < C; c++) {
        const contrib = p.yMean * Math.exp(row[p.nU + p.nBase + c]!) * sums[c]!;
        contribution[c]![k * n + i] = contrib;
        roi[c]![k * n + i] = contrib / p.spend[c]!;
      }
    }
  });
  // R̂ and ESS over every coordinate and every channel's ROI.
  const tracked = [
    ...Array.from({ length: dim }, (_, j) => Float64Array.from({ length: N }, (_, s) => theta[s * dim + j]!)),
    ...roi,
  ];
  return { theta, dim, roi, contribution, sampler: samplerDiagnostics(result, tracked, settings, started) };
}

/** The sampler's problems in words, for the status: R̂, ESS, divergences, E-BFMI (Stan's thresholds). */
export function samplerReasons(s: SamplerDiagnostics): string[] {
  const reasons: string[] = [];
  if (s.rhatMax > 1.01) {
    reasons.push(
      `the sampler's chains disagree (R̂ ${formatNumber(s.rhatMax, 3)} > 1.01): the posterior is not reliable; train with more warm-up`,
    );
  }
  if (s.essBulkMin < 100 * s.chains) {
    reasons.push(
      `the sampler's effective sample size is low (${Math.round(s.essBulkMin)} < ${100 * s.chains}): intervals are rough`,
    );
  }
  if (s.divergences > 0) {
    reasons.push(
      `${s.divergences} divergent transition(s) in the sampler: the posterior has a region it cannot explore, so estimates may be biased`,
    );
  }
  if (s.ebfmiMin < 0.3) {
    reasons.push(
      `low E-BFMI (${formatNumber(s.ebfmiMin, 2)} < 0.3): the sampler explores the posterior's tails poorly`,
    );
  }
  return reasons;
}
