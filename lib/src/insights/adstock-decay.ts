import type { PlotlyFigure } from './figure';

/** One adstock curve to draw: a name and its lag weights of shape [lMax + 1]. */
export interface DecayCurve {
  name: string;
  weights: Float64Array;
}

/**
 * A bar-and-line figure of adstock decay: the share of one period's input still in effect at each lag.
 *
 * @param curves one entry per channel or setting; weights of shape [lMax + 1]
 * @param title the figure title (also its accessible name)
 * @example adstockDecayFigure([{ name: 'tv', weights: geometricWeights({ theta: 0.6, lMax: 8, normalize: false }) }])
 */
export function adstockDecayFigure(curves: DecayCurve[], title = 'Adstock decay'): PlotlyFigure {
  return {
    data: curves.map((c) => ({
      type: 'scatter',
      mode: 'lines+markers',
      name: c.name,
      x: Array.from(c.weights, (_, l) => l),
      y: Array.from(c.weights),
      hovertemplate: 'lag %{x}: %{y:.3f}<extra>' + c.name + '</extra>',
    })),
    layout: {
      title: { text: title },
      xaxis: { title: { text: 'lag (periods)' }, dtick: 1 },
      yaxis: { title: { text: 'weight' }, rangemode: 'tozero' },
      margin: { t: 48, r: 16, b: 48, l: 56 },
    },
  };
}
