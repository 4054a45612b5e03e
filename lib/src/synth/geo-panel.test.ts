import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/run';
import { readHarmonized } from '../harmonize/harmonized-store';
import { geoPanelFromHarmonized, mmmDataFromHarmonized } from '../harmonize/mmm-data';
import { fitMmm } from '../mmm/fit';
import type { MmmData } from '../mmm/spec';
import { fitInputs } from '../workspace/model-config';
import { readModel } from '../workspace/model-store';
import { GEO_PANEL_SPEC, generateGeoPanel } from './geo-panel';
import { geoPanelFiles, geoPanelRows } from './geo-panel-files';

const spec = { ...GEO_PANEL_SPEC, geos: 3, weeks: 60 };
const channels = spec.channels.map((c) => c.name);

describe('generateGeoPanel(spec)', () => {
  it('geo sizes sum to one and national ROI is Σ contribution / Σ spend over the window', () => {
    const panel = generateGeoPanel(spec);
    expect(panel.geos.map((g) => g.name)).toEqual(['geo01', 'geo02', 'geo03']);
    expect(panel.geos.reduce((s, g) => s + g.size, 0)).toBeCloseTo(1, 12);
    for (const c of channels) {
      let spend = 0;
      for (const g of panel.geos) {
        const x = g.data.channels.find((ch) => ch.name === c)!.spend;
        for (let t = spec.history; t < x.length; t++) spend += x[t]!;
      }
      const gain = panel.geos.reduce((s, g) => s + g.contribution[c]!, 0);
      expect(panel.roi[c]).toBeCloseTo(gain / spend, 10);
    }
  });

  it('ROI per geo is drawn around the national value: equal to it with roiSpread 0, different with 0.25', () => {
    const same = generateGeoPanel({ ...spec, roiSpread: 0 });
    for (const g of same.geos) for (const c of spec.channels) expect(g.roi[c.name]).toBeCloseTo(c.roi, 12);
    const spread = generateGeoPanel(spec);
    const tv = spread.geos.map((g) => g.roi['tv']!);
    expect(Math.max(...tv) / Math.min(...tv)).toBeGreaterThan(1.05);
  });

  it('bigger geos spend more: spend per geo follows its size', () => {
    const panel = generateGeoPanel({ ...spec, geos: 6, sizeSpread: 1 });
    const total = (g: (typeof panel.geos)[number]) =>
      g.data.channels.reduce((s, c) => s + c.spend.reduce((a, b) => a + b, 0), 0);
    const bySize = [...panel.geos].sort((a, b) => a.size - b.size);
    expect(total(bySize[bySize.length - 1]!)).toBeGreaterThan(2 * total(bySize[0]!));
  });
});

describe('a generated geo panel through `data import` and `harmonize`', () => {
  it('the harmonized national sums equal the sums of the generator geo series, and each geo keeps its own', async () => {
    const panel = generateGeoPanel(spec);
    const dir = mkdtempSync(join(tmpdir(), 'mm-geo-panel-'));
    const ws = join(dir, 'ws');
    const files = geoPanelFiles(panel);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const kinds = {
      summary: 'summary',
      conversions: 'conversions',
      factors: 'factors',
      holidays: 'factors',
      population: 'population',
    };
    for (const [name, kind] of Object.entries(kinds)) {
      const r = await runCaptured(['--workspace', ws, 'data', 'import', join(dir, `${name}.csv`), '--as', kind]);
      expect(r).toMatchObject({ code: 0, err: '' });
    }
    const text = await runCaptured(['--workspace', ws, 'harmonize']);
    expect(text.out).toMatch(/^geos: geo01, geo02, geo03 \(3\)$/m);
    expect(text.out).not.toMatch(/made zero/);
    const h = await runCaptured(['--workspace', ws, '--json', 'harmonize']);
    expect(h.code).toBe(0);
    const summary = JSON.parse(h.out).summary;
    expect(summary).toMatchObject({ geos: ['geo01', 'geo02', 'geo03'], channels: [...channels].sort(), periods: 68 });
    expect(summary.population).toEqual(Object.fromEntries(panel.geos.map((g) => [g.name, g.population])));
    expect(summary.missing).toEqual({ conversions: [], factors: [], media: [] });

    const rows = geoPanelRows(panel);
    const mapping = {
      conversion: 'revenue',
      touchpoints: channels.map((channel) => ({ channel, metric: 'spend' })),
      factors: { internal: ['holiday'], external: ['price'] },
    };
    const stored = readHarmonized(ws)!;
    const national = mmmDataFromHarmonized(stored, mapping);
    const dates = panel.geos[0]!.data.dates;
    expect(national.dates).toEqual(dates);
    const sumOf = (pick: (date: string) => number) => dates.map(pick);
    const revenue = sumOf((d) => rows.conversions.filter((r) => r.date === d).reduce((s, r) => s + r.revenue, 0));
    Array.from(national.outcome).forEach((v, t) => expect(v).toBeCloseTo(revenue[t]!, 6));
    for (const [j, c] of channels.entries()) {
      const spend = sumOf((d) =>
        rows.summary.filter((r) => r.date === d && r.channel === c).reduce((s, r) => s + r.spend, 0),
      );
      Array.from(national.channels[j]!.spend).forEach((v, t) => expect(v).toBeCloseTo(spend[t]!, 6));
    }
    const price = sumOf((d) => rows.factors.filter((r) => r.date === d).reduce((s, r) => s + r.value, 0) / 3);
    Array.from(national.factors[1]!.values).forEach((v, t) => expect(v).toBeCloseTo(price[t]!, 9));
    expect(Array.from(national.factors[0]!.values)).toEqual(rows.holidays.map((r) => r.value));

    const geo = geoPanelFromHarmonized(stored, mapping);
    expect(geo.geos).toEqual(['geo01', 'geo02', 'geo03']);
    expect(Array.from(geo.population!)).toEqual(panel.geos.map((g) => g.population));
    geo.byGeo.forEach((d, k) => {
      const g = panel.geos[k]!.name;
      const own = rows.conversions.filter((r) => r.geo === g).map((r) => r.revenue);
      expect(Array.from(d.outcome)).toEqual(own);
      // The national holiday fills every geo; the price is the geo's own.
      expect(Array.from(d.factors[0]!.values)).toEqual(rows.holidays.map((r) => r.value));
      expect(Array.from(d.factors[1]!.values)).toEqual(rows.factors.filter((r) => r.geo === g).map((r) => r.value));
    });
  });
});

describe('`harmonize` on a geo panel with a gap', () => {
  it('prints the geos and the geo × channel periods made zero', async () => {
    const panel = generateGeoPanel(spec);
    const dir = mkdtempSync(join(tmpdir(), 'mm-geo-gap-'));
    const ws = join(dir, 'ws');
    const files = geoPanelFiles(panel);
    const summary = files['summary.csv']!.split('\n').filter(
      (l) => !l.includes(',geo03,tv,') && !/^2022-11-14,geo01,search,/.test(l),
    );
    writeFileSync(join(dir, 'summary.csv'), summary.join('\n'));
    writeFileSync(join(dir, 'conversions.csv'), files['conversions.csv']!);
    await runCaptured(['--workspace', ws, 'data', 'import', join(dir, 'summary.csv'), '--as', 'summary']);
    await runCaptured(['--workspace', ws, 'data', 'import', join(dir, 'conversions.csv'), '--as', 'conversions']);
    const r = await runCaptured(['--workspace', ws, 'harmonize']);
    expect(r.out).toMatch(/^geos: geo01, geo02, geo03 \(3\)$/m);
    expect(r.out).toMatch(/^geo × channel periods made zero: geo01 search 1, geo03 tv 68$/m);
  });
});

describe('a model on a geo workspace', () => {
  it('`model create` with geoLevel false trains on the national sum of the geos: the same fit as on the generator rows summed by hand', async () => {
    const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 3, weeks: 104 });
    const dir = mkdtempSync(join(tmpdir(), 'mm-geo-model-'));
    const ws = join(dir, 'ws');
    for (const [name, text] of Object.entries(geoPanelFiles(panel))) writeFileSync(join(dir, name), text);
    for (const [name, kind] of Object.entries({
      summary: 'summary',
      conversions: 'conversions',
      holidays: 'factors',
    })) {
      await runCaptured(['--workspace', ws, 'data', 'import', join(dir, `${name}.csv`), '--as', kind]);
    }
    expect((await runCaptured(['--workspace', ws, 'harmonize'])).code).toBe(0);
    const config = {
      name: 'geo sum',
      conversion: 'revenue',
      touchpoints: channels.map((channel) => ({ channel, metric: 'spend', source: 'summary' })),
      lookbackWeeks: 8,
      trainingWindow: panel.window,
      factors: { internal: ['holiday'] },
      geoLevel: false,
    };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(config));
    const created = await runCaptured([
      '--workspace',
      ws,
      '--json',
      'model',
      'create',
      '--config',
      join(dir, 'model.json'),
    ]);
    expect(created.code).toBe(0);
    const model = JSON.parse(created.out);
    expect(['success', 'training issue']).toContain(model.status);
    const insights = JSON.parse((await runCaptured(['--workspace', ws, '--json', 'insights', model.id])).out);
    expect(insights.fittedOn).toBe('the sum of 3 geos');
    expect(insights.geos).toBeUndefined();

    // The national series summed by hand from the rows the generator wrote, geo by geo in file order.
    const rows = geoPanelRows(panel);
    const dates = panel.geos[0]!.data.dates;
    const at = new Map(dates.map((d, t) => [d, t]));
    const sum = (list: { date: string; value: number }[]) => {
      const out = new Float64Array(dates.length);
      for (const r of list) out[at.get(r.date)!]! += r.value;
      return out;
    };
    const data: MmmData = {
      dates,
      outcome: sum(rows.conversions.map((r) => ({ date: r.date, value: r.revenue }))),
      channels: channels.map((name) => {
        const spend = sum(
          rows.summary.filter((r) => r.channel === name).map((r) => ({ date: r.date, value: r.spend })),
        );
        return { name, input: spend, spend };
      }),
      factors: [{ name: 'holiday', kind: 'internal', values: Float64Array.from(rows.holidays, (r) => r.value) }],
    };
    const fit = fitMmm(data, fitInputs(readModel(ws, model.id).config).config);
    for (const c of fit.channels) {
      expect(insights.channels[c.name].roi.mean).toBeCloseTo(c.roi.mean, 9);
      expect(Number.isFinite(c.roi.mean)).toBe(true);
    }
  });
});
