import { describe, expect, it } from 'vitest';
import { outcomeUnits, type Plan } from 'mixmodeler';
import { planHtml, showPlan } from './plan-card';

const plan: Plan = {
  kind: 'plan',
  schema: 1,
  createdAt: '2026-11-22T00:00:00Z',
  model: { id: 'm<1>', version: 3 },
  modelWindow: { from: '2024-01-01', to: '2025-12-22' },
  weeks: 13,
  objective: 'max-outcome',
  budget: 1000,
  expected: { mean: 2000, lower: 1500, upper: 2500 },
  current: { spend: 1000, outcome: 1800 },
  allocation: { tv: 600, search: 400 },
  channels: {
    tv: { spend: 600, current: 500, outcome: 1200, roi: 2, marginalRoi: 1.1, maxSeen: 40, beyondSeen: true },
    search: { spend: 400, current: 500, outcome: 800, roi: 2, marginalRoi: 1.1, maxSeen: 60, beyondSeen: false },
  },
  boundsRule: { minRelative: 0.5, maxRelative: 1.5 },
  bounds: {
    tv: { min: 250, max: 750, reason: 'the default 0.5–1.5× current spend; current spend 500' },
    search: { min: 250, max: 750, reason: 'the default 0.5–1.5× current spend; current spend 500' },
  },
  warnings: ['tv: 46 a period planned, above the most the model was fitted on (40, in the period of 2025-01-06)'],
};

describe('planHtml', () => {
  it('planHtml(plan) shows the model version, the interval and one row per channel, escaped', () => {
    const html = planHtml(plan);
    expect(html).toContain('model m&#60;1&#62; v3');
    expect(html).toContain('90%: 1,500 – 2,500');
    expect(html.match(/<th scope="row">/g)).toHaveLength(2);
    expect(html).toContain('<td>250 – 750: the default 0.5–1.5× current spend; current spend 500</td>');
    expect(html).toContain('<li>tv: 46 a period planned, above the most the model was fitted on');
    expect(html).toContain('<td>600 ⚠</td>');
    // A plan stored before bounds and warnings were recorded still shows.
    const { bounds: _b, warnings: _w, boundsRule: _r, ...older } = plan;
    expect(planHtml(older as Plan)).not.toContain('Warnings');
    expect(planHtml(plan, 'Orders', outcomeUnits('orders'))).toContain('(90%: 1,500 orders – 2,500 orders)');
    const sent: string[] = [];
    showPlan(plan, 'p', { raw: (mime) => sent.push(mime) });
    expect(sent).toEqual(['text/html']);
  });
});
