import { StoreError } from '../errors';
import type { PlotlyFigure } from '../insights/figure';
import { insightFigures } from '../insights/model-figures';
import { compareScenarios, type Scenario, type ScenarioComparison } from '../insights/scenarios';
import { ADVICE_HEADING } from '../mmm/status';
import { planBaseline, type PlanBaseline } from '../plan/create-plan';
import { insightsOf, loadModelFit, storedInsights } from './model-fit';
import { readModel, type ModelRecord } from './model-store';
import type { ModelSummary } from './model-summary';
import { listModels } from './models';

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

/** A model's details for the details pop-up: its record, and its ROI and fit when trained. */
export interface ModelDetails {
  model: ModelRecord;
  roi: Record<string, { mean: number; lower: number; upper: number }> | null;
  diagnostics: Record<string, number | null> | null;
}

/** @throws StoreError when the model does not exist */
export function modelDetails(workspace: string, id: string): ModelDetails {
  const model = readModel(workspace, id);
  const insights = model.currentVersion === null ? null : storedInsights(workspace, id);
  return {
    model,
    roi: insights && Object.fromEntries(Object.entries(insights.channels).map(([c, v]) => [c, v.roi])),
    diagnostics: insights && { ...insights.diagnostics },
  };
}

/** A trained model's insights for the insights view: status, fit and every insight figure. */
export interface ModelInsightsView {
  model: { id: string; name: string; version: number };
  status: string;
  reasons: string[];
  /** The advice heading and the channels whose ROI a lift test would settle (none: empty list). */
  advice: { heading: string; items: string[] };
  window: { from: string; to: string };
  diagnostics: Record<string, number | null>;
  figures: PlotlyFigure[];
}

/** @throws StoreError as `loadModelFit` */
export function modelInsightsView(workspace: string, id: string): ModelInsightsView {
  const loaded = loadModelFit(workspace, id);
  const ins = insightsOf(loaded);
  return {
    model: ins.model,
    status: ins.status,
    reasons: ins.reasons,
    advice: { heading: ADVICE_HEADING, items: ins.advice },
    window: ins.window,
    diagnostics: { ...ins.diagnostics },
    figures: Object.values(insightFigures(loaded.fit, ins)),
  };
}

/** The current spend per channel over a plan period, for the plans view's bounds table. */
export type PlanContext = PlanBaseline;

/** @throws StoreError as `loadModelFit`; InputError when `weeks` is out of range */
export function planContext(workspace: string, id: string, weeks: number): PlanContext {
  const { fit, data } = loadModelFit(workspace, id);
  return planBaseline(fit, data, weeks);
}

/** Plans side by side on a model's current version (each scenario's plan records the model). */
export function storedScenarios(workspace: string, id: string, scenarios: Scenario[]): ScenarioComparison {
  const { fit, data, version } = loadModelFit(workspace, id);
  const model = { id, version };
  return compareScenarios(
    fit,
    data,
    scenarios.map((sc) => ({ name: sc.name, options: { ...sc.options, model } })),
  );
}

/** Per trained model: its ROI per channel, for the dashboard's leaderboard. */
export interface LeaderboardRow {
  id: string;
  name: string;
  version: number;
  status: string;
  channel: string;
  roi: number;
  lower: number;
  upper: number;
}

/** Every channel of every trained model, highest ROI first. */
export function leaderboard(workspace: string): LeaderboardRow[] {
  const rows: LeaderboardRow[] = [];
  for (const m of listModels(workspace)) {
    if (readModel(workspace, m.id).currentVersion === null) continue;
    const ins = storedInsights(workspace, m.id);
    for (const [channel, c] of Object.entries(ins.channels)) {
      rows.push({
        id: m.id,
        name: m.name,
        version: ins.model.version,
        status: m.status,
        channel,
        roi: c.roi.mean,
        lower: c.roi.lower,
        upper: c.roi.upper,
      });
    }
  }
  return rows.sort((a, b) => b.roi - a.roi);
}
