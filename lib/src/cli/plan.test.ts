import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliOn, sampleWorkspaceWithModel } from '../../../tests/helpers/sample-workspace';

let ws: string;
let modelId: string;
let cli: ReturnType<typeof cliOn>['cli'];
let json: ReturnType<typeof cliOn>['json'];
beforeAll(async () => {
  ({ ws, modelId, cli, json } = await sampleWorkspaceWithModel('mm-cli-plan-'));
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
    expect(b.err).toMatch(/bad-bounds\.json: `bounds\.tv\.max` must be a finite number ≥ 0; got -5/);
    writeFileSync(bad, JSON.stringify({ tv: { most: 5 } })); // the bare map, a key that is not a bound
    expect((await cli('plan', 'create', modelId, '--budget', '1000', '--bounds', bad)).err).toMatch(
      /bad-bounds\.json: `bounds\.tv\.most` is not a .*; got 5/,
    );
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
