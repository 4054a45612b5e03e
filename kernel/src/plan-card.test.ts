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

  it('planHtml lists the owned channels the plan holds at their volume, and nothing without them', () => {
    const held = { email: { volume: 2_600_000, outcome: 312_000, reason: 'owned channel without a cost per unit' } };
    const html = planHtml({ ...plan, held });
    expect(html).toContain('Owned channels held at their volume');
    expect(html).toContain('<li>email: 2,600,000 units, 312,000 (owned channel without a cost per unit)</li>');
    expect(planHtml(plan)).not.toContain('held at their volume');
  });
});

describe('geoPlanHtml', () => {
  it('a geo plan shows each geo total and each geo x channel cell with its bounds, escaped, and its heatmap', () => {
    const cell = (spend: number, current: number) => ({
      spend,
      current,
      outcome: 2 * spend,
      roi: 2,
      marginalRoi: 1.1,
      maxSeen: 40,
      beyondSeen: false,
    });
    const bound = (reason: string) => ({ min: 100, max: 400, reason });
    const geo: Plan = {
      ...plan,
      byGeo: {
        'n<orth>': { tv: cell(350, 300), search: cell(150, 200) },
        south: { tv: cell(250, 200), search: cell(250, 300) },
      },
      geoBounds: { 'n<orth>': bound('your bounds: max 1.2× current spend'), south: bound('no bounds of its own') },
      cellBounds: {
        'n<orth>': { tv: bound('the default'), search: bound('the default') },
        south: { tv: bound('the default'), search: bound('locked at its current spend (300)') },
      },
    };
    const html = planHtml(geo);
    expect(html).toContain('<caption>Per geo</caption>');
    expect(html).toContain(
      '<th scope="row">n&#60;orth&#62;</th><td>500</td><td>500</td><td>1,000</td><td>100 – 400: your bounds',
    );
    expect(html).toContain('<th scope="row">south / search</th><td>300</td><td>250</td><td>500</td>');
    expect(html).toContain('locked at its current spend (300)</td>');
    expect(planHtml(plan)).not.toContain('Per geo');
    const sent: string[] = [];
    showPlan(geo, 'p', { raw: (mime) => sent.push(mime) });
    expect(sent[0]).toBe('text/html');
    expect(sent).toContain('application/vnd.plotly.v1+json');
  });
});
