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
    const base = await json('plan', 'create', modelId, '--budget', '1', '--weeks', '13', '--default-bounds', 'none');
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

  it('`plan create` holds channels to 0.5–1.5× current spend by default, stores and prints why; default names differ', async () => {
    const a = await json('plan', 'create', modelId, '--budget', '2000000');
    expect(a.boundsRule).toEqual({ minRelative: 0.5, maxRelative: 1.5 });
    for (const [name, c] of Object.entries(a.channels as Record<string, { spend: number; current: number }>)) {
      expect(c.spend, name).toBeGreaterThanOrEqual(0.5 * c.current - 1e-6);
      expect(c.spend, name).toBeLessThanOrEqual(1.5 * c.current + 1e-6);
      expect(a.bounds[name].reason).toMatch(/^the default 0\.5–1\.5× current spend/);
    }
    const b = await cli('plan', 'create', modelId, '--budget', '2000000');
    expect(b.out).toMatch(
      /^bounds over the plan period:\n {2}tv: [\d,]+ to [\d,]+ \(the default 0\.5–1\.5× current spend; current spend [\d,]+\)$/m,
    );
    const names = (await json('plan', 'list')).plans.map((p: { name: string }) => p.name);
    expect(names).toContain('Revenue MMM: budget 2,000,000 over 13 weeks');
    expect(names).toContain('Revenue MMM: budget 2,000,000 over 13 weeks (2)');
    expect(new Set(names).size).toBe(names.length);
    // Wider defaults, or none, are the user's choice; a bad value is a usage error naming the flag.
    const wide = await json('plan', 'create', modelId, '--budget', '2000000', '--default-bounds', '0,4');
    expect(wide.boundsRule).toEqual({ minRelative: 0, maxRelative: 4 });
    const bad = await cli('plan', 'create', modelId, '--budget', '2000000', '--default-bounds', '2,1');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/`--default-bounds` must be MIN,MAX .* or none; got 2,1/);
    const far = await cli('plan', 'create', modelId, '--budget', '90000000');
    expect(far.code).toBe(1);
    expect(far.err).toMatch(
      /the budget 90,000,000 is outside what the bounds allow: [\d,]+ to [\d,]+ \(channels without bounds/,
    );
  });

  it('`plan create` warns for a channel planned beyond the highest weekly spend the model was fitted on', async () => {
    const base = await json('plan', 'create', modelId, '--budget', '1', '--default-bounds', 'none');
    // podcast at 1.2× its highest week of the training window, every week of the plan
    const podcast = 1.2 * base.channels.podcast.maxSeen * 13;
    const bounds = join(ws, 'far-bounds.json');
    writeFileSync(bounds, JSON.stringify({ bounds: { podcast: { min: podcast, max: podcast } } }));
    const budget = base.current.spend - base.channels.podcast.current + podcast;
    const p = await json('plan', 'create', modelId, '--budget', String(budget), '--bounds', bounds);
    expect(p.channels.podcast.beyondSeen).toBe(true);
    expect(
      p.warnings.some((w: string) =>
        /^podcast: [\d,]+ a period planned, above the most the model was fitted on/.test(w),
      ),
    ).toBe(true);
    const text = (await cli('plan', 'show', p.id)).out;
    expect(text).toMatch(/^warnings:\n {2}! podcast: /m);
  });

  it('`plan rename` changes only the name; `plan delete` removes plans, none when one id is unknown', async () => {
    const p = await json('plan', 'create', modelId, '--budget', '2000000');
    const renamed = await json('plan', 'rename', p.id, 'Q3 at current spend');
    expect(renamed).toEqual({ ...p, name: 'Q3 at current spend' });
    expect((await json('plan', 'show', p.id)).name).toBe('Q3 at current spend');
    const clash = await cli('plan', 'rename', p.id, ' ');
    expect(clash.code).toBe(1);
    const q = await json('plan', 'create', modelId, '--budget', '2000000');
    const before = (await json('plan', 'list')).plans.length;
    const bad = await cli('plan', 'delete', q.id, 'p-none-none');
    expect(bad.err).toMatch(/no plan p-none-none/);
    expect((await json('plan', 'list')).plans.length).toBe(before);
    expect(await json('plan', 'delete', p.id, q.id)).toEqual({ deleted: [p.id, q.id] });
    const ids = (await json('plan', 'list')).plans.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(p.id);
    expect(ids).not.toContain(q.id);
    expect(ids.length).toBe(before - 2);
  });

  it('a plan is never changed by re-scoring or re-training; a new plan uses the new version', async () => {
    const p = await json('plan', 'create', modelId, '--budget', '2000000');
    const file = join(ws, 'plans', `${p.id}.json`);
    const before = readFileSync(file, 'utf8');
    expect((await cli('model', 'score', modelId, '--from', '2025-06-02', '--to', '2025-06-30', '--replace')).code).toBe(
      0,
    );
    expect((await cli('model', 'train', modelId, '--from', '2024-06-03', '--to', '2025-12-22')).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const row = (await json('plan', 'list')).plans.find((r: { id: string }) => r.id === p.id);
    expect(row.modelVersion).toBe(1);
    expect((await json('plan', 'create', modelId, '--budget', '2000000')).modelVersion).toBe(2);
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
