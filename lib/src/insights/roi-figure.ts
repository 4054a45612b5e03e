import type { FittedMmm } from '../mmm/fitted';
import type { PlotlyFigure } from './figure';

/**
 * ROI per channel with its 90% interval, as a horizontal bar chart sorted by ROI, with the
 * break-even line at ROI = 1.
 *
 * @example roiFigure(fitMmm(data, { lookback: 8 }))
 */
export function roiFigure(fit: FittedMmm, title = 'ROI per channel (90% interval)'): PlotlyFigure {
  const rows = [...fit.channels].sort((a, b) => a.roi.mean - b.roi.mean);
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: 'ROI',
        y: rows.map((c) => c.name),
        x: rows.map((c) => c.roi.mean),
        error_x: {
          type: 'data',
          symmetric: false,
          array: rows.map((c) => c.roi.upper - c.roi.mean),
          arrayminus: rows.map((c) => c.roi.mean - c.roi.lower),
        },
        hovertemplate: '%{y}: ROI %{x:.2f}<extra></extra>',
      },
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: 'outcome per unit of spend' }, rangemode: 'tozero' },
      yaxis: { automargin: true },
      shapes: [{ type: 'line', x0: 1, x1: 1, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dot', width: 1 } }],
      margin: { t: 48, r: 16, b: 48, l: 16 },
    },
  };
}
