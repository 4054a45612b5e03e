import { describe, expect, it } from 'vitest';
import { CASES } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { posteriorCurves } from './posterior';
import { fitMmm, fitMmmAsync } from './fit';
import { samplerReasons } from './sample-posterior';
import { transformFromJSON } from '../transforms/from-json';

// Two of the clean case's channels over 104 weeks, a short run: enough to check the plumbing and the
// estimates' location, not the sampler itself (lib/src/math/nuts*.test.ts does that).
const spec = { ...CASES['clean']!, seed: 4, channels: CASES['clean']!.channels.slice(0, 2) };
const { data, truth } = generateSynthetic(spec);
const posterior = { chains: 4, warmup: 150, draws: 100 };

describe('fitMmm(data, { posterior })', () => {
  const map = fitMmm(data, { lookback: 8 });
  const fit = fitMmm(data, { lookback: 8, posterior });

  it('reports posterior means and 90% intervals that hold the truth, near the MAP', () => {
    for (const c of fit.channels) {
      const t = truth.roi[c.name]!;
      expect(c.roi.lower, c.name).toBeLessThan(c.roi.mean);
      expect(c.roi.upper, c.name).toBeGreaterThan(c.roi.mean);
      expect(c.roi.lower, c.name).toBeLessThanOrEqual(t);
      expect(c.roi.upper, c.name).toBeGreaterThanOrEqual(t);
      // The posterior mean itself is 25% above the truth for tv here (2.74 ± 0.01 against 2.2, from
      // 4 × 2000 draws on either media scale): this short run's mean may land either side of 25%.
      expect(Math.abs(c.roi.mean / t - 1), c.name).toBeLessThan(0.3);
      const m = map.channels.find((x) => x.name === c.name)!;
      expect(Math.abs(c.roi.mean / m.roi.mean - 1), c.name).toBeLessThan(0.25);
      // Contribution and ROI come from the same draws.
      expect(c.contribution.mean / c.spend).toBeCloseTo(c.roi.mean, 8);
    }
  });

  it('records the sampler, keeps draws for the curve bands, and the status reads its diagnostics', () => {
    const s = fit.diagnostics.sampler!;
    expect(s).toMatchObject({ method: 'nuts', chains: 4, warmup: 150, draws: 100 });
    expect(s.rhatMax).toBeLessThan(1.1);
    expect(s.essBulkMin).toBeGreaterThan(50);
    expect(fit.config.posterior).toEqual(posterior);
    for (const c of fit.channels) expect(c.posterior!.samples!.length).toBe(200);
    const curves = posteriorCurves(fit, 0, 50, 1);
    expect(curves.every((k) => k.coefficient > 0)).toBe(true);
    expect(map.diagnostics.sampler).toBeUndefined();
  });

  it('fitMmmAsync gives the same draws as fitMmm', async () => {
    const again = await fitMmmAsync(data, { lookback: 8, posterior });
    expect(again.channels.map((c) => c.roi)).toEqual(fit.channels.map((c) => c.roi));
  });
});

describe('fitMmm(data, { posterior, liftTests })', () => {
  // A small channel (ROI 0.4 at 8,000 a week) that the data barely measure and the priors pull up to
  // 1.6-2.2, switched off for 8 weeks in a test that measured the true curve's lift within 15%.
  it.each([2, 5])('narrows the tested channel’s posterior ROI around the truth (seed %i)', (seed) => {
    const spec = {
      ...CASES['clean']!,
      seed,
      noise: 0.06,
      channels: CASES['clean']!.channels.map((c, i) => (i === 3 ? { ...c, roi: 0.4, meanSpend: 8000 } : c)),
    };
    const { data, truth } = generateSynthetic(spec);
    const curve = truth.curves['display']!;
    const s = transformFromJSON(curve.saturation);
    const at = (x: number) => s.apply(Float64Array.of(x / curve.inputMean))[0]!;
    const lift = 8 * curve.coefficient * (at(0) - at(8000));
    const test = { channel: 'display', spend: 0, baseline: 8000, weeks: 8, lift, sd: 0.15 * Math.abs(lift) };
    const run = { chains: 4, warmup: 150, draws: 250 };
    const roi = (f: ReturnType<typeof fitMmm>) => f.channels.find((c) => c.name === 'display')!.roi;
    const without = roi(fitMmm(data, { lookback: 8, posterior: run }));
    const withTest = roi(fitMmm(data, { lookback: 8, posterior: run, liftTests: [test] }));
    // Measured: 2.15 [0.72, 3.57] -> 0.45 [0.34, 0.56] (seed 2), 1.61 [0.16, 3.52] -> 0.43 [0.32, 0.54].
    const t = truth.roi['display']!;
    expect(Math.abs(without.mean / t - 1)).toBeGreaterThan(1);
    expect(withTest.lower).toBeLessThanOrEqual(t);
    expect(withTest.upper).toBeGreaterThanOrEqual(t);
    expect(withTest.upper - withTest.lower).toBeLessThan(0.2 * (without.upper - without.lower));
    expect(Math.abs(withTest.mean / t - 1)).toBeLessThan(0.25);
  });
});

describe('samplerReasons(diagnostics)', () => {
  const ok = {
    method: 'nuts' as const,
    chains: 4,
    warmup: 500,
    draws: 500,
    rhatMax: 1.003,
    essBulkMin: 900,
    divergences: 0,
    ebfmiMin: 0.9,
    stepsPerDraw: 15,
    seconds: 2,
  };
  it('is empty for a healthy run and names each problem in words', () => {
    expect(samplerReasons(ok)).toEqual([]);
    expect(samplerReasons({ ...ok, rhatMax: 1.08 }).join()).toMatch(/chains disagree \(R̂ 1\.080 > 1\.01\)/);
    expect(samplerReasons({ ...ok, essBulkMin: 120 }).join()).toMatch(/effective sample size is low \(120 < 400\)/);
    expect(samplerReasons({ ...ok, divergences: 3 }).join()).toMatch(/3 divergent transition/);
    expect(samplerReasons({ ...ok, ebfmiMin: 0.2 }).join()).toMatch(/E-BFMI \(0\.20 < 0\.3\)/);
  });
});
