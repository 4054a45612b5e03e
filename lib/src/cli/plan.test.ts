import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installSample } from '../workspace/install-sample';
import { runCaptured } from './run';

const cli = (...argv: string[]) => runCaptured(['--workspace', ws, ...argv]);
const json = async (...argv: string[]) => {
  const c = await cli(...argv, '--json');
  expect(c.code, c.err).toBe(0);
  return JSON.parse(c.out);
};

const CHANNELS = ['tv', 'search', 'social', 'display', 'podcast', 'email'];
let ws: string;
let modelId: string;
beforeAll(async () => {
  ws = mkdtempSync(join(tmpdir(), 'mm-cli-plan-'));
  installSample(ws);
  const config = join(ws, 'model.json');
  writeFileSync(
    config,
    JSON.stringify({
      name: 'Revenue MMM',
      conversion: 'revenue',
      touchpoints: CHANNELS.map((channel) => ({ channel, metric: 'spend' })),
      factors: { internal: ['holiday'], external: ['price'] },
    }),
  );
  modelId = (await json('model', 'create', '--config', config)).id;
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

  it('`insights` of an unknown or untrained model is a clear error', async () => {
    expect((await cli('insights', 'm-nope-nope')).err).toMatch(/no model m-nope-nope/);
    expect((await cli('insights')).code).toBe(2);
  });
});

describe('mixmodeler plan', () => {
  it('`plan create --budget --bounds` respects bounds and locks, spends the budget and stores the model version', async () => {
    const bounds = join(ws, 'bounds.json');
    writeFileSync(
      bounds,
      JSON.stringify({ bounds: { tv: { maxRelative: 1.2 }, email: { min: 1000 } }, locked: ['podcast'] }),
    );
    const base = await json('plan', 'create', modelId, '--budget', '1', '--weeks', '13');
    const current = base.current.spend;
    const p = await json(
      'plan',
      'create',
      modelId,
      '--budget',
      String(current),
      '--weeks',
      '13',
      '--bounds',
      bounds,
      '--name',
      'Q1',
    );
    expect(p).toMatchObject({ name: 'Q1', modelId, modelVersion: 1, weeks: 13, objective: 'max-outcome' });
    const spent = Object.values(p.allocation as Record<string, number>).reduce((s, v) => s + v, 0);
    expect(spent).toBeCloseTo(current, -1);
    expect(p.allocation.tv).toBeLessThanOrEqual(1.2 * p.channels.tv.current + 1e-6);
    expect(p.allocation.email).toBeGreaterThanOrEqual(1000 - 1e-6);
    expect(p.allocation.podcast).toBeCloseTo(p.channels.podcast.current, 3);
    // Reallocating the same budget never does worse than the current allocation.
    expect(p.expected.mean).toBeGreaterThanOrEqual(p.current.outcome - 1e-6);
    expect(p.expected.lower).toBeLessThanOrEqual(p.expected.mean);
    const listed = (await json('plan', 'list')).plans;
    expect(listed.map((r: { id: string }) => r.id)).toEqual([base.id, p.id]);
    expect(await json('plan', 'show', p.id)).toEqual(p);
  });

  it('a plan is never changed by re-scoring or re-training; a new plan uses the new version', async () => {
    const p = await json('plan', 'create', modelId, '--budget', '500000');
    const file = join(ws, 'plans', `${p.id}.json`);
    const before = readFileSync(file, 'utf8');
    expect((await cli('model', 'score', modelId, '--from', '2025-06-02', '--to', '2025-06-30', '--replace')).code).toBe(
      0,
    );
    expect((await cli('model', 'train', modelId, '--from', '2024-06-03', '--to', '2025-12-22')).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const row = (await json('plan', 'list')).plans.find((r: { id: string }) => r.id === p.id);
    expect(row.modelVersion).toBe(1);
    expect((await json('plan', 'create', modelId, '--budget', '500000')).modelVersion).toBe(2);
  });

  it('refuses infeasible targets, bad bounds files and plans on untrained models, naming the problem', async () => {
    const far = await cli('plan', 'create', modelId, '--target', '1e15');
    expect(far.code).toBe(1);
    expect(far.err).toMatch(/the target 1000000000000000 is out of reach: the bounds allow at most/);
    const bad = join(ws, 'bad-bounds.json');
    writeFileSync(bad, JSON.stringify({ bounds: { tv: { max: -5 } } }));
    const b = await cli('plan', 'create', modelId, '--budget', '1000', '--bounds', bad);
    expect(b.err).toMatch(/bad-bounds\.json: `bounds\.tv\.max` must be a number ≥ 0; got -5/);
    writeFileSync(bad, JSON.stringify({ bounds: { radio: { max: 5 } } }));
    expect((await cli('plan', 'create', modelId, '--budget', '1000', '--bounds', bad)).err).toMatch(
      /"radio", not in the model/,
    );
    expect((await cli('plan', 'create', modelId)).err).toMatch(/one of `--budget AMOUNT` and `--target OUTCOME`/);
    expect((await cli('plan', 'show', 'p-none-none')).err).toMatch(/no plan p-none-none/);
    const before = (await json('plan', 'list')).plans.length;
    const dup = await json('model', 'duplicate', modelId);
    const u = await cli('plan', 'create', dup.id, '--budget', '1000');
    expect(u.err).toMatch(/no trained version/);
    expect((await json('plan', 'list')).plans.length).toBe(before);
  });
});
