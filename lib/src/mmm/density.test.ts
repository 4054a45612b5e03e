import { describe, expect, it } from 'vitest';
import { CASES } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { normal, seededRandom } from '../math/random';
import { columnSumsAt, fromTheta, logPosterior, thetaSize, toTheta } from './density';
import { changeMediaScale } from './media-scale';
import { evaluate } from './objective';
import { buildProblem, priorMeanU, type Problem } from './problem';
import { resolveConfig, type MmmConfig } from './spec';
import { resolveWindow } from './window';

function problem(config: MmmConfig = { lookback: 8 }, spec = CASES['clean']!): Problem {
  const { data } = generateSynthetic({ ...spec, seed: 3 });
  const cfg = resolveConfig(config, data);
  const p = buildProblem(data, cfg, resolveWindow(data.dates, cfg.window));
  p.sigma = 0.05;
  p.poolRoi = 1.5;
  return p;
}

/** A point near the prior mean of u, with positive media coefficients. */
function somewhere(p: Problem, seed: number): Float64Array {
  const rand = seededRandom(seed);
  const e = evaluate(p, priorMeanU(p));
  const theta = toTheta(p, e.u, e.beta, 0.08);
  for (let k = 0; k < theta.length; k++) theta[k] = theta[k]! + 0.2 * normal(rand);
  return theta;
}

/** Lift tests on two channels: one tested above its usual spend, one switched off. */
const LIFT_TESTS = [
  { channel: 'display', spend: 16_000, baseline: 8000, weeks: 6, lift: 15_000, sd: 3000 },
  { channel: 'tv', spend: 0, baseline: 30_000, weeks: 4, lift: -60_000, sd: 10_000 },
];

describe('logPosterior(p, theta, grad)', () => {
  it.each([
    ['geometric + hill', { lookback: 8 }],
    [
      'weibull-pdf + logistic, spend share',
      { lookback: 8, adstock: 'weibull-pdf', saturation: 'logistic', spendShare: true },
    ],
    [
      'delayed + hill with an ROI prior',
      { lookback: 6, adstock: 'delayed', roiPriors: [{ channel: 'search', roi: 2, sd: 0.4, source: 'experiment' }] },
    ],
    ['geometric + hill with two lift tests', { lookback: 8, liftTests: LIFT_TESTS }],
    [
      'geometric + hill, the log ROIs pooled with a sampled spread',
      { lookback: 8, spendShare: { sd: 0.5, sampledSpread: true } },
    ],
    [
      'weibull-cdf + logistic with a lift test',
      { lookback: 8, adstock: 'weibull-cdf', saturation: 'logistic', liftTests: LIFT_TESTS.slice(1) },
    ],
  ] as [string, MmmConfig][])('the gradient matches central differences of the density (%s)', (_, config) => {
    const p = problem(config);
    for (const seed of [1, 2]) {
      const theta = somewhere(p, seed);
      const grad = new Float64Array(thetaSize(p));
      const lp = logPosterior(p, theta, grad);
      expect(Number.isFinite(lp)).toBe(true);
      for (let k = 0; k < theta.length; k++) {
        const h = 1e-5;
        const up = theta.slice();
        const down = theta.slice();
        up[k] = up[k]! + h;
        down[k] = down[k]! - h;
        const fd = (logPosterior(p, up) - logPosterior(p, down)) / (2 * h);
        // Exact derivatives throughout: within the differences' own error (forward differences of
        // the weights or of the rows in S would be off by ~1e-5).
        expect(Math.abs(grad[k]! - fd), `θ[${k}]`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it.each([
    ['geometric + hill, spend share', { lookback: 8, spendShare: true }],
    ['geometric + hill, spend share and lift tests', { lookback: 8, spendShare: true, liftTests: LIFT_TESTS }],
    [
      'delayed + hill with an ROI prior',
      { lookback: 6, adstock: 'delayed', roiPriors: [{ channel: 'tv', roi: 2, sd: 0.4, source: 'experiment' }] },
    ],
  ] as [string, MmmConfig][])(
    'on the contribution scale: the same posterior (lp plus the log-Jacobian), inverse maps, an exact gradient (%s)',
    (_, config) => {
      const p = problem(config);
      const scale = 'contribution';
      const move = (t: Float64Array, from: 'coefficient' | 'contribution', to: typeof from) =>
        changeMediaScale(p, t, from, to, columnSumsAt(p, t), new Float64Array(t.length));
      for (const seed of [1, 2, 3]) {
        const theta = somewhere(p, seed);
        const mu = move(theta, 'coefficient', scale);
        const back = move(mu, scale, 'coefficient');
        // The density of the same posterior: lp on the new scale = lp(θ) + log |det ∂θ/∂v|, the map
        // triangular (η_c depends on u and its own v_c), so the determinant is Π_c ∂η_c/∂v_c.
        let logDet = 0;
        for (let c = 0; c < p.channels.length; c++) {
          const k = p.nU + p.nBase + c;
          const at = (s: number) => {
            const v = mu.slice();
            v[k] = v[k]! + s;
            return move(v, scale, 'coefficient')[k]!;
          };
          logDet += Math.log((at(1e-6) - at(-1e-6)) / 2e-6);
        }
        expect(logPosterior(p, mu, undefined, scale)).toBeCloseTo(logPosterior(p, theta) + logDet, 6);
        theta.forEach((v, k) => expect(back[k]!).toBeCloseTo(v, 12));
        const grad = new Float64Array(thetaSize(p));
        logPosterior(p, mu, grad, scale);
        for (let k = 0; k < mu.length; k++) {
          const h = 1e-5;
          const up = mu.slice();
          const down = mu.slice();
          up[k] = up[k]! + h;
          down[k] = down[k]! - h;
          const fd = (logPosterior(p, up, undefined, scale) - logPosterior(p, down, undefined, scale)) / (2 * h);
          expect(Math.abs(grad[k]! - fd), `μ-scale θ[${k}]`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
    },
  );

  it.each([
    ['spend share', { lookback: 8, spendShare: true }],
    ['spend share and lift tests', { lookback: 8, spendShare: true, liftTests: LIFT_TESTS }],
  ] as [string, MmmConfig][])(
    'is the MAP objective plus the Jacobians and the σ prior: −½ Σ r² of evaluate at the same point (%s)',
    (_, config) => {
      const p = problem(config);
      const theta = somewhere(p, 5);
      const { u, beta, sigma } = fromTheta(p, theta);
      p.sigma = sigma;
      const cost = evaluate(p, u, beta).residuals.reduce((s, r) => s + r * r, 0);
      const C = p.channels.length;
      let extra = -p.T * Math.log(sigma) - 0.5 * sigma * sigma + Math.log(sigma);
      for (let c = 0; c < C; c++) extra += theta[p.nU + p.nBase + c]!;
      expect(logPosterior(p, theta)).toBeCloseTo(-0.5 * cost + extra, 8);
    },
  );

  it("with `sampledSpread` adds the log ROIs' Student-t, −(2 + n/2)·log(2s² + ½Σ(ℓ − μ)²) − Σℓ, in place of the spend-share rows", () => {
    const off = problem({ lookback: 8, spendShare: false });
    const logScale = problem({ lookback: 8, spendShare: { sd: 0.5, sampledSpread: true } });
    logScale.anchorRoi = 1.2;
    for (const seed of [1, 2]) {
      const theta = somewhere(off, seed);
      const { beta } = fromTheta(off, theta);
      const sums = columnSumsAt(off, theta);
      const l = off.channels.map((_, c) => Math.log((off.yMean * beta[off.nBase + c]! * sums[c]!) / off.spend[c]!));
      const ss = l.reduce((a, v) => a + (v - Math.log(1.2)) ** 2, 0);
      const n = l.length;
      const term = -(2 + n / 2) * Math.log(2 * 0.25 + 0.5 * ss) - l.reduce((a, v) => a + v, 0);
      expect(logPosterior(logScale, theta) - logPosterior(off, theta)).toBeCloseTo(term, 8);
    }
  });

  it('follows a hyperparameter that moves after a first call (the prior rows are rebuilt, not kept)', () => {
    const config: MmmConfig = { lookback: 8, spendShare: true };
    const p = problem(config);
    const theta = somewhere(p, 6);
    const before = logPosterior(p, theta, new Float64Array(thetaSize(p)));
    p.poolRoi = 3;
    p.anchorRoi = 2;
    p.silent = p.channels.map((_, c) => c === 1);
    const grad = new Float64Array(thetaSize(p));
    const after = logPosterior(p, theta, grad);
    const fresh = problem(config);
    Object.assign(fresh, { poolRoi: 3, anchorRoi: 2, silent: p.silent.slice() });
    const freshGrad = new Float64Array(thetaSize(p));
    expect(after).not.toBeCloseTo(before, 3);
    expect(after).toBeCloseTo(logPosterior(fresh, theta, freshGrad), 12);
    grad.forEach((g, k) => expect(g).toBeCloseTo(freshGrad[k]!, 10));
  });

  it('toTheta(p, u, beta, sigma) and fromTheta invert each other, a coefficient at 0 starting above it', () => {
    const p = problem();
    const e = evaluate(p, priorMeanU(p));
    const beta = e.beta.slice();
    beta[p.nBase] = 0;
    const back = fromTheta(p, toTheta(p, e.u, beta, 0.07));
    expect(back.sigma).toBeCloseTo(0.07, 12);
    expect(Array.from(back.u)).toEqual(Array.from(e.u));
    expect(back.beta[p.nBase]!).toBeGreaterThan(0);
    for (let j = p.nBase + 1; j < beta.length; j++) {
      if (beta[j]! > 1e-3) expect(back.beta[j]!).toBeCloseTo(beta[j]!, 10);
    }
  });
});
