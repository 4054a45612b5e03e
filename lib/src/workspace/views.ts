import { StoreError } from '../errors';
import type { PlotlyFigure } from '../insights/figure';
import { geoFigures } from '../insights/geo-figures';
import { geoAnswersIn } from '../insights/geo-insights';
import { geoTables, type TextTable } from '../insights/geo-tables';
import { insightFigures } from '../insights/model-figures';
import { compareScenarios, type Scenario, type ScenarioComparison } from '../insights/scenarios';
import { channelEfficiency, outcomeUnits, type Efficiency, type OutcomeUnits } from '../insights/outcome-units';
import { ADVICE_HEADING } from '../mmm/status';
import { planBaseline, type PlanBaseline } from '../plan/create-plan';
import { insightsOf, loadModelFit, storedInsights } from './model-fit';
import { readModel, type ModelRecord } from './model-store';
import type { ModelSummary } from './model-summary';
import { listModels } from './models';
import { planGeoData } from './plan-store';

/**
 * The read-side use cases the CLI, the notebook kernel's actions and the extension share: each reads
 * the workspace store and returns one JSON-able view.
 */

/** The `model list` row of one model. @throws StoreError when the model is not in the workspace */
export function modelSummary(workspace: string, id: string): ModelSummary {
  const row = listModels(workspace).find((r) => r.id === id);
  if (!row) throw new StoreError(`no model ${id} in ${workspace}`);
  return row;
}

/** The units of a stored model's outcome, from its conversion's name (ROI for revenue, CPA for counts). */
export function modelUnits(model: Pick<ModelRecord, 'config'>): OutcomeUnits {
  return outcomeUnits(model.config.conversion);
}

/** A model's details for the details pop-up: its record, and its ROI (or CPA) and fit when trained. */
export interface ModelDetails {
  model: ModelRecord;
  units: OutcomeUnits;
  /** Per channel its ROI; null for an owned channel (no spend). */
  roi: Record<string, { mean: number; lower: number; upper: number } | null> | null;
  /** Per channel: the ROI for revenue, the cost per acquisition for counts (`units.efficiency`). */
  efficiency: Record<string, Efficiency> | null;
  /** The owned and earned channels (no spend, no ROI): each one's contribution per unit of volume, 90% interval. */
  perUnit: Record<string, { mean: number; lower: number; upper: number }> | null;
  diagnostics: Record<string, number | null> | null;
}

/** @throws StoreError when the model does not exist */
export function modelDetails(workspace: string, id: string): ModelDetails {
  const model = readModel(workspace, id);
  const insights = model.currentVersion === null ? null : storedInsights(workspace, id);
  const units = modelUnits(model);
  const channels = Object.entries(insights?.channels ?? {});
  return {
    model,
    units,
    roi: insights && Object.fromEntries(channels.map(([c, v]) => [c, v.roi])),
    efficiency: insights && Object.fromEntries(channels.map(([c, v]) => [c, channelEfficiency(v.roi, units)])),
    perUnit:
      insights &&
      Object.fromEntries(channels.flatMap(([c, v]) => (v.contributionPerUnit ? [[c, v.contributionPerUnit]] : []))),
    diagnostics: insights && { ...insights.diagnostics },
  };
}

/** A trained model's insights for the insights view: status, fit and every insight figure. */
export interface ModelInsightsView {
  model: { id: string; name: string; version: number };
  /** The outcome's units: what the figures' axes and the numbers are in. */
  units: OutcomeUnits;
  status: string;
  reasons: string[];
  /** The advice heading and the channels whose ROI a lift test would settle (none: empty list). */
  advice: { heading: string; items: string[] };
  window: { from: string; to: string };
  diagnostics: Record<string, number | null>;
  /** Per channel, for the table beside the figures: ROI and efficiency (ROI or CPA) with 90% intervals, spend, contribution, the three shares, marginal ROI. */
  channels: Record<string, InsightsChannelRow>;
  figures: PlotlyFigure[];
  /** The figures' names, aligned with `figures` (`roi`, `contributions`, … as `insights --figures` names their files). */
  figureNames: string[];
  /**
   * A geo-level model's regional answers after the national ones: its geos and their tables (each geo's
   * ROI or CPA with intervals, the spread and pooling per channel, the fit per geo); the geo figures
   * (`geo-roi`, `geo-contributions`) close `figures`. Null for a national model.
   */
  geo: { geos: string[]; tables: TextTable[] } | null;
  /** A model of geo data fitted on their national sum says so (`the sum of 8 geos`); else null. */
  fittedOn: string | null;
}

/** One channel of a model's insights, in the table beside the figures. */
export interface InsightsChannelRow {
  /** Paid media, or an owned or earned channel: no spend, so no ROI (null) but a contribution per unit. */
  paid: boolean;
  roi: { mean: number; lower: number; upper: number } | null;
  /** An owned channel's contribution per unit of volume (90% interval) and its volume over the window. */
  contributionPerUnit?: { mean: number; lower: number; upper: number };
  volume?: number;
  efficiency: Efficiency;
  spend: number;
  contribution: number;
  /** Share of outcome, share of media effect, share of spend. */
  share: number;
  effectShare: number;
  spendShare: number;
  marginalRoi: number | null;
}

/** @throws StoreError as `loadModelFit` */
export function modelInsightsView(workspace: string, id: string): ModelInsightsView {
  const loaded = loadModelFit(workspace, id);
  const ins = insightsOf(loaded);
  const units = modelUnits(loaded.model);
  const geo = geoAnswersIn(ins);
  const figures = { ...insightFigures(loaded.fit, ins, units), ...(geo ? geoFigures(geo, units) : {}) };
  return {
    model: ins.model,
    units,
    status: ins.status,
    reasons: ins.reasons,
    advice: { heading: ADVICE_HEADING, items: ins.advice },
    window: ins.window,
    diagnostics: { ...ins.diagnostics },
    channels: Object.fromEntries(
      Object.entries(ins.channels).map(([c, v]) => [
        c,
        {
          paid: v.paid,
          roi: v.roi,
          ...(v.contributionPerUnit ? { contributionPerUnit: v.contributionPerUnit, volume: v.volume } : {}),
          efficiency: channelEfficiency(v.roi, units),
          spend: v.spend,
          contribution: v.contribution,
          share: v.share,
          effectShare: v.effectShare,
          spendShare: v.spendShare,
          marginalRoi: v.marginalRoi,
        },
      ]),
    ),
    figures: Object.values(figures),
    figureNames: Object.keys(figures),
    geo: geo && { geos: Object.keys(geo.geos), tables: geoTables(geo, units) },
    fittedOn: ins.fittedOn ?? null,
  };
}

/** The current spend per channel (and per geo on a geo-level model) over a plan period, for the plans view's bounds tables. */
export type PlanContext = PlanBaseline;

/** @throws StoreError as `loadModelFit`; InputError when `weeks` is out of range */
export function planContext(workspace: string, id: string, weeks: number): PlanContext {
  const { fit, data, model } = loadModelFit(workspace, id);
  return planBaseline(fit, data, weeks, planGeoData(workspace, model, fit));
}

/** Plans side by side on a model's current version (each scenario's plan records the model). */
export function storedScenarios(workspace: string, id: string, scenarios: Scenario[]): ScenarioComparison {
  const { fit, data, version, model: record } = loadModelFit(workspace, id);
  const model = { id, version };
  return compareScenarios(
    fit,
    data,
    scenarios.map((sc) => ({ name: sc.name, options: { ...sc.options, model } })),
    modelUnits(record),
    planGeoData(workspace, record, fit),
  );
}

/** Per trained model: its ROI (and CPA for a count model) per channel, for the dashboard's leaderboard. */
export interface LeaderboardRow {
  id: string;
  name: string;
  version: number;
  status: string;
  /** The model's conversion and its kind: ROI ranks revenue models, cost per acquisition count models. */
  conversion: string;
  units: OutcomeUnits;
  channel: string;
  roi: number;
  lower: number;
  upper: number;
  /** The ROI for revenue, the cost per acquisition for counts. */
  efficiency: Efficiency;
  spend: number;
  contribution: number;
  /** The channel's share of the model's media spend and of its media effect. */
  spendShare: number;
  effectShare: number;
}

/** Every paid channel of every trained model, highest ROI first (owned channels have no ROI to rank). */
export function leaderboard(workspace: string): LeaderboardRow[] {
  const rows: LeaderboardRow[] = [];
  for (const m of listModels(workspace)) {
    if (readModel(workspace, m.id).currentVersion === null) continue;
    const ins = storedInsights(workspace, m.id);
    const units = outcomeUnits(m.conversion);
    for (const [channel, c] of Object.entries(ins.channels)) {
      if (c.roi === null) continue;
      rows.push({
        id: m.id,
        name: m.name,
        version: ins.model.version,
        status: m.status,
        conversion: m.conversion,
        units,
        channel,
        roi: c.roi.mean,
        lower: c.roi.lower,
        upper: c.roi.upper,
        efficiency: channelEfficiency(c.roi, units),
        spend: c.spend,
        contribution: c.contribution,
        spendShare: c.spendShare,
        effectShare: c.effectShare,
      });
    }
  }
  return rows.sort((a, b) => b.roi - a.roi);
}
