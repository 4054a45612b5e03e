import type { PlotlyFigure } from './figure';
import type { FittedMmm } from '../mmm/fitted';
import type { MmmData } from '../mmm/spec';
import { createPlan, type Plan, type PlanOptions } from '../plan/create-plan';
import { GENERIC_UNITS, moneyAxis, outcomeAxis, type OutcomeUnits } from './outcome-units';

/** One named scenario: a budget or target with its own bounds and locks. */
export interface Scenario {
  name: string;
  options: PlanOptions;
}

/** Scenarios side by side: their plans, a table and a figure. */
export interface ScenarioComparison {
  plans: { name: string; plan: Plan }[];
  /** One row per scenario: budget, expected outcome with interval, ROI of the plan. */
  table: { name: string; budget: number; outcome: number; lower: number; upper: number; roi: number }[];
  figure: PlotlyFigure;
  /** The outcome's units the figure and the table read in. */
  units: OutcomeUnits;
}

/**
 * Plans several scenarios on the same fitted model and lays them side by side: spend per channel as
 * grouped bars, and each scenario's expected outcome with its interval on a second axis, in the
 * outcome's units.
 */
export function compareScenarios(
  fit: FittedMmm,
  data: MmmData,
  scenarios: Scenario[],
  units: OutcomeUnits = GENERIC_UNITS,
): ScenarioComparison {
  const plans = scenarios.map((s) => ({ name: s.name, plan: createPlan(fit, data, s.options) }));
  const channels = fit.channels.map((c) => c.name);
  const table = plans.map(({ name, plan }) => ({
    name,
    budget: plan.budget,
    outcome: plan.expected.mean,
    lower: plan.expected.lower,
    upper: plan.expected.upper,
    roi: plan.budget > 0 ? plan.expected.mean / plan.budget : 0,
  }));
  const figure: PlotlyFigure = {
    data: [
      ...plans.map(({ name, plan }) => ({
        type: 'bar',
        name,
        x: channels,
        y: channels.map((c) => plan.allocation[c]),
        hovertemplate: `${name}: %{x} %{y:,.0f}<extra></extra>`,
      })),
      {
        type: 'scatter',
        mode: 'markers',
        name: 'expected outcome',
        xaxis: 'x2',
        yaxis: 'y2',
        x: table.map((r) => r.name),
        y: table.map((r) => r.outcome),
        error_y: {
          type: 'data',
          symmetric: false,
          array: table.map((r) => r.upper - r.outcome),
          arrayminus: table.map((r) => r.outcome - r.lower),
        },
      },
    ],
    layout: {
      title: { text: 'Budget scenarios: spend per channel and expected outcome' },
      barmode: 'group',
      grid: { rows: 1, columns: 2, pattern: 'independent' },
      xaxis: { title: { text: 'channel' }, domain: [0, 0.62] },
      yaxis: { title: { text: moneyAxis('spend over the period', units) } },
      xaxis2: { title: { text: 'scenario' }, domain: [0.72, 1] },
      yaxis2: {
        title: { text: outcomeAxis(units, `media-driven ${units.conversion}`) },
        anchor: 'x2',
        rangemode: 'tozero',
      },
      margin: { t: 48, r: 16, b: 48, l: 64 },
    },
  };
  return { plans, table, figure, units };
}
