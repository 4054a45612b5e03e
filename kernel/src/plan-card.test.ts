import { describe, expect, it } from 'vitest';
import type { Plan } from 'mixmodeler';
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
    tv: { spend: 600, current: 500, outcome: 1200, roi: 2, marginalRoi: 1.1 },
    search: { spend: 400, current: 500, outcome: 800, roi: 2, marginalRoi: 1.1 },
  },
};

describe('planHtml', () => {
  it('planHtml(plan) shows the model version, the interval and one row per channel, escaped', () => {
    const html = planHtml(plan);
    expect(html).toContain('model m&#60;1&#62; v3');
    expect(html).toContain('90%: 1,500 – 2,500');
    expect(html.match(/<th scope="row">/g)).toHaveLength(2);
    const sent: string[] = [];
    showPlan(plan, 'p', { raw: (mime) => sent.push(mime) });
    expect(sent).toEqual(['text/html']);
  });
});
