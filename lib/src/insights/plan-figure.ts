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
      xaxis: { title: { text: 'channel' } },
      yaxis: { title: { text: `${spendAxis} over ${plan.weeks} weeks` }, rangemode: 'tozero', tickformat: ',.0f' },
      legend: { orientation: 'h' },
      margin: { t: 48, r: 16, b: 48, l: 64 },
    },
  };
}
