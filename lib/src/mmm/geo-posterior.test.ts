import { describe, expect, it } from 'vitest';
import { GEO_PANEL_SPEC, generateGeoPanel } from '../synth/geo-panel';
import { fitGeoMmm, type GeoFitOptions } from './geo-fit';
import { sampleGeoPosteriorSync } from './geo-posterior';
import { geoTargetProblem } from './geo-posterior-target';
import { evaluateGeo } from './geo-problem';
import { priorMeanU } from './problem';
import { resolveConfig } from './spec';
import { resolveWindow } from './window';

/** A small panel: 4 geos × 104 weeks × 2 channels (tv, search), 10% noise. */
function panelOf(seed: number) {
  return generateGeoPanel({
    ...GEO_PANEL_SPEC,
    seed,
    geos: 4,
    weeks: 104,
    channels: GEO_PANEL_SPEC.channels.slice(0, 2),
  });
}

describe('fitGeoMmm(panel, { posterior }): the geo-level full posterior', () => {
  // Measured (4 chains × 400 + 600 in this thread, load 7–9, 11–15 s a seed; the base integrated out, the
  // dense metric): R̂ 1.007, 1.003, 1.004 (the largest over every parameter and ROI), bulk ESS ≥ 1,464,
  // 0–2 divergences. Before both, 4 × 300 + 300 took 57–91 s a seed for R̂ 1.011–1.021.
  it.each([1, 2, 3])(
    'recovers the national ROI and covers it, and the chains agree (seed %i)',
    (seed) => {
      const panel = panelOf(seed);
      const fit = fitGeoMmm(
        { geos: panel.geos.map((g) => g.name), byGeo: panel.geos.map((g) => g.data) },
        { lookback: 8, adstock: 'geometric', window: panel.window, posterior: { chains: 4, warmup: 400, draws: 600 } },
      );
      for (const [name, c] of Object.entries(fit.channels)) {
        const truth = panel.roi[name]!;
        expect(Math.abs(c.roi.mean / truth - 1)).toBeLessThan(0.45);
        expect(c.roi.lower).toBeLessThan(truth);
        expect(c.roi.upper).toBeGreaterThan(truth);
        // National = the sum over geos of the same draws: its mean is the geos' means summed.
        const sum = fit.byGeo.reduce((t, g) => t + g.channels[name]!.contribution.mean, 0);
        expect(c.contribution.mean).toBeCloseTo(sum, 6);
        expect(c.tauInterval!.upper).toBeGreaterThan(c.tauInterval!.lower);
      }
      const s = fit.diagnostics.sampler!;
      expect(s.method).toBe('nuts');
      expect(s.rhatMax).toBeLessThan(1.01);
      expect(s.essBulkMin).toBeGreaterThan(600);
    },
    60_000,
  );
});

describe('sampleGeoPosteriorSync: the base integrated out', () => {
  // 3 geos × 80 weeks × 2 channels: small enough for both samplers in a unit test.
  it('gives the posterior of the sampler that holds the base in φ (ROI, spread and centre means within 3 MCSE)', () => {
    const panel = generateGeoPanel({
      ...GEO_PANEL_SPEC,
      seed: 5,
      geos: 3,
      weeks: 80,
      channels: GEO_PANEL_SPEC.channels.slice(0, 2),
    });
    const byGeo = panel.geos.map((g) => g.data);
    const config = resolveConfig({ lookback: 6, adstock: 'geometric', window: panel.window }, byGeo[0]!);
    const window = resolveWindow(byGeo[0]!.dates, config.window);
    const q = geoTargetProblem({ byGeo, config, window, pool: 1.6, spendShareSd: config.spendShareSd, roiPriors: [] });
    q.tau = q.tau.map(() => 0.3);
    const best = evaluateGeo(q, priorMeanU(q.geos[0]!));
    const input = { q, byGeo, config, window, best, centring: new Float64Array(q.G * q.C).fill(0.5) };
    const settings = { chains: 4, warmup: 300, draws: 400, seed: 3 };
    const marginal = sampleGeoPosteriorSync(input, settings);
    const full = sampleGeoPosteriorSync({ ...input, marginalBase: false }, settings);
    const ess = Math.min(marginal.sampler.essBulkMin, full.sampler.essBulkMin);
    expect(marginal.sampler.rhatMax).toBeLessThan(1.02);
    expect(full.sampler.rhatMax).toBeLessThan(1.02);
    // The interval's width over 3.29 as the sd, the smaller bulk ESS of every quantity as each one's:
    // a conservative Monte Carlo standard error.
    const agree = (a: { mean: number; lower: number; upper: number }, b: typeof a) => {
      const sd = (a.upper - a.lower + b.upper - b.lower) / 2 / 3.29;
      expect(Math.abs(a.mean - b.mean)).toBeLessThan(3 * Math.sqrt(2) * (sd / Math.sqrt(ess)));
    };
    const quantities = (p: typeof marginal) => [...p.national, ...p.tau, ...p.centre, ...p.byGeo.flat()];
    const [a, b] = [quantities(marginal), quantities(full)];
    a.forEach((x, k) => agree(x, b[k]!));
    // Integrating the base out takes fewer leapfrog steps a draw.
    expect(marginal.sampler.stepsPerDraw).toBeLessThan(full.sampler.stepsPerDraw);
  }, 60_000);
});

/**
 * Seed 2's panel fitted with 4 × (300 + 400) under `options`; checks what both geo ROI priors must give
 * (the national ROI within 45% and covered, R̂ < 1.02) and `perGeo` on each geo's ROI of each channel.
 */
function expectGeoPosterior(options: GeoFitOptions, perGeo: (roi: { mean: number; lower: number }) => void) {
  const panel = panelOf(2);
  const fit = fitGeoMmm(
    { geos: panel.geos.map((g) => g.name), byGeo: panel.geos.map((g) => g.data) },
    { lookback: 8, adstock: 'geometric', window: panel.window, posterior: { chains: 4, warmup: 300, draws: 400 } },
    options,
  );
  for (const [name, c] of Object.entries(fit.channels)) {
    const truth = panel.roi[name]!;
    expect(Math.abs(c.roi.mean / truth - 1)).toBeLessThan(0.45);
    expect(c.roi.lower).toBeLessThan(truth);
    expect(c.roi.upper).toBeGreaterThan(truth);
    for (const g of fit.byGeo) perGeo(g.channels[name]!.roi);
  }
  expect(fit.diagnostics.sampler!.rhatMax).toBeLessThan(1.02);
  return fit;
}

describe("fitGeoMmm(panel, { posterior }, { posteriorGeoRoi: 'log-normal' }): the geo ROIs sampled", () => {
  it('recovers the national ROI and covers it; every geo ROI above 0', () => {
    // φ holds each geo's log σ and ROIs (each geo's base integrated out), the curves, ρ and log τ.
    const fit = expectGeoPosterior({ posteriorGeoRoi: 'log-normal' }, (roi) => expect(roi.lower).toBeGreaterThan(0));
    expect(fit.diagnostics.negativeRoiShare).toBeUndefined();
  }, 60_000);
});

describe('fitGeoMmm(panel, { posterior }) by default: the geo ROIs integrated out', () => {
  it('draws every geo ROI after the chains: finite, the national ROI near the truth and covered', () => {
    // 4 geos × 2 channels: φ holds each geo's log σ, the curves, ρ and log τ (no base, no ROI).
    const fit = expectGeoPosterior({}, (roi) => expect(Number.isFinite(roi.mean)).toBe(true));
    expect(fit.diagnostics.negativeRoiShare).toBeLessThan(0.05);
  }, 60_000);
});
