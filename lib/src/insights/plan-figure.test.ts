import { describe, expect, it } from 'vitest';
import type { Plan } from '../plan/create-plan';
import { planFigure } from './plan-figure';

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
});
