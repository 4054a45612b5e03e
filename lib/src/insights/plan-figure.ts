import type { Plan } from '../plan/plan-types';
import type { PlotlyFigure } from './figure';

// No Node imports: the JupyterLab extension draws a stored plan's figure from its file.

/**
 * A plan's allocation beside the current spend: per channel, grouped bars of current and planned
 * spend over the plan period, channels in the plan's order.
 *
 * @param plan the plan's channels (`createPlan`, or a stored plan's file)
 * @param spendAxis the spend axis's title, with its currency where one is known
 * @example planFigure(createPlan(fit, data, { weeks: 13, budget: 2e6 }))
 */
export function planFigure(plan: Pick<Plan, 'channels' | 'weeks'>, spendAxis = 'spend'): PlotlyFigure {
  const names = Object.keys(plan.channels);
  const bar = (name: string, key: 'current' | 'spend') => ({
    type: 'bar',
    name,
    x: names,
    y: names.map((c) => plan.channels[c]![key]),
    hovertemplate: `%{x}: ${name.toLowerCase()} %{y:,.0f}<extra></extra>`,
  });
  return {
    data: [bar('Current spend', 'current'), bar('Planned spend', 'spend')],
    layout: {
      title: { text: 'Current and planned spend' },
      barmode: 'group',
      // The channels name themselves; the legend goes under them. The spend axis makes room for its
      // ticks (millions, with separators) and its title, which otherwise overlap beside the table.
      xaxis: { automargin: true },
      yaxis: {
        title: { text: `${spendAxis} over ${plan.weeks} weeks` },
        rangemode: 'tozero',
        tickformat: ',.0f',
        automargin: true,
      },
      legend: { orientation: 'h' },
      margin: { t: 48, r: 16, b: 48, l: 64 },
    },
  };
}

/**
 * A geo plan's change per geo × channel as a heatmap: planned over current spend minus one (red cuts,
 * blue raises, white none), each cell labelled with its change and, on hover, its current and planned
 * spend. Null for a national plan.
 *
 * @param plan the plan's cells (`byGeo` of a plan on a geo-level model)
 * @example planGeoFigure(createPlan(fit, data, { weeks: 13, budget: 2e6 }, geoData))
 */
export function planGeoFigure(plan: Pick<Plan, 'byGeo' | 'weeks'>, spendAxis = 'spend'): PlotlyFigure | null {
  if (!plan.byGeo) return null;
  const geos = Object.keys(plan.byGeo);
  const channels = Object.keys(plan.byGeo[geos[0]!] ?? {});
  const cell = (g: string, c: string) => plan.byGeo![g]![c]!;
  const change = geos.map((g) =>
    channels.map((c) => (cell(g, c).current > 0 ? cell(g, c).spend / cell(g, c).current - 1 : null)),
  );
  const limit = Math.max(0.05, ...change.flat().map((v) => Math.abs(v ?? 0)));
  return {
    data: [
      {
        type: 'heatmap',
        x: channels,
        y: geos,
        z: change,
        zmin: -limit,
        zmax: limit,
        colorscale: 'RdBu',
        colorbar: { title: { text: 'change' }, tickformat: '+.0%' },
        text: change.map((row) => row.map((v) => (v === null ? 'new' : `${v >= 0 ? '+' : ''}${Math.round(100 * v)}%`))),
        texttemplate: '%{text}',
        customdata: geos.map((g) => channels.map((c) => [cell(g, c).current, cell(g, c).spend])),
        hovertemplate: `%{y} %{x}: current %{customdata[0]:,.0f}, planned %{customdata[1]:,.0f} (${spendAxis} over ${plan.weeks} weeks)<extra></extra>`,
      },
    ],
    layout: {
      // Two lines: the figure sits beside the allocation table, in a third of the view.
      title: { text: 'Planned change in spend<br>per geo and channel' },
      xaxis: { title: { text: 'channel' } },
      yaxis: { title: { text: 'geo' }, autorange: 'reversed' },
      margin: { t: 72, r: 16, b: 48, l: 80 },
    },
  };
}
