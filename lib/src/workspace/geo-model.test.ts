import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/run';
import { GEO_PANEL_SPEC, generateGeoPanel } from '../synth/geo-panel';
import { geoPanelFiles } from '../synth/geo-panel-files';

const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 3, weeks: 104, seed: 7 });
const channels = GEO_PANEL_SPEC.channels.map((c) => c.name);

/** A workspace with the panel imported and harmonized, and a model.json writer. */
async function geoWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'mm-geo-level-'));
  const ws = join(dir, 'ws');
  for (const [name, text] of Object.entries(geoPanelFiles(panel))) writeFileSync(join(dir, name), text);
  for (const [name, kind] of Object.entries({ summary: 'summary', conversions: 'conversions', holidays: 'factors' })) {
    await runCaptured(['--workspace', ws, 'data', 'import', join(dir, `${name}.csv`), '--as', kind]);
  }
  expect((await runCaptured(['--workspace', ws, 'harmonize'])).code).toBe(0);
  const create = async (extra: Record<string, unknown>) => {
    const config = {
      name: 'geo level',
      conversion: 'revenue',
      touchpoints: channels.map((channel) => ({ channel, metric: 'spend', source: 'summary' })),
      lookbackWeeks: 8,
      adstock: 'geometric',
      trainingWindow: panel.window,
      factors: { internal: ['holiday'] },
      ...extra,
    };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(config));
    return runCaptured(['--workspace', ws, '--json', 'model', 'create', '--config', join(dir, 'model.json')]);
  };
  const insights = async (id: string, json = true) =>
    runCaptured(['--workspace', ws, ...(json ? ['--json'] : []), 'insights', id]);
  return { create, insights, dir, ws };
}

describe('a geo-level model in a workspace', () => {
  it('`model create` on geo data fits the geo-level model by default: insights per geo, national = Σ geos', async () => {
    const w = await geoWorkspace();
    const created = await w.create({});
    expect(created.code).toBe(0);
    const model = JSON.parse(created.out);
    const ins = JSON.parse((await w.insights(model.id)).out);
    expect(Object.keys(ins.geos)).toEqual(['geo01', 'geo02', 'geo03']);
    expect(ins.fittedOn).toBeUndefined();
    for (const c of channels) {
      const contribution = Object.values(ins.geos).reduce(
        (s: number, g) =>
          s + (g as { channels: Record<string, { contribution: { mean: number } }> }).channels[c]!.contribution.mean,
        0,
      );
      const spend = Object.values(ins.geos).reduce(
        (s: number, g) => s + (g as { channels: Record<string, { spend: number }> }).channels[c]!.spend,
        0,
      );
      expect(ins.channels[c].roi.mean).toBeCloseTo(contribution / spend, 9);
      expect(ins.channels[c].roi.lower).toBeLessThanOrEqual(ins.channels[c].roi.mean);
      const g = ins.geos.geo02.channels[c];
      expect(g.roi.lower).toBeLessThanOrEqual(g.roi.mean);
      expect(g.roi.upper).toBeGreaterThanOrEqual(g.roi.mean);
      // Honest recovery on 3 geos x 104 weeks: each national ROI within 60% of the truth.
      expect(Math.abs(ins.channels[c].roi.mean / panel.roi[c]! - 1)).toBeLessThan(0.6);
      expect(ins.geoSpread[c].pooling).toBeGreaterThanOrEqual(0);
      expect(ins.geoSpread[c].pooling).toBeLessThanOrEqual(1);
    }
    const text = (await w.insights(model.id, false)).out;
    expect(text).toMatch(/^geo-level model on 3 geos/m);
    expect(text).toMatch(/^geo02 +tv /m);
  }, 120_000);

  it('`geos` fits a subset, and a geo the data lack is refused by name', async () => {
    const w = await geoWorkspace();
    const created = await w.create({ geos: ['geo01', 'geo03'] });
    expect(created.code).toBe(0);
    const ins = JSON.parse((await w.insights(JSON.parse(created.out).id)).out);
    expect(Object.keys(ins.geos)).toEqual(['geo01', 'geo03']);
    const bad = await w.create({ geos: ['geo01', 'geo09'] });
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/geo09/);
  }, 120_000);

  it("spendShare's national-only settings are refused for a geo-level model, naming the field and the way out", async () => {
    const w = await geoWorkspace();
    const bad = await w.create({ spendShare: { sd: 0.5, separated: 1 } });
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/`spendShare.separated`.*national models; this model is geo-level.*"geoLevel": false/);
  }, 120_000);

  it('an owned channel (a volume, no spend) is refused for a geo-level model, naming it and the way out; `geoLevel: false` takes it', async () => {
    const w = await geoWorkspace();
    // Email sends per geo, a volume with no spend, imported as a second summary dataset.
    const rows = panel.geos.flatMap((g) =>
      g.data.dates.map((d, t) => `${d},${g.name},email,${1000 + ((7 * t) % 13) * 50}`),
    );
    writeFileSync(join(w.dir, 'email.csv'), ['date,geo,channel,sends', ...rows].join('\n') + '\n');
    expect(
      (await runCaptured(['--workspace', w.ws, 'data', 'import', join(w.dir, 'email.csv'), '--as', 'summary'])).code,
    ).toBe(0);
    expect((await runCaptured(['--workspace', w.ws, 'harmonize'])).code).toBe(0);
    const touchpoints = [
      ...channels.map((channel) => ({ channel, metric: 'spend', source: 'summary' })),
      { channel: 'email', metric: 'sends', source: 'summary' },
    ];
    const refused = await w.create({ touchpoints });
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain(`touchpoints[${channels.length}]`);
    expect(refused.err).toContain(
      'is an owned channel (email: a volume, no spend), which geo-level models do not take yet',
    );
    expect(refused.err).toContain('"geoLevel": false');
    expect(JSON.parse((await runCaptured(['--workspace', w.ws, '--json', 'model', 'list'])).out).models).toEqual([]);
    const national = await w.create({ touchpoints, geoLevel: false });
    expect(national.code, national.err).toBe(0);
  }, 120_000);
});
