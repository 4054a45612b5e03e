import { describe, expect, it } from 'vitest';
import { fitMmm } from '../mmm/fit';
import { CASES } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import {
  adstockFigure,
  contributionsFigure,
  fitFigure,
  responseCurvesFigure,
  shareFigure,
  waterfallFigure,
} from './figures';
import { modelInsights } from './model-insights';

const { data } = generateSynthetic(CASES['clean']!);
const fit = fitMmm(data, { lookback: 8 });
const ins = modelInsights(fit, data);

describe('modelInsights', () => {
  it('modelInsights holds the fields of DESIGN §5', () => {
    const doc = JSON.parse(JSON.stringify(ins));
    for (const c of fit.channels) {
      const x = doc.channels[c.name];
      expect(x.roi.lower).toBeLessThanOrEqual(x.roi.mean);
      expect(x.roi.upper).toBeGreaterThanOrEqual(x.roi.mean);
      expect(typeof x.contribution).toBe('number');
      expect(x.spend).toBeCloseTo(c.spend, 6);
      expect(typeof x.share).toBe('number');
    }
    expect(Object.keys(doc.diagnostics)).toEqual(expect.arrayContaining(['r2', 'nrmse', 'mape', 'holdoutMape']));
    expect(doc.window).toEqual(fit.window);
    expect(doc.status).toBe(fit.status);
  });

  it('the decomposition adds up: base + contributions = predicted each period', () => {
    ins.series.dates.forEach((_, t) => {
      const sum = ins.series.base[t]! + Object.values(ins.series.contributions).reduce((s, c) => s + c[t]!, 0);
      expect(sum).toBeCloseTo(ins.series.predicted[t]!, 6);
    });
  });

  it('response curves start at 0, rise, and pass through the window spend at multiplier 1', () => {
    for (const [name, c] of Object.entries(ins.channels)) {
      expect(c.responseCurve[0]!.contribution).toBe(0);
      expect(c.responseCurve[10]!.spend).toBeCloseTo(c.spend, 6);
      expect(c.responseCurve[10]!.contribution).toBeCloseTo(
        fit.channels.find((x) => x.name === name)!.contribution.mean,
        0,
      );
    }
  });
});

describe('insight figures', () => {
  it('every figure is plain JSON with data traces and a title', () => {
    for (const f of [
      contributionsFigure,
      shareFigure,
      responseCurvesFigure,
      fitFigure,
      waterfallFigure,
      adstockFigure,
    ]) {
      const fig = f(ins);
      expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
      expect(fig.data.length).toBeGreaterThan(0);
      expect((fig.layout['title'] as { text: string }).text.length).toBeGreaterThan(3);
    }
  });

  it('the waterfall totals the predicted outcome', () => {
    const w = waterfallFigure(ins).data[0] as { y: number[] };
    const total = ins.series.predicted.reduce((s, v) => s + v, 0);
    expect(w.y.slice(0, -1).reduce((s, v) => s + v, 0)).toBeCloseTo(total, 3);
  });

  it('the response-curve figure draws each channel with its 90% band in the line’s colour', () => {
    const traces = responseCurvesFigure(ins).data as {
      name: string;
      fill?: string;
      fillcolor?: string;
      line?: { color?: string };
    }[];
    for (const name of Object.keys(ins.channels)) {
      const band = traces.find((t) => t.name === `${name}: 90% band`)!;
      const line = traces.find((t) => t.name === name)!;
      expect(band.fill).toBe('tonexty');
      expect(band.fillcolor!.startsWith(line.line!.color!)).toBe(true);
      // The band's upper edge comes right before it, so 'tonexty' fills between the two edges.
      expect(traces[traces.indexOf(band) - 1]!.name).toBe(`${name}: 90% upper`);
    }
  });

  it('the contributions figure stacks base and every channel, with the actual line', () => {
    expect(contributionsFigure(ins).data).toHaveLength(2 + fit.channels.length);
  });
});
