import type { FittedMmm } from '../mmm/fitted';
import type { PlotlyFigure } from './figure';
import { channelEfficiency, efficiencyAxis, GENERIC_UNITS, type OutcomeUnits } from './outcome-units';

/**
 * A channel's efficiency with its 90% interval as a horizontal bar chart, best channel on top: ROI for
 * a revenue model (break-even line at ROI = 1), cost per acquisition (CPA = 1 / ROI) for a count model
 * (no break-even line: a cost per order has no natural 1). A CPA whose ROI interval reaches 0 has no
 * upper bound; its bar shows none. Owned and earned channels (no spend) are left out: they have no ROI.
 *
 * @param title the figure's title; by default `ROI per channel (90% interval)` or `Cost per order per channel (90% interval)`
 * @param units the outcome's units (default: an outcome judged by ROI)
 * @example roiFigure(fitMmm(data, { lookback: 8 }), undefined, outcomeUnits('orders'))
 */
export function roiFigure(fit: FittedMmm, title?: string, units: OutcomeUnits = GENERIC_UNITS): PlotlyFigure {
  const roi = units.efficiency === 'roi';
  const rows = fit.channels
    .filter((c) => c.paid !== false) // an owned channel has no spend, so no ROI: its contribution is shown elsewhere
    .map((c) => ({ name: c.name, e: channelEfficiency(c.roi, units) }))
    // plotly draws the first bar at the bottom: the best channel (highest ROI, lowest CPA) goes last.
    .sort((a, b) => (roi ? 1 : -1) * ((a.e.mean ?? Infinity) - (b.e.mean ?? Infinity)));
  const label = roi ? 'ROI' : units.efficiencyLabel;
  const money = units.currency ? ` ${units.currency}` : '';
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: label,
        y: rows.map((r) => r.name),
        x: rows.map((r) => r.e.mean),
        error_x: {
          type: 'data',
          symmetric: false,
          array: rows.map((r) => (r.e.upper === null || r.e.mean === null ? 0 : r.e.upper - r.e.mean)),
          arrayminus: rows.map((r) => (r.e.lower === null || r.e.mean === null ? 0 : r.e.mean - r.e.lower)),
        },
        hovertemplate: roi ? '%{y}: ROI %{x:.2f}<extra></extra>' : `%{y}: ${label} %{x:,.2f}${money}<extra></extra>`,
      },
    ],
    layout: {
      title: { text: title ?? `${label[0]!.toUpperCase()}${label.slice(1)} per channel (90% interval)` },
      xaxis: { title: { text: efficiencyAxis(units) }, rangemode: 'tozero' },
      yaxis: { automargin: true },
      shapes: roi ? [{ type: 'line', x0: 1, x1: 1, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dot', width: 1 } }] : [],
      margin: { t: 48, r: 16, b: 48, l: 16 },
    },
  };
}
