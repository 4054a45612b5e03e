import type { MtaResult } from '../mta/attribute';
import type { PlotlyFigure } from './figure';

/**
 * Attributed conversions per channel for one or several MTA results side by side (e.g. last touch,
 * Markov and Shapley), as grouped bars of channel shares.
 */
export function mtaFigure(results: MtaResult[], title = 'Attributed share of conversions by method'): PlotlyFigure {
  const channels = [...new Set(results.flatMap((r) => Object.keys(r.channels)))].sort();
  return {
    data: results.map((r) => ({
      type: 'bar',
      name: r.method,
      x: channels,
      y: channels.map((c) => r.channels[c]?.share ?? 0),
      hovertemplate: `${r.method}: %{x} %{y:.1%}<extra></extra>`,
    })),
    layout: {
      title: { text: title },
      barmode: 'group',
      xaxis: { title: { text: 'channel' } },
      yaxis: { title: { text: 'share of conversions' }, tickformat: '.0%' },
      margin: { t: 48, r: 16, b: 48, l: 64 },
    },
  };
}
