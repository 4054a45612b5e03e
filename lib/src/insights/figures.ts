import type { PlotlyFigure } from './figure';
import type { ModelInsights } from './model-insights';
import { formatNumber, formatPercent } from '../format';
import { GENERIC_UNITS, moneyAxis, outcomeAxis, SHARE_LABELS, type OutcomeUnits } from './outcome-units';

// Every figure takes the outcome's units (default: an outcome judged by ROI, no currency): axes say
// what they measure (`revenue (EUR)`, `orders`, `spend over the window (EUR)`).

/** A channel as figures name it: `email (owned)` for an owned or earned channel, which has no spend. */
export function channelLabel(ins: ModelInsights, name: string): string {
  return ins.channels[name]?.paid === false ? `${name} (owned)` : name;
}

const layout = (title: string, x: string, y: string, extra: Record<string, unknown> = {}) => ({
  title: { text: title },
  xaxis: { title: { text: x } },
  yaxis: { title: { text: y } },
  margin: { t: 48, r: 16, b: 48, l: 64 },
  ...extra,
});

/** Base and channel contributions stacked over time (owned channels labelled so), with the actual outcome as a line. */
export function contributionsFigure(ins: ModelInsights, units: OutcomeUnits = GENERIC_UNITS): PlotlyFigure {
  const x = ins.series.dates;
  return {
    data: [
      { type: 'scatter', mode: 'lines', stackgroup: 'one', name: 'base', x, y: ins.series.base },
      ...Object.entries(ins.series.contributions).map(([name, y]) => ({
        type: 'scatter',
        mode: 'lines',
        stackgroup: 'one',
        name: channelLabel(ins, name),
        x,
        y,
      })),
      { type: 'scatter', mode: 'lines', name: 'actual', x, y: ins.series.actual, line: { color: 'black', width: 1 } },
    ],
    layout: layout('Contributions over time', 'period', outcomeAxis(units)),
  };
}

/** Share of spend next to share of media effect per channel (Robyn's decomposition check); an owned channel has no spend. */
export function shareFigure(ins: ModelInsights): PlotlyFigure {
  const names = Object.keys(ins.channels);
  const bar = (name: string, y: number[]) => ({
    type: 'bar',
    name,
    x: names.map((n) => channelLabel(ins, n)),
    y,
    hovertemplate: `%{x}: ${name} %{y:.1%}<extra></extra>`,
  });
  return {
    data: [
      bar(
        SHARE_LABELS.spend,
        names.map((n) => ins.channels[n]!.spendShare),
      ),
      bar(
        SHARE_LABELS.effect,
        names.map((n) => ins.channels[n]!.effectShare),
      ),
    ],
    layout: layout(`${SHARE_LABELS.spend} vs ${SHARE_LABELS.effect}`, 'channel', 'share', {
      barmode: 'group',
      yaxis: { title: { text: 'share (% of all media)' }, tickformat: '.0%' },
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

/**
 * Each paid channel's response curve (total contribution against total spend), current spend marked, and
 * for a revenue model the break-even spend (where the marginal ROI falls below 1; a count model has none).
 * Owned channels have no spend to draw against: their curve is `volumeCurve` in the insights.
 */
export function responseCurvesFigure(ins: ModelInsights, units: OutcomeUnits = GENERIC_UNITS): PlotlyFigure {
  const revenue = units.efficiency === 'roi';
  const data: Record<string, unknown>[] = [];
  Object.entries(ins.channels).forEach(([name, c], i) => {
    if (!c.responseCurve.length) return;
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
    const be = revenue ? c.responseCurve.find((p) => p.spend > 0 && p.marginalRoi < 1) : undefined;
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
      revenue ? 'Response curves (● current spend, × marginal ROI falls below 1)' : 'Response curves (● current spend)',
      moneyAxis('spend over the window', units),
      outcomeAxis(units, `contribution to ${units.conversion.replace(/[_-]+/g, ' ')}`),
    ),
  };
}

/**
 * Predicted against actual over the window, with the fit metrics in the title and the hold-out weeks
 * (the tail a separate fit did not see, whose MAPE is the hold-out MAPE) shaded and labelled.
 */
export function fitFigure(ins: ModelInsights, units: OutcomeUnits = GENERIC_UNITS): PlotlyFigure {
  const d = ins.diagnostics;
  const hold = d.holdoutMape === null ? '' : `, hold-out MAPE ${formatPercent(d.holdoutMape)}`;
  const dates = ins.series.dates;
  const n = d.holdoutMape === null ? 0 : Math.min(d.holdoutPeriods ?? 0, dates.length);
  const shapes =
    n > 0
      ? [
          {
            type: 'rect',
            xref: 'x',
            yref: 'paper',
            x0: dates[dates.length - n],
            x1: dates[dates.length - 1],
            y0: 0,
            y1: 1,
            fillcolor: 'rgba(128,128,128,0.15)',
            line: { width: 0 },
            layer: 'below',
          },
        ]
      : [];
  const annotations =
    n > 0
      ? [
          {
            x: dates[dates.length - n],
            xref: 'x',
            y: 1,
            yref: 'paper',
            xanchor: 'left',
            yanchor: 'bottom',
            showarrow: false,
            text: `hold-out: last ${n} periods`,
          },
        ]
      : [];
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'actual', x: ins.series.dates, y: ins.series.actual },
      { type: 'scatter', mode: 'lines', name: 'predicted', x: ins.series.dates, y: ins.series.predicted },
    ],
    layout: layout(
      `Fit: R² ${formatNumber(d.r2, 3)}, NRMSE ${formatNumber(d.nrmse, 3)}, MAPE ${formatPercent(d.mape)}${hold}`,
      'period',
      outcomeAxis(units),
      { shapes, annotations },
    ),
  };
}

/** The outcome over the window as a waterfall: base, then each channel's contribution. */
export function waterfallFigure(ins: ModelInsights, units: OutcomeUnits = GENERIC_UNITS): PlotlyFigure {
  const base = ins.series.base.reduce((s, v) => s + v, 0);
  const names = Object.keys(ins.channels);
  return {
    data: [
      {
        type: 'waterfall',
        orientation: 'v',
        x: ['base', ...names.map((n) => channelLabel(ins, n)), 'total'],
        y: [base, ...names.map((n) => ins.series.contributions[n]!.reduce((s, v) => s + v, 0)), 0],
        measure: ['absolute', ...names.map(() => 'relative'), 'total'],
      },
    ],
    layout: layout(`Outcome (${units.conversion}) over the window: base and channels`, '', outcomeAxis(units)),
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
    layout: layout('Adstock decay per channel', 'lag (periods)', "share of a period's effect at each lag"),
  };
}
