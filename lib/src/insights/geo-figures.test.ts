import { describe, expect, it } from 'vitest';
import { fitGeoMmm } from '../mmm/geo-fit';
import { GEO_PANEL_SPEC, generateGeoPanel } from '../synth/geo-panel';
import { geoContributionsFigure, geoRoiFigure } from './geo-figures';
import { geoAnswers } from './geo-insights';
import { geoEfficiencyTable, geoFitTable, geoSpreadTable } from './geo-tables';
import { outcomeUnits } from './outcome-units';

// A real geo-level fit on a small generated panel (3 geos x 104 weeks x 4 channels).
const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 3, weeks: 104, seed: 7 });
const fit = fitGeoMmm(
  { geos: panel.geos.map((g) => g.name), byGeo: panel.geos.map((g) => g.data) },
  { lookback: 8, adstock: 'geometric', window: panel.window },
);
const a = geoAnswers(fit);
const channels = Object.keys(fit.channels);
const revenue = outcomeUnits('revenue');
const orders = outcomeUnits('orders');

describe('geo figures', () => {
  it('geoAnswers(fit) keeps the fit geo order and each geo channel ROI, and the spread per channel', () => {
    expect(Object.keys(a.geos)).toEqual(['geo01', 'geo02', 'geo03']);
    expect(a.geos['geo02']!.channels['tv']!.roi).toEqual(fit.byGeo[1]!.channels['tv']!.roi);
    expect(a.geoSpread['search']!.pooling).toBe(fit.channels['search']!.pooling);
  });

  it('geoRoiFigure(answers, revenue) is a heatmap z[geo][channel] of each geo ROI, intervals in customdata', () => {
    const f = geoRoiFigure(a, revenue);
    const t = f.data[0]!;
    expect(t['type']).toBe('heatmap');
    expect(t['y']).toEqual(['geo01', 'geo02', 'geo03']);
    expect(t['x']).toEqual(channels);
    const z = t['z'] as number[][];
    const custom = t['customdata'] as number[][][];
    fit.byGeo.forEach((g, i) =>
      channels.forEach((c, j) => {
        expect(z[i]![j]).toBe(g.channels[c]!.roi.mean);
        expect(custom[i]![j]).toEqual([g.channels[c]!.roi.lower, g.channels[c]!.roi.upper]);
      }),
    );
    expect(t['reversescale']).toBe(false);
    expect((f.layout['title'] as { text: string }).text).toBe('ROI per geo and channel');
  });

  it('geoRoiFigure(answers, orders) shows the cost per acquisition 1 / ROI, its interval flipped, lower is warmer', () => {
    const t = geoRoiFigure(a, orders).data[0]!;
    const r = fit.byGeo[2]!.channels['search']!.roi;
    const j = channels.indexOf('search');
    expect((t['z'] as number[][])[2]![j]).toBeCloseTo(1 / r.mean, 12);
    expect((t['customdata'] as number[][][])[2]![j]).toEqual([1 / r.upper, 1 / r.lower]);
    expect(t['reversescale']).toBe(true);
    expect(t['colorbar']).toEqual({ title: { text: 'cost per order' } });
  });

  it('geoContributionsFigure stacks one trace per channel over the geos: each bar is the geo media contribution', () => {
    const f = geoContributionsFigure(a, revenue);
    expect(f.layout['barmode']).toBe('stack');
    expect(f.data.map((t) => t['name'])).toEqual(channels);
    fit.byGeo.forEach((g, i) => {
      const total = f.data.reduce((s, t) => s + (t['y'] as number[])[i]!, 0);
      const truth = Object.values(g.channels).reduce((s, c) => s + c.contribution.mean, 0);
      expect(total).toBeCloseTo(truth, 6);
    });
  });
});

describe('geo tables', () => {
  it('geoEfficiencyTable: a row per geo, each channel ROI with its 90% interval', () => {
    const t = geoEfficiencyTable(a, revenue);
    expect(t.headers).toEqual(['geo', ...channels]);
    const r = fit.byGeo[0]!.channels['tv']!.roi;
    expect(t.rows[0]![1]).toBe(`${r.mean.toFixed(2)} (${r.lower.toFixed(2)}–${r.upper.toFixed(2)})`);
  });

  it('geoSpreadTable: the national ROI is Σ contribution / Σ spend of the geos (the fit national ROI), with the ends', () => {
    const t = geoSpreadTable(a, revenue);
    expect(t.rows.map((r) => r[0])).toEqual(channels);
    channels.forEach((c, k) => {
      const row = t.rows[k]!;
      expect(row[1]).toBe(fit.channels[c]!.roi.mean.toFixed(2));
      const rois = fit.byGeo.map((g) => g.channels[c]!.roi.mean);
      const lowest = fit.byGeo[rois.indexOf(Math.min(...rois))]!.name;
      expect(row[2]).toBe(`${Math.min(...rois).toFixed(2)} (${lowest})`);
      expect(row[4]).toBe(fit.channels[c]!.tau.toFixed(2));
      expect(row[6]).toBe(`${Math.round(100 * fit.channels[c]!.pooling)}%`);
    });
    // For a count the lowest cost is the highest ROI.
    const cpa = geoSpreadTable(a, orders);
    const rois = fit.byGeo.map((g) => g.channels['tv']!.roi.mean);
    const best = fit.byGeo[rois.indexOf(Math.max(...rois))]!.name;
    expect(cpa.headers[1]).toBe('national cost per order');
    expect(cpa.rows[0]![2]).toMatch(new RegExp(`\\(${best}\\)$`));
  });

  it('geoFitTable: per geo R², MAPE, spend and media contribution', () => {
    const t = geoFitTable(a, revenue);
    expect([geoEfficiencyTable(a).name, geoSpreadTable(a).name, t.name]).toEqual(['geo-roi', 'geo-spread', 'geo-fit']);
    expect(t.headers).toEqual(['geo', 'R²', 'MAPE', 'spend', 'media contribution']);
    expect(t.rows.map((r) => r[0])).toEqual(['geo01', 'geo02', 'geo03']);
    expect(t.rows[1]![1]).toBe(fit.byGeo[1]!.r2.toFixed(3));
    expect(t.rows[1]![2]).toBe(`${(100 * fit.byGeo[1]!.mape).toFixed(1)}%`);
  });
});
