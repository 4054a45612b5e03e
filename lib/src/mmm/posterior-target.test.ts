import { describe, expect, it } from 'vitest';
import { CASES, lateStartCase } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { logPosterior } from './density';
import { fitMap } from './fit';
import { posteriorTarget, targetProblem, thetaOfZeta } from './posterior-target';
import { targetData } from './sample-posterior';
import type { MmmConfig } from './spec';

describe('targetProblem(d): the problem a sampler worker rebuilds', () => {
  it.each([
    [
      'knots baseline, learned spend share (late start)',
      lateStartCase(2),
      { lookback: 8, baseline: 'knots', spendShare: 'learned' },
    ],
    ['auto baseline, spend share (clean)', { ...CASES['clean']!, seed: 3 }, { lookback: 8, spendShare: true }],
  ] as [string, Parameters<typeof generateSynthetic>[0], MmmConfig][])(
    'has the fitted problem’s density, with the hyperparameters the fit chose from the data (%s)',
    (_, spec, config) => {
      const { data } = generateSynthetic(spec);
      const { p, best } = fitMap(data, config);
      const d = targetData(p, data, best);
      const q = targetProblem(d);
      expect(q.knotStep).toBe(p.knotStep);
      expect(q.spendShareSd).toBe(p.spendShareSd);
      const target = posteriorTarget(d);
      const theta = new Float64Array(d.mode.length);
      for (const shift of [0, 0.3, -0.5]) {
        const zeta = Float64Array.from({ length: d.mode.length }, (_, k) => shift * Math.sin(k + 1));
        thetaOfZeta(d.mode, d.chol, zeta, theta);
        const grad = new Float64Array(d.mode.length);
        expect(target.logDensityGradient(zeta, grad)).toBeCloseTo(logPosterior(p, theta, undefined, d.scale), 9);
      }
    },
  );
});
