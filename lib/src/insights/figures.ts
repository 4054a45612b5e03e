import type { PlotlyFigure } from './figure';
import type { ModelInsights } from './model-insights';
import { formatNumber, formatPercent } from '../format';

const layout = (title: string, x: string, y: string, extra: Record<string, unknown> = {}) => ({
  title: { text: title },
  xaxis: { title: { text: x } },
  yaxis: { title: { text: y } },
  margin: { t: 48, r: 16, b: 48, l: 64 },
  ...extra,
});

/** Base and channel contributions stacked over time, with the actual outcome as a line. */
export function contributionsFigure(ins: ModelInsights): PlotlyFigure {
  const x = ins.series.dates;
  return {
    data: [
      { type: 'scatter', mode: 'lines', stackgroup: 'one', name: 'base', x, y: ins.series.base },
      ...Object.entries(ins.series.contributions).map(([name, y]) => ({
        type: 'scatter',
        mode: 'lines',
        stackgroup: 'one',
        name,
        x,
        y,
      })),
      { type: 'scatter', mode: 'lines', name: 'actual', x, y: ins.series.actual, line: { color: 'black', width: 1 } },
    ],
    layout: layout('Contributions over time', 'period', 'outcome'),
  };
}

/** Share of spend next to share of effect per channel (Robyn's decomposition check). */
export function shareFigure(ins: ModelInsights): PlotlyFigure {
  const names = Object.keys(ins.channels);
  return {
    data: [
      { type: 'bar', name: 'share of spend', x: names, y: names.map((n) => ins.channels[n]!.spendShare) },
      { type: 'bar', name: 'share of effect', x: names, y: names.map((n) => ins.channels[n]!.effectShare) },
    ],
    layout: layout('Share of spend vs share of effect', 'channel', 'share', {
      barmode: 'group',
      yaxis: { title: { text: 'share' }, tickformat: '.0%' },
    }),
  };
}

/** plotly's default colour sequence, so a channel's band, line and markers share one colour. */
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** Each channel's response curve (total contribution against total spend), current spend and break-even marked. */
export function responseCurvesFigure(ins: ModelInsights): PlotlyFigure {
  const data: Record<string, unknown>[] = [];
  Object.entries(ins.channels).forEach(([name, c], i) => {
    const x = c.responseCurve.map((p) => p.spend);
    const color = PALETTE[i % PALETTE.length]!;
    if (c.responseCurve.every((p) => p.lower !== undefined && p.upper !== undefined)) {
      // The 90% band: the upper edge, then the lower edge filled up to it.
      const edge = { type: 'scatter', mode: 'lines', legendgroup: name, showlegend: false, x, line: { width: 0 } };
      data.push({ ...edge, name: `${name}: 90% upper`, y: c.responseCurve.map((p) => p.upper), hoverinfo: 'skip' });
      data.push({
        ...edge,
        name: `${name}: 90% band`,
        y: c.responseCurve.map((p) => p.lower),
        fill: 'tonexty',
        fillcolor: `${color}33`,
        hoverinfo: 'skip',
      });
    }
    data.push({
      type: 'scatter',
      mode: 'lines',
      name,
      legendgroup: name,
      x,
      y: c.responseCurve.map((p) => p.contribution),
      line: { color },
    });
    const now = c.responseCurve[10]!;
    // Break-even: the first spend where the marginal ROI falls below 1.
    const be = c.responseCurve.find((p) => p.spend > 0 && p.marginalRoi < 1);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `${name}: current`,
      legendgroup: name,
      showlegend: false,
      x: [now.spend],
      y: [now.contribution],
      marker: { symbol: 'circle', size: 9, color },
      hovertemplate: `${name} current spend %{x:,.0f}: %{y:,.0f}<extra></extra>`,
    });
    if (be) {
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: `${name}: break-even`,
        legendgroup: name,
        showlegend: false,
        x: [be.spend],
        y: [be.contribution],
        marker: { symbol: 'x', size: 9, color },
        hovertemplate: `${name} marginal ROI < 1 from %{x:,.0f}<extra></extra>`,
      });
    }
  });
  return {
    data,
    layout: layout(
      'Response curves (● current spend, × marginal ROI falls below 1)',
      'spend over the window',
      'contribution',
    ),
  };
}

/** Predicted against actual over the window, with the fit metrics in the title. */
export function fitFigure(ins: ModelInsights): PlotlyFigure {
  const d = ins.diagnostics;
  const hold = d.holdoutMape === null ? '' : `, hold-out MAPE ${formatPercent(d.holdoutMape)}`;
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'actual', x: ins.series.dates, y: ins.series.actual },
      { type: 'scatter', mode: 'lines', name: 'predicted', x: ins.series.dates, y: ins.series.predicted },
    ],
    layout: layout(
      `Fit: R² ${formatNumber(d.r2, 3)}, NRMSE ${formatNumber(d.nrmse, 3)}, MAPE ${formatPercent(d.mape)}${hold}`,
      'period',
      'outcome',
    ),
  };
}

/** The outcome over the window as a waterfall: base, then each channel's contribution. */
export function waterfallFigure(ins: ModelInsights): PlotlyFigure {
  const base = ins.series.base.reduce((s, v) => s + v, 0);
  const names = Object.keys(ins.channels);
  return {
    data: [
      {
        type: 'waterfall',
        orientation: 'v',
        x: ['base', ...names, 'total'],
        y: [base, ...names.map((n) => ins.series.contributions[n]!.reduce((s, v) => s + v, 0)), 0],
        measure: ['absolute', ...names.map(() => 'relative'), 'total'],
      },
    ],
    layout: layout('Outcome over the window: base and channels', '', 'outcome'),
  };
}

/** Adstock decay per channel: the share of one period's input still working at each lag. */
export function adstockFigure(ins: ModelInsights): PlotlyFigure {
  return {
    data: Object.entries(ins.channels).map(([name, c]) => ({
      type: 'scatter',
      mode: 'lines+markers',
      name,
      x: c.adstockWeights.map((_, l) => l),
      y: c.adstockWeights,
    })),
    layout: layout('Adstock decay per channel', 'lag (periods)', 'weight'),
  };
}
