import { describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../errors';
import { GEO_PANEL_SPEC, generateGeoPanel, type GeoPanelSpec } from '../synth/geo-panel';
import { fitMmm } from './fit';
import { fitGeoMmm } from './geo-fit';
import type { MmmData } from './spec';

/** The national sum of a panel's geos, as harmonize/mmm-data.ts builds it. */
function nationalSum(byGeo: MmmData[]): MmmData {
  const d0 = byGeo[0]!;
  const sum = (pick: (d: MmmData) => Float64Array) => {
    const o = new Float64Array(d0.dates.length);
    for (const d of byGeo) pick(d).forEach((v, i) => (o[i] = o[i]! + v));
    return o;
  };
  return {
    dates: d0.dates,
    outcome: sum((d) => d.outcome),
    channels: d0.channels.map((c, j) => ({
      name: c.name,
      input: sum((d) => d.channels[j]!.input),
      spend: sum((d) => d.channels[j]!.spend),
    })),
    factors: d0.factors.map((f, j) => ({
      name: f.name,
      kind: f.kind,
      values: sum((d) => d.factors[j]!.values).map((v) => v / byGeo.length),
    })),
  };
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

/** National ROI errors of both fits and per-geo ROI errors of the geo-level fit over seeds of a spec. */
function compare(spec: GeoPanelSpec, seeds: number[]) {
  const national: number[] = [];
  const geo: number[] = [];
  const perGeo: number[] = [];
  for (const seed of seeds) {
    const panel = generateGeoPanel({ ...spec, seed });
    const byGeo = panel.geos.map((g) => g.data);
    const config = { lookback: 8, adstock: 'geometric' as const, window: panel.window };
    for (const c of fitMmm(nationalSum(byGeo), config).channels)
      national.push(Math.abs(c.roi.mean / panel.roi[c.name]! - 1));
    const fit = fitGeoMmm({ geos: panel.geos.map((g) => g.name), byGeo }, config);
    for (const [name, c] of Object.entries(fit.channels)) geo.push(Math.abs(c.roi.mean / panel.roi[name]! - 1));
    fit.byGeo.forEach((g, k) => {
      for (const [name, c] of Object.entries(g.channels))
        perGeo.push(Math.abs(c.roi.mean / panel.geos[k]!.roi[name]! - 1));
    });
  }
  return { national: median(national), geo: median(geo), perGeo: median(perGeo) };
}

describe('fitGeoMmm(panel, config)', () => {
  // Measured (geometric adstock, learned spread): 8 geos × 156 weeks × 4 channels, 10% noise, seeds
  // 1–4: median national ROI error 21.7 -> 10.8% (national sum -> geo level); per-geo median 17.9%.
  it('recovers national ROI better than the national-sum fit on 8 geos × 156 weeks × 4 channels', () => {
    const r = compare(GEO_PANEL_SPEC, [1, 2, 3, 4]);
    expect(r.geo).toBeLessThan(0.75 * r.national);
    expect(r.geo).toBeLessThan(0.2);
    expect(r.perGeo).toBeLessThan(0.25);
  }, 120_000);

  // Measured: 12 geos × 104 weeks × 4 channels, 10% noise, seeds 1–3: median national ROI error
  // 44.6 -> 11.3% (national sum -> geo level); per-geo median 18.0%.
  it('recovers national and per-geo ROI on 12 geos × 104 weeks × 4 channels', () => {
    const r = compare({ ...GEO_PANEL_SPEC, geos: 12, weeks: 104 }, [1, 2, 3]);
    expect(r.geo).toBeLessThan(0.75 * r.national);
    expect(r.geo).toBeLessThan(0.2);
    expect(r.perGeo).toBeLessThan(0.25);
  }, 180_000);

  it('national ROI and contribution are the sums over geos', () => {
    const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 3, weeks: 104, seed: 5 });
    const fit = fitGeoMmm(
      { geos: panel.geos.map((g) => g.name), byGeo: panel.geos.map((g) => g.data) },
      { lookback: 8, adstock: 'geometric', window: panel.window, starts: 1 },
      { spread: 0.3 },
    );
    expect(fit.kind).toBe('geo-mmm');
    expect(fit.byGeo.map((g) => g.name)).toEqual(['geo01', 'geo02', 'geo03']);
    for (const [name, c] of Object.entries(fit.channels)) {
      const contribution = fit.byGeo.reduce((s, g) => s + g.channels[name]!.contribution.mean, 0);
      const spend = fit.byGeo.reduce((s, g) => s + g.channels[name]!.spend, 0);
      expect(c.contribution.mean).toBeCloseTo(contribution, 6);
      expect(c.spend).toBeCloseTo(spend, 6);
      expect(c.roi.mean).toBeCloseTo(contribution / spend, 9);
      expect(c.roi.lower).toBeLessThanOrEqual(c.roi.mean);
      expect(c.roi.upper).toBeGreaterThan(c.roi.lower);
      expect(c.tau).toBe(0.3);
      expect(c.pooling).toBeGreaterThan(0);
      expect(c.pooling).toBeLessThan(1);
    }
  }, 60_000);

  it('refuses one geo, and share priors, naming what is wrong', () => {
    const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 2, weeks: 60 });
    const byGeo = panel.geos.map((g) => g.data);
    expect(() => fitGeoMmm({ geos: ['geo01'], byGeo: [byGeo[0]!] }, { lookback: 8 })).toThrow(InputError);
    expect(() => fitGeoMmm({ geos: ['geo01'], byGeo: [byGeo[0]!] }, { lookback: 8 })).toThrow(/at least 2 geos/);
    expect(() =>
      fitGeoMmm(
        { geos: ['geo01', 'geo02'], byGeo },
        { lookback: 8, sharePriors: [{ channel: 'tv', share: 0.1, sd: 0.05, source: 'stakeholder' }] },
      ),
    ).toThrow(ConfigError);
    expect(() => fitGeoMmm({ geos: ['geo01', 'geo02'], byGeo }, { lookback: 8 }, { spread: -1 })).toThrow(/spread/);
  });
});

describe('fitGeoMmm(panel, config, { spread })', () => {
  // Measured: 2 geos × 156 weeks × 4 channels, seed 10: the evidence alone takes display's τ to the grid's
  // top (1.5) and its national ROI 284% over the truth; with τ's prior (learned) τ 0.3 and 110%.
  it('learns τ as the posterior mode on the grid: the prior keeps 2 geos from the evidence alone’s blow-up', () => {
    const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 2, weeks: 156, seed: 10 });
    const input = { geos: panel.geos.map((g) => g.name), byGeo: panel.geos.map((g) => g.data) };
    const config = { lookback: 8, adstock: 'geometric' as const, window: panel.window };
    const evidence = fitGeoMmm(input, config, { spread: 'evidence' });
    const learned = fitGeoMmm(input, config);
    expect(learned.spread).toBe('learned');
    expect(evidence.channels.display!.tau).toBeGreaterThan(1);
    expect(learned.channels.display!.tau).toBeLessThan(1);
    const err = (f: typeof learned) => Math.abs(f.channels.display!.roi.mean / panel.roi.display! - 1);
    expect(err(learned)).toBeLessThan(0.6 * err(evidence));
    expect(err(learned)).toBeLessThan(1.5);
    expect(() => fitGeoMmm(input, config, { spread: 'evidenc' as never })).toThrow(/'learned', 'evidence'/);
  }, 60_000);

  it('lets the evidence move τ off the prior’s median when the geos inform it (8 geos × 104 weeks)', () => {
    const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 8, weeks: 104, seed: 2 });
    const fit = fitGeoMmm(
      { geos: panel.geos.map((g) => g.name), byGeo: panel.geos.map((g) => g.data) },
      { lookback: 8, adstock: 'geometric', window: panel.window, starts: 1 },
    );
    expect(Object.values(fit.channels).some((c) => c.tau !== 0.3)).toBe(true);
  }, 60_000);
});

describe('fitGeoMmm(panel, config, { spreadIntervals })', () => {
  it('integrates the spreads into the intervals (mixture) or widens them (inflate), and refuses another value', () => {
    const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 3, weeks: 104, seed: 6 });
    const input = { geos: panel.geos.map((g) => g.name), byGeo: panel.geos.map((g) => g.data) };
    const config = { lookback: 8, adstock: 'geometric' as const, window: panel.window, starts: 1 };
    const plug = fitGeoMmm(input, config);
    const mixture = fitGeoMmm(input, config, { spreadIntervals: 'mixture' });
    const inflate = fitGeoMmm(input, config, { spreadIntervals: 'inflate' });
    for (const [name, c] of Object.entries(plug.channels)) {
      const m = mixture.channels[name]!.roi;
      const f = inflate.channels[name]!.roi;
      expect(m.lower).toBeLessThanOrEqual(m.mean);
      expect(m.upper).toBeGreaterThanOrEqual(m.mean);
      // Inflated: the plug-in's mean, never narrower.
      expect(f.mean).toBeCloseTo(c.roi.mean, 9);
      expect(f.lower).toBeLessThanOrEqual(c.roi.lower + 1e-9);
      expect(f.upper).toBeGreaterThanOrEqual(c.roi.upper - 1e-9);
      // The mixture's mean is the evidence-weighted mean of the means: near the plug-in's.
      expect(Math.abs(m.mean / c.roi.mean - 1)).toBeLessThan(0.25);
    }
    expect(() => fitGeoMmm(input, config, { spreadIntervals: 'wide' as never })).toThrow(/spreadIntervals/);
  }, 60_000);
});
