import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { gaussianTarget } from './gaussian-target';
import { phasePoint } from './phase-point';
import { normal, seededRandom } from './random';
import { dualAveraging, finalStepSize, findStepSize, updateDualAveraging } from './step-size';

describe('step-size', () => {
  it.each([0.6, 0.8, 0.95])(
    'updateDualAveraging(…, target %d) settles within 10% of the step whose acceptance e^(−ε) meets the target',
    (target) => {
      const rand = seededRandom(1);
      const state = dualAveraging(1);
      let epsilon = 1;
      // A noisy acceptance that falls with the step size, as a leapfrog's does.
      for (let i = 0; i < 2000; i++) {
        epsilon = updateDualAveraging(state, Math.exp(-epsilon) + 0.02 * (rand() - 0.5), target);
      }
      expect(Math.abs(finalStepSize(state) / -Math.log(target) - 1)).toBeLessThan(0.1);
    },
  );

  it('dualAveraging(ε₀) shrinks towards log 10ε₀ at first, so the first steps probe larger steps', () => {
    const state = dualAveraging(0.1);
    expect(state.mu).toBeCloseTo(Math.log(1), 12);
    expect(updateDualAveraging(state, 1, 0.8)).toBeGreaterThan(0.1);
  });

  it.each([1e-4, 1, 100])(
    'findStepSize(N(0, 1), start %d) lands within a factor 2 of the step with acceptance 0.8',
    (start) => {
      const target = gaussianTarget({ mean: [0, 0, 0], sd: [1, 1, 1] });
      const z = phasePoint(3);
      z.q.set([0.3, -0.2, 0.1]);
      z.logDensity = target.logDensityGradient(z.q, z.grad);
      const rand = seededRandom(2);
      const before = Float64Array.from(z.q);
      const epsilon = findStepSize(target, z, start, new Float64Array(3).fill(1), () => normal(rand));
      expect(epsilon).toBeGreaterThan(0.1);
      expect(epsilon).toBeLessThan(4);
      expect(Array.from(z.q)).toEqual(Array.from(before));
    },
  );

  it('findStepSize(a density that is −∞ everywhere but the start) throws InputError', () => {
    const spike = {
      dim: 1,
      logDensityGradient: (x: Float64Array, g: Float64Array) => ((g[0] = 0), x[0] === 0 ? 0 : -Infinity),
    };
    const z = phasePoint(1);
    const rand = seededRandom(3);
    expect(() => findStepSize(spike, z, 1, Float64Array.of(1), () => normal(rand))).toThrow(InputError);
  });
});
