import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_CHANNELS as CHANNELS,
  SAMPLE_MODEL,
  cliOn,
  sampleWorkspaceWithModel,
} from '../../../tests/helpers/sample-workspace';

let ws: string;
let modelId: string;
let cli: ReturnType<typeof cliOn>['cli'];
let json: ReturnType<typeof cliOn>['json'];
beforeAll(async () => {
  ({ ws, modelId, cli, json } = await sampleWorkspaceWithModel('mm-cli-insights-'));
});

describe('mixmodeler insights', () => {
  it('`insights ID --json` holds the DESIGN §5 fields, near the sample truth', async () => {
    const ins = await json('insights', modelId);
    const truth = JSON.parse(readFileSync(join(ws, 'sample', 'truth.json'), 'utf8')).roiLast2Years;
    expect(Object.keys(ins.channels)).toEqual(CHANNELS);
    for (const name of CHANNELS) {
      const c = ins.channels[name];
      expect(c.roi.lower).toBeLessThanOrEqual(c.roi.mean);
      expect(c.roi.upper).toBeGreaterThanOrEqual(c.roi.mean);
      expect(c.contribution).toBeCloseTo(c.roi.mean * c.spend, -1);
      expect(c.share).toBeGreaterThan(0);
      // The pooled error is what the accuracy suite bounds; here: no channel off by more than 60%.
      expect(Math.abs(c.roi.mean / truth[name] - 1), name).toBeLessThan(0.6);
    }
    expect(ins.diagnostics).toEqual(
      expect.objectContaining({ r2: expect.any(Number), nrmse: expect.any(Number), mape: expect.any(Number) }),
    );
    expect(ins.diagnostics.r2).toBeGreaterThan(0.8);
    expect('holdoutMape' in ins.diagnostics).toBe(true);
    expect(ins.window.to).toBe('2025-12-22');
    expect(['success', 'training issue']).toContain(ins.status);
    expect(ins.model).toEqual({ id: modelId, name: 'Revenue MMM', version: 1 });
    // In the sample, social's spend follows search's: the advice names the pair's uncertain ROI.
    expect(ins.advice.length).toBeGreaterThan(0);
    for (const a of ins.advice) expect(CHANNELS).toContain(a.slice(0, a.indexOf(':')));
    expect(ins.advice.some((a: string) => /^(search|social): /.test(a))).toBe(true);
  });

  it('`insights ID --figures DIR` writes every figure as a plotly spec; the text table lists every channel', async () => {
    const dir = join(ws, 'figures');
    const c = await cli('insights', modelId, '--figures', dir);
    expect(c.code, c.err).toBe(0);
    for (const name of CHANNELS) expect(c.out).toMatch(new RegExp(`^${name} `, 'm'));
    expect(c.out).toContain('A lift test would settle these ROIs');
    for (const f of ['roi', 'contributions', 'share', 'response-curves', 'adstock', 'fit', 'waterfall']) {
      const fig = JSON.parse(readFileSync(join(dir, `${f}.json`), 'utf8'));
      expect(fig.data.length, f).toBeGreaterThan(0);
      expect(fig.layout.title, f).toBeTruthy();
    }
  });

  it('`insights` of an orders model reads in cost per order: CPA = 1 / ROI, no break-even line', async () => {
    const config = join(ws, 'orders.json');
    writeFileSync(config, JSON.stringify({ ...SAMPLE_MODEL, name: 'Orders MMM', conversion: 'orders' }));
    const id = (await json('model', 'create', '--config', config))['id'] as string;
    const ins = await json('insights', id);
    expect(ins.units).toMatchObject({ kind: 'count', efficiency: 'cpa', efficiencyLabel: 'cost per order' });
    for (const name of CHANNELS) {
      const c = ins.channels[name];
      expect(c.efficiency.mean).toBeCloseTo(1 / c.roi.mean, 8);
      expect(c.efficiency.mean).toBeGreaterThan(1); // orders cost more than one unit of money each
    }
    const text = (await cli('insights', id)).out;
    expect(text).toContain('cost per order (CPA): spend per incremental order');
    expect(text).toMatch(/^channel +CPA +90% interval/m);
    expect(text).toMatch(/\d orders +\d+\.\d%/); // contributions in orders, then the share of outcome
    const dir = join(ws, 'orders-figures');
    expect((await cli('insights', id, '--figures', dir)).code).toBe(0);
    const roi = JSON.parse(readFileSync(join(dir, 'roi.json'), 'utf8'));
    expect(roi.layout.shapes).toEqual([]);
    expect(roi.layout.xaxis.title.text).toBe('cost per order');
  });

  it('`insights` of an unknown or untrained model is a clear error', async () => {
    expect((await cli('insights', 'm-nope-nope')).err).toMatch(/no model m-nope-nope/);
    expect((await cli('insights')).code).toBe(2);
  });
});
