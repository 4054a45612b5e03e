import type { PlotlyFigure } from './figure';
import type { FittedMmm } from '../mmm/fitted';
import type { MmmData } from '../mmm/spec';
import { createPlan, type Plan, type PlanOptions } from '../plan/create-plan';
import type { GeoPlanData } from '../plan/geo-plan';
import type { GeoFit } from '../mmm/geo-fitted';
import { GENERIC_UNITS, moneyAxis, outcomeAxis, type OutcomeUnits } from './outcome-units';

/** One named scenario: a budget or target with its own bounds and locks. */
export interface Scenario {
  name: string;
  options: PlanOptions;
}

/** Scenarios side by side: their plans, a table and a figure. */
export interface ScenarioComparison {
  plans: { name: string; plan: Plan }[];
  /**
   * One row per scenario: budget, expected outcome with interval, ROI of the plan; on a geo-level model
   * also each geo's spend and outcome.
   */
  table: {
    name: string;
    budget: number;
    outcome: number;
    lower: number;
    upper: number;
    roi: number;
    geos?: Record<string, { spend: number; outcome: number }>;
  }[];
  figure: PlotlyFigure;
  /** Plans over a geo-level model's geos: spend per geo as grouped bars, one group per scenario. */
  geoFigure?: PlotlyFigure;
  /** The outcome's units the figure and the table read in. */
  units: OutcomeUnits;
}

/**
 * Plans several scenarios on the same fitted model and lays them side by side: spend per channel as
 * grouped bars, and each scenario's expected outcome with its interval on a second axis, in the
 * outcome's units. On a geo-level model with its data per geo the plans are over its geos (`createPlan`),
 * and the table and `geoFigure` show each geo's spend too.
 */
export function compareScenarios(
  fit: FittedMmm & { geo?: GeoFit },
  data: MmmData,
  scenarios: Scenario[],
  units: OutcomeUnits = GENERIC_UNITS,
  geoData?: GeoPlanData,
): ScenarioComparison {
  const plans = scenarios.map((s) => ({ name: s.name, plan: createPlan(fit, data, s.options, geoData) }));
  const channels = fit.channels.map((c) => c.name);
  const geoTotals = (plan: Plan) =>
    plan.byGeo
      ? {
          geos: Object.fromEntries(
            Object.entries(plan.byGeo).map(([g, cells]) => {
              const xs = Object.values(cells);
              return [
                g,
                { spend: xs.reduce((s, x) => s + x.spend, 0), outcome: xs.reduce((s, x) => s + x.outcome, 0) },
              ];
            }),
          ),
        }
      : {};
  const table = plans.map(({ name, plan }) => ({
    name,
    budget: plan.budget,
    outcome: plan.expected.mean,
    lower: plan.expected.lower,
    upper: plan.expected.upper,
    roi: plan.budget > 0 ? plan.expected.mean / plan.budget : 0,
    ...geoTotals(plan),
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
  const geos = table[0]?.geos ? Object.keys(table[0].geos) : null;
  const geoFigure: PlotlyFigure | undefined = geos
    ? {
        data: table.map((r) => ({
          type: 'bar',
          name: r.name,
          x: geos,
          y: geos.map((g) => r.geos![g]!.spend),
          hovertemplate: `${r.name}: %{x} %{y:,.0f}<extra></extra>`,
        })),
        layout: {
          title: { text: 'Budget scenarios: spend per geo' },
          barmode: 'group',
          xaxis: { title: { text: 'geo' } },
          yaxis: { title: { text: moneyAxis('spend over the period', units) }, rangemode: 'tozero' },
          margin: { t: 48, r: 16, b: 48, l: 64 },
        },
      }
    : undefined;
  return { plans, table, figure, units, ...(geoFigure ? { geoFigure } : {}) };
}
