import { describe, expect, it } from 'vitest';
import { CASES, correlatedCase } from '../synth/cases';
import { generateSynthetic, type SynthSpec } from '../synth/generate';
import { fitMmm } from './fit';
import type { FittedMmm } from './fitted';

const Z90 = 1.6448536269514722;

/** The 90% interval of the summed contribution of `names`, from each channel's sd and the ROI correlation. */
function summed(fit: FittedMmm, names: string[], correlated: boolean) {
  const idx = names.map((n) => fit.channels.findIndex((c) => c.name === n));
  const sd = idx.map((c) => (fit.channels[c]!.contribution.upper - fit.channels[c]!.contribution.mean) / Z90);
  let v = 0;
  idx.forEach((a, i) => idx.forEach((b, j) => (v += sd[i]! * (correlated ? fit.roiCorrelation![a]![b]! : 1) * sd[j]!)));
  const mean = idx.reduce((s, c) => s + fit.channels[c]!.contribution.mean, 0);
  return { mean, half: Z90 * Math.sqrt(v) };
}

function fits(make: (seed: number) => SynthSpec, seeds: number) {
  return Array.from({ length: seeds }, (_, i) => {
    const { data, truth } = generateSynthetic(make(i + 1));
    return { fit: fitMmm(data, { lookback: 8 }), truth };
  });
}

describe('the correlation of the channels’ ROI estimates (Laplace)', () => {
  const correlated = fits(correlatedCase, 20);
  const clean = fits((seed) => ({ ...CASES['clean']!, seed }), 20);

  it('is a correlation matrix; two channels whose spend moves together trade effect, the others barely correlate', () => {
    const pair: number[] = [];
    for (const { fit } of correlated) {
      const r = fit.roiCorrelation!;
      const names = fit.channels.map((c) => c.name);
      r.forEach((row, i) =>
        row.forEach((v, j) => {
          expect(v).toBeCloseTo(r[j]![i]!, 12);
          if (i === j) expect(v).toBe(1);
          else expect(Math.abs(v)).toBeLessThanOrEqual(1 + 1e-9);
        }),
      );
      const [a, b] = [names.indexOf('search'), names.indexOf('social')];
      pair.push(r[a]![b]!);
      expect(r[a]![b]!).toBeLessThan(-0.3);
      r.forEach((row, i) =>
        row.forEach((v, j) => {
          if (i !== j && !([i, j].includes(a) && [i, j].includes(b))) expect(Math.abs(v)).toBeLessThan(0.3);
        }),
      );
    }
    expect(pair.sort((x, y) => x - y)[pair.length >> 1]).toBeLessThan(-0.6);
  });

  it('makes the interval of the total media contribution narrower than the fully correlated sum, and it still covers the truth', () => {
    for (const runs of [correlated, clean]) {
      let covered = 0;
      let ratio = 0;
      for (const { fit, truth } of runs) {
        const names = fit.channels.map((c) => c.name);
        const withRho = summed(fit, names, true);
        const full = summed(fit, names, false);
        const total = names.reduce((s, n) => s + truth.contribution[n]!, 0);
        if (Math.abs(total - withRho.mean) <= withRho.half) covered++;
        ratio += withRho.half / full.half / runs.length;
      }
      // Nominal 90%: at least 16 of 20 seeds, at about half the width of adding the channels' bounds.
      expect(covered).toBeGreaterThanOrEqual(16);
      expect(ratio).toBeLessThan(0.7);
    }
  });

  it('is absent without intervals', () => {
    const { data } = generateSynthetic(CASES['clean']!);
    expect(fitMmm(data, { lookback: 8, intervals: false }).roiCorrelation).toBeUndefined();
  });
});
