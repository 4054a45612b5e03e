import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_MODEL, sampleWorkspace, tempDir } from '../../../tests/helpers/sample-workspace';
import { createModel } from './lifecycle';
import { DASHBOARD_WIDGETS, harmonizedCoverage, overviewView } from './overview';

describe('overviewView(workspace)', () => {
  it('a new, empty workspace gives the default layout and empty parts, and fails on nothing', () => {
    const v = overviewView(tempDir('mm-overview-empty-'));
    expect(v).toMatchObject({
      widgets: DASHBOARD_WIDGETS,
      layoutProblem: null,
      data: null,
      leaderboard: [],
      plans: [],
    });
    expect(v.figures).toEqual({ leaderboard: null, coverage: null, shares: [] });
    expect(DASHBOARD_WIDGETS).toEqual(['coverage', 'status', 'runs', 'leaderboard', 'plans']);
  });

  it('a workspace with data and a model gives the data range, coverage, leaderboard and shares figures', async () => {
    const ws = sampleWorkspace('mm-overview-');
    const m = await createModel(ws, SAMPLE_MODEL);
    writeFileSync(join(ws, 'dashboard.json'), JSON.stringify({ widgets: ['plans', 'nope'] }));
    const v = overviewView(ws);
    expect(v.layoutProblem).toMatch(/^dashboard\.json: `widgets\[1\]` must be one of .*; the default layout is shown$/);
    expect(v.widgets).toEqual(DASHBOARD_WIDGETS);
    expect(v.data!.range).toMatchObject({ from: '2022-11-07', to: '2025-12-22' });
    expect(v.leaderboard.map((r) => r.channel).sort()).toEqual(
      [...SAMPLE_MODEL.touchpoints.map((t) => t.channel)].sort(),
    );
    expect(v.figures.leaderboard!.data).toHaveLength(1);
    expect(v.figures.shares).toEqual([{ id: m.id, name: 'Revenue MMM', figure: expect.any(Object) }]);
    const cov = harmonizedCoverage(ws)!;
    expect(cov.channels).toEqual(v.data!.summary.channels);
    expect(cov.dates[0]).toBe('2022-11-07');
    expect(cov.dates).toHaveLength(v.data!.summary.periods);
    // The sample's spend: every cell a number, tv spending in some week.
    expect(cov.spend.flat().every((x) => typeof x === 'number')).toBe(true);
    expect(Math.max(...(cov.spend[cov.channels.indexOf('tv')] as number[]))).toBeGreaterThan(0);
    writeFileSync(join(ws, 'dashboard.json'), JSON.stringify({ widgets: ['plans', 'coverage'] }));
    expect(overviewView(ws).widgets).toEqual(['plans', 'coverage']);
  });
});
