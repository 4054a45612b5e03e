import { describe, expect, it } from 'vitest';
import { CASES, lateStartCase, ownedCase } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import type { SynthSpec } from '../synth/generate';
import { normal, seededRandom } from '../math/random';
import { profiledGaussNewton } from './map-jacobian';
import { evaluate } from './objective';
import { buildProblem, priorMeanU, type Problem } from './problem';
import { resolveConfig, type MmmConfig } from './spec';
import { resolveWindow } from './window';

function problem(config: MmmConfig, spec: SynthSpec): Problem {
  const { data } = generateSynthetic(spec);
  const cfg = resolveConfig(config, data);
  const p = buildProblem(data, cfg, resolveWindow(data.dates, cfg.window));
  p.sigma = 0.05;
  p.poolRoi = 1.5;
  return p;
}

/** JᵀJ and Jᵀr with J the central differences of `evaluate`'s residuals in u. */
function byDifferences(p: Problem, u: Float64Array): { jtj: Float64Array; jtr: Float64Array } {
  const r = evaluate(p, u).residuals.slice();
  const m = r.length;
  const n = p.nU;
  const j = new Float64Array(m * n);
  for (let k = 0; k < n; k++) {
    const h = 1e-5;
    const up = u.slice();
    up[k] = up[k]! + h;
    const down = u.slice();
    down[k] = down[k]! - h;
    const a = evaluate(p, up).residuals;
    const b = evaluate(p, down).residuals;
    for (let i = 0; i < m; i++) j[i * n + k] = (a[i]! - b[i]!) / (2 * h);
  }
  const jtj = new Float64Array(n * n);
  const jtr = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    for (let a = 0; a < n; a++) {
      jtr[a] = jtr[a]! + j[i * n + a]! * r[i]!;
      for (let b = 0; b < n; b++) jtj[a * n + b] = jtj[a * n + b]! + j[i * n + a]! * j[i * n + b]!;
    }
  }
  return { jtj, jtr };
}

const maxAbs = (v: Float64Array) => v.reduce((s, x) => Math.max(s, Math.abs(x)), 0);

const clean = { ...CASES['clean']!, seed: 3 };
const realistic = { ...CASES['realistic']!, seed: 2 };

describe('profiledGaussNewton(p, e)', () => {
  it.each([
    ['geometric + hill, spend share', { lookback: 8 }, clean],
    ['delayed + hill', { lookback: 8, adstock: 'delayed' }, clean],
    ['weibull-pdf + logistic', { lookback: 6, adstock: 'weibull-pdf', saturation: 'logistic' }, clean],
    ['knots base, learned spend share', { lookback: 8, baseline: 'knots', spendShare: 'learned' }, realistic],
    [
      'an ROI prior and a share prior',
      {
        lookback: 8,
        roiPriors: [{ channel: 'search', roi: 2, sd: 0.3, source: 'experiment' }],
        sharePriors: [{ channel: 'tv', share: 0.1, sd: 0.03 }],
      },
      clean,
    ],
    [
      'two lift tests',
      {
        lookback: 8,
        liftTests: [
          { channel: 'display', spend: 16_000, baseline: 8000, weeks: 6, lift: 15_000, sd: 3000 },
          { channel: 'tv', spend: 0, baseline: 30_000, weeks: 4, lift: -60_000, sd: 10_000 },
        ],
      },
      clean,
    ],
    ['no spend share', { lookback: 8, spendShare: false }, realistic],
    ['an owned channel, late start', { lookback: 8 }, ownedCase(61)],
    ['late start, S-curve baseline', { lookback: 8, baseline: 'knots' }, lateStartCase(51)],
  ] as [string, MmmConfig, SynthSpec][])(
    'JᵀJ and Jᵀr match those of central differences of the residuals (%s)',
    (_, config, spec) => {
      const p = problem(config, spec);
      for (const seed of [1, 2]) {
        const rand = seededRandom(seed);
        const u = priorMeanU(p).map((v) => v + 0.3 * normal(rand));
        const { jtj, jtr } = profiledGaussNewton(p, evaluate(p, u));
        const fd = byDifferences(p, u);
        expect(maxAbs(jtj.map((v, i) => v - fd.jtj[i]!))).toBeLessThan(1e-6 * maxAbs(fd.jtj));
        expect(maxAbs(jtr.map((v, i) => v - fd.jtr[i]!))).toBeLessThan(1e-6 * maxAbs(fd.jtr));
      }
    },
  );

  it('leaves a coefficient held at 0 out: its channel adds only its curve priors, and the rest still matches', () => {
    const p = problem({ lookback: 8, spendShare: false }, { ...CASES['realistic']!, seed: 3 });
    // The first of a few points where the bound holds a media coefficient at 0.
    const at = [1, 2, 3, 4, 5, 6, 7, 8]
      .map((seed) => {
        const rand = seededRandom(seed);
        const u = priorMeanU(p).map((v) => v + 0.5 * normal(rand));
        const e = evaluate(p, u);
        return { u, e, held: p.channels.findIndex((_, c) => e.beta[p.nBase + c] === 0) };
      })
      .find((x) => x.held >= 0)!;
    expect(at).toBeDefined();
    const { jtj, jtr } = profiledGaussNewton(p, at.e);
    const g = p.uOffset[at.held]!;
    const sd = p.layouts[at.held]!.priors[0]!.sd;
    expect(jtj[g * p.nU + g]).toBeCloseTo(1 / (sd * sd), 12);
    const fd = byDifferences(p, at.u);
    expect(maxAbs(jtj.map((v, i) => v - fd.jtj[i]!))).toBeLessThan(1e-6 * maxAbs(fd.jtj));
    expect(maxAbs(jtr.map((v, i) => v - fd.jtr[i]!))).toBeLessThan(1e-6 * maxAbs(fd.jtr));
  });
});
