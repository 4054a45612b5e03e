import { describe, expect, it } from 'vitest';
import { fitMmm } from '../mmm/fit';
import { CASES } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { fitFigure, responseCurvesFigure, shareFigure } from './figures';
import { inUnits, modelInsights } from './model-insights';
import {
  channelEfficiency,
  efficiencyAxis,
  formatEfficiency,
  formatOutcome,
  outcomeAxis,
  outcomeKind,
  outcomeUnits,
} from './outcome-units';
import { roiFigure } from './roi-figure';

const { data } = generateSynthetic(CASES['clean']!);
const fit = fitMmm(data, { lookback: 8 });
const ins = modelInsights(fit, data);
const orders = outcomeUnits('orders', { currency: 'EUR' });
const revenue = outcomeUnits('revenue', { currency: 'EUR' });

describe('outcomeUnits', () => {
  it.each([
    ['revenue', 'revenue'],
    ['net_sales', 'revenue'],
    ['order_value', 'revenue'],
    ['orders', 'count'],
    ['leads', 'count'],
    ['sign_ups', 'count'],
  ])('outcomeKind(%j) is %j', (name, kind) => {
    expect(outcomeKind(name)).toBe(kind);
  });

  it('outcomeUnits names the efficiency: ROI for revenue, cost per <unit> for counts', () => {
    expect(orders).toMatchObject({
      kind: 'count',
      unit: 'order',
      efficiency: 'cpa',
      efficiencyLabel: 'cost per order',
    });
    expect(outcomeUnits('enquiries').efficiencyLabel).toBe('cost per enquiry');
    expect(revenue).toMatchObject({ kind: 'revenue', efficiency: 'roi', efficiencyLabel: 'ROI' });
    expect(outcomeUnits('revenue', { kind: 'count' }).efficiency).toBe('cpa');
  });

  it('channelEfficiency(roi, units) is 1 / ROI for counts, its interval flipped; open where ROI reaches 0', () => {
    expect(channelEfficiency({ mean: 0.02, lower: 0.01, upper: 0.04 }, orders)).toEqual({
      mean: 50,
      lower: 25,
      upper: 100,
    });
    expect(channelEfficiency({ mean: 0.02, lower: 0, upper: 0.04 }, orders).upper).toBeNull();
    expect(channelEfficiency({ mean: 2, lower: 1, upper: 3 }, revenue)).toEqual({ mean: 2, lower: 1, upper: 3 });
  });

  it('numbers and axes carry the currency and the unit', () => {
    expect(formatOutcome(1234.4, orders)).toBe('1,234 orders');
    expect(formatOutcome(1234.4, revenue)).toBe('€1,234');
    expect(formatEfficiency(50, orders)).toBe('€50.00');
    expect(formatEfficiency(2.345, revenue)).toBe('2.35');
    expect(outcomeAxis(revenue)).toBe('revenue (EUR)');
    expect(outcomeAxis(orders)).toBe('orders');
    expect(efficiencyAxis(orders)).toBe('cost per order (EUR)');
  });
});

describe('figures in the outcome’s units', () => {
  it('roiFigure of a count model draws CPA = 1 / ROI, cheapest on top, without a break-even line at 1', () => {
    const fig = roiFigure(fit, undefined, orders);
    const bar = fig.data[0] as { x: number[]; y: string[] };
    const tv = fit.channels.find((c) => c.name === 'tv')!;
    expect(bar.x[bar.y.indexOf('tv')]).toBeCloseTo(1 / tv.roi.mean, 10);
    // plotly draws the last bar on top: the lowest cost per order.
    expect([...bar.x].sort((a, b) => b - a)).toEqual(bar.x);
    expect(fig.layout['shapes']).toEqual([]);
    expect((fig.layout['xaxis'] as { title: { text: string } }).title.text).toBe('cost per order (EUR)');
    expect((fig.layout['title'] as { text: string }).text).toBe('Cost per order per channel (90% interval)');
  });

  it('roiFigure of a revenue model keeps ROI and its break-even line at 1', () => {
    const fig = roiFigure(fit, undefined, revenue);
    expect(fig.layout['shapes']).toHaveLength(1);
    expect((fig.layout['xaxis'] as { title: { text: string } }).title.text).toBe('ROI (revenue per unit of spend)');
  });

  it('response curves mark break-even for revenue only; axes name spend and outcome with the currency', () => {
    const names = (u: typeof orders) => (responseCurvesFigure(ins, u).data as { name: string }[]).map((t) => t.name);
    expect(names(revenue).some((n) => n.endsWith(': break-even'))).toBe(true);
    expect(names(orders).some((n) => n.endsWith(': break-even'))).toBe(false);
    const layout = responseCurvesFigure(ins, orders).layout as Record<string, { title: { text: string } }>;
    expect(layout['xaxis']!.title.text).toBe('spend over the window (EUR)');
    expect(layout['yaxis']!.title.text).toBe('contribution to orders');
  });

  it('the fit figure shades the hold-out periods at the window’s end', () => {
    expect(ins.diagnostics.holdoutMape).not.toBeNull();
    const n = ins.diagnostics.holdoutPeriods;
    expect(n).toBeGreaterThan(0);
    const [rect] = fitFigure(ins, revenue).layout['shapes'] as { x0: string; x1: string }[];
    const dates = ins.series.dates;
    expect(rect).toMatchObject({ x0: dates[dates.length - n], x1: dates[dates.length - 1] });
  });

  it('the share figure names both shares in full', () => {
    expect((shareFigure(ins).data as { name: string }[]).map((t) => t.name)).toEqual([
      'share of spend',
      'share of media effect',
    ]);
  });

  it('inUnits adds the units and each channel’s CPA', () => {
    const u = inUnits(ins, orders);
    expect(u.units.efficiency).toBe('cpa');
    expect(u.channels['tv']!.efficiency.mean).toBeCloseTo(1 / ins.channels['tv']!.roi!.mean, 10);
  });
});
