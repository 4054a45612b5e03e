import { describe, expect, it } from 'vitest';
import { outcomeUnits } from './outcome-units';
import { coverageFigure, leaderboardFigure, spendEffectFigure } from './overview-figures';

const revenue = outcomeUnits('revenue');
const orders = outcomeUnits('orders');
const row = (name: string, channel: string, units: typeof revenue, mean: number) => ({
  name,
  channel,
  units,
  efficiency: { mean, lower: mean * 0.8, upper: mean * 1.2 },
});

describe('overview figures', () => {
  it('leaderboardFigure ranks revenue models by ROI and count models by CPA on their own axes, best on top', () => {
    const fig = leaderboardFigure([
      row('Revenue', 'tv', revenue, 1.5),
      row('Revenue', 'search', revenue, 3),
      row('Orders', 'tv', orders, 40),
      row('Orders', 'search', orders, 20),
    ]);
    const [roi, cpa] = fig.data as { y: string[]; x: number[]; xaxis: string }[];
    expect(roi!.y).toEqual(['Revenue · tv', 'Revenue · search']); // highest ROI last: drawn on top
    expect(cpa!.y).toEqual(['Orders · tv', 'Orders · search']); // lowest cost last
    expect(cpa!.xaxis).toBe('x2');
    expect((fig.layout['xaxis'] as { title: { text: string } }).title.text).toBe('ROI (revenue per unit of spend)');
    expect((fig.layout['xaxis2'] as { title: { text: string } }).title.text).toBe('cost per acquisition');
    expect(fig.layout['shapes']).toHaveLength(1); // break-even at ROI 1, on the ROI axis only
    const countsOnly = leaderboardFigure([row('Orders', 'tv', orders, 40)]);
    expect(countsOnly.layout['shapes']).toEqual([]);
    expect((countsOnly.data[0] as { xaxis: string }).xaxis).toBe('x');
  });

  it('spendEffectFigure puts each channel at (share of spend, share of media effect) beside the diagonal', () => {
    const fig = spendEffectFigure([
      { channel: 'tv', spendShare: 0.6, effectShare: 0.4 },
      { channel: 'search', spendShare: 0.4, effectShare: 0.6 },
    ]);
    const [t] = fig.data as { x: number[]; y: number[]; text: string[] }[];
    expect(t).toMatchObject({ x: [0.6, 0.4], y: [0.4, 0.6], text: ['tv', 'search'] });
    expect((fig.layout['xaxis'] as { title: { text: string } }).title.text).toBe('share of spend');
    expect((fig.layout['yaxis'] as { title: { text: string } }).title.text).toBe('share of media effect');
  });

  it('coverageFigure draws spend per channel and period, gaps left empty', () => {
    const fig = coverageFigure({ dates: ['2025-01-06', '2025-01-13'], channels: ['tv'], spend: [[null, 0]] });
    expect(fig.data[0]).toMatchObject({ type: 'heatmap', y: ['tv'], z: [[null, 0]], hoverongaps: false });
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
  });
});
