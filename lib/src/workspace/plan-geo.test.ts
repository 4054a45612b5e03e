import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installGeoPanel } from '../../../tests/helpers/geo-workspace';
import { cliOn, tempDir } from '../../../tests/helpers/sample-workspace';
import { createModel } from './lifecycle';
import { planContext, storedScenarios } from './views';

const dir = tempDir('mm-geo-plan-');
const ws = join(dir, 'ws');
const { panel, channels } = installGeoPanel(ws);
const { cli, json } = cliOn(ws);

describe('plans on a geo-level model in a workspace', () => {
  it('`plan create --bounds` with geo and cell bounds plans every geo x channel cell; `plan show` prints them; bad names write nothing', async () => {
    const { id } = await createModel(ws, {
      name: 'geo plans',
      conversion: 'revenue',
      touchpoints: channels.map((channel) => ({ channel, metric: 'spend' as const })),
      adstock: 'geometric',
      trainingWindow: panel.window,
      factors: { internal: ['holiday'], external: ['price'] },
    });
    const free = await json('plan', 'create', id, '--budget', '1000000', '--default-bounds', 'none');
    const current = free['current'].spend as number;
    // The plans view's context: each geo's current spend, summing to the national current spend.
    const context = planContext(ws, id, 13);
    expect(Object.keys(context.geos!)).toEqual(['geo01', 'geo02', 'geo03']);
    const geoSum = Object.values(context.geos!).reduce((s, x) => s + x, 0);
    expect(geoSum).toBeCloseTo(current, 0);
    expect(context.current.spend).toBeCloseTo(current, 0);
    for (const g of Object.keys(context.geos!)) {
      const cells = Object.values((free['byGeo'] as Record<string, Record<string, { current: number }>>)[g]!);
      expect(context.geos![g]).toBeCloseTo(
        cells.reduce((s, x) => s + x.current, 0),
        0,
      );
    }
    const bounds = join(dir, 'bounds.json');
    writeFileSync(
      bounds,
      JSON.stringify({
        bounds: { tv: { minRelative: 0.9, maxRelative: 1.1 } },
        geoBounds: { geo02: { maxRelative: 0.9 } },
        cellBounds: { geo03: { search: { minRelative: 1.2, maxRelative: 1.2 } } },
      }),
    );
    const plan = await json('plan', 'create', id, '--budget', String(current), '--bounds', bounds);
    expect(Object.keys(plan['byGeo'])).toEqual(['geo01', 'geo02', 'geo03']);
    type Cell = { spend: number; current: number };
    const cells = plan['byGeo'] as Record<string, Record<string, Cell>>;
    const total = (g: string, k: keyof Cell) => Object.values(cells[g]!).reduce((s, x) => s + x[k], 0);
    expect(total('geo02', 'spend')).toBeLessThanOrEqual(0.9 * total('geo02', 'current') * (1 + 1e-9));
    expect(cells['geo03']!['search']!.spend).toBeCloseTo(1.2 * cells['geo03']!['search']!.current, 3);
    const tv = Object.values(cells).reduce((s, g) => s + g['tv']!.spend, 0);
    expect(plan['channels'].tv.spend).toBeCloseTo(tv, 3);
    expect(tv).toBeGreaterThanOrEqual(0.9 * plan['channels'].tv.current * (1 - 1e-9));
    expect(tv).toBeLessThanOrEqual(1.1 * plan['channels'].tv.current * (1 + 1e-9));
    const text = (await cli('plan', 'show', plan['id'])).out;
    expect(text).toMatch(/^geo01 +tv +[\d,]+/m);
    expect(text).toMatch(/^bounds of each geo over its channels:\n {2}geo01: [\d,]+ to [\d,]+ \(no bounds of its own/m);
    expect(text).toMatch(/^ {2}geo03\/search: [\d,]+ to [\d,]+ \(your bounds: min 1\.2× current spend, max 1\.2×/m);
    expect(text).toContain('  the others: the default 0.5–1.5× current spend');
    // An unknown geo names itself and the known ones, and no plan is stored.
    const before = (await json('plan', 'list'))['plans'].length as number;
    writeFileSync(bounds, JSON.stringify({ geoBounds: { north: { max: 1 } } }));
    const bad = await cli('plan', 'create', id, '--budget', String(current), '--bounds', bounds);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('geo bounds name geo "north", not in the model (its geos: geo01, geo02, geo03)');
    writeFileSync(bounds, JSON.stringify({ cellBounds: { geo01: { radio: { max: 1 } } } }));
    const badChannel = await cli('plan', 'create', id, '--budget', String(current), '--bounds', bounds);
    expect(badChannel.err).toContain('cell bounds of geo geo01 name channel "radio", not in the model (its channels:');
    writeFileSync(bounds, JSON.stringify({ cellBounds: { geo01: { tv: { most: 1 } } } }));
    expect((await cli('plan', 'create', id, '--budget', String(current), '--bounds', bounds)).err).toMatch(
      /bounds\.json: `cellBounds\.geo01\.tv/,
    );
    expect((await json('plan', 'list'))['plans']).toHaveLength(before);
    // Scenarios side by side: geo plans, with each geo's spend in the table and a figure per geo.
    const cmp = storedScenarios(ws, id, [
      { name: 'now', options: { weeks: 13, budget: current } },
      { name: '+20%', options: { weeks: 13, budget: 1.2 * current } },
    ]);
    expect(cmp.plans.every((p) => p.plan.byGeo !== undefined)).toBe(true);
    const spend = Object.values(cmp.table[1]!.geos!).reduce((s, g) => s + g.spend, 0);
    expect(spend).toBeCloseTo(1.2 * current, 0);
    expect(cmp.table[1]!.outcome).toBeGreaterThan(cmp.table[0]!.outcome);
    expect(cmp.geoFigure!.data.map((t) => t['name'])).toEqual(['now', '+20%']);
  }, 240_000);
});
