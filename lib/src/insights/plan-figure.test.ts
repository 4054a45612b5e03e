import { describe, expect, it } from 'vitest';
import type { Plan } from '../plan/create-plan';
import { planFigure, planGeoFigure } from './plan-figure';

describe('planFigure', () => {
  it('planFigure(plan) draws current and planned spend per channel, in the plan order', () => {
    const fig = planFigure({
      weeks: 13,
      channels: {
        tv: { spend: 120, current: 100, outcome: 300, roi: 2.5, marginalRoi: 1.2 },
        search: { spend: 40, current: 60, outcome: 90, roi: 2.25, marginalRoi: 1.2 },
      } as unknown as Plan['channels'],
    });
    expect(fig.data.map((t) => t['name'])).toEqual(['Current spend', 'Planned spend']);
    expect(fig.data[0]!['x']).toEqual(['tv', 'search']);
    expect(fig.data[0]!['y']).toEqual([100, 60]);
    expect(fig.data[1]!['y']).toEqual([120, 40]);
    expect(JSON.stringify(fig.layout)).toContain('over 13 weeks');
  });

  it('planGeoFigure(plan) maps each geo x channel change, labelled, with current and planned in hover; null for a national plan', () => {
    const cell = (current: number, spend: number) => ({ spend, current, outcome: 0, roi: 0, marginalRoi: 0 });
    const fig = planGeoFigure({
      weeks: 13,
      byGeo: {
        north: { tv: cell(100, 150), search: cell(50, 40) },
        south: { tv: cell(200, 200), search: cell(0, 10) },
      } as unknown as Plan['byGeo'],
    })!;
    const t = fig.data[0]!;
    expect(t['y']).toEqual(['north', 'south']);
    expect(t['x']).toEqual(['tv', 'search']);
    expect(t['z']).toEqual([
      [0.5, expect.closeTo(-0.2, 12)],
      [0, null],
    ]);
    expect(t['text']).toEqual([
      ['+50%', '-20%'],
      ['+0%', 'new'],
    ]);
    expect(t['zmin']).toBe(-0.5);
    expect(t['zmax']).toBe(0.5);
    expect((t['customdata'] as number[][][])[0]![0]).toEqual([100, 150]);
    expect(planGeoFigure({ weeks: 13 })).toBeNull();
  });
});
