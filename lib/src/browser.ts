/**
 * mixmodeler's browser-safe entry: what the JupyterLab extension bundles (`mixmodeler/dist/browser`),
 * the store's layout and the vocabularies of its files, the readers and checks the extension shares
 * with the CLI, and the number formatters. Nothing reachable from this file imports a Node module
 * (checked in .dependency-cruiser.cjs); everything here is also in the main entry, `index.ts`.
 */

// the workspace store's layout
export {
  DEFAULT_WORKSPACE,
  DATASETS_FOLDER,
  HARMONIZED_FOLDER,
  MANIFEST_FILE,
  MODELS_FOLDER,
  MODEL_FILE,
  PLANS_FOLDER,
  PROGRESS_FILE,
} from './fs/layout';

// the models table
export { parseModelSummary, MODEL_STATUSES, HEARTBEAT_MS, HEARTBEAT_STALE_MS } from './workspace/model-summary';
export type { ModelSummary, ModelStatus, RunEvidence } from './workspace/model-summary';

// file formats: their JSON Schemas (lib/schemas) and our messages for a file that does not fit
export { checkSchema, schemaProblem, withDefaults, FORMATS } from './fs/schemas';
export type { FileFormat } from './fs/schemas';
// model.json's fields in the user's words, and problem messages in them (the canvas and dialogs)
export { MODEL_FIELD_LABELS, fieldLabel, ruleInWords, messageInWords } from './fs/field-labels';

// model.json and its vocabularies
export {
  validateModelConfig,
  NAME_MAX,
  DESCRIPTION_MAX,
  TOUCHPOINT_SOURCES,
  RUN_FREQUENCIES,
  spendShareLabel,
} from './workspace/model-config';
export type { ModelConfig, Touchpoint, TouchpointSource, RunFrequency } from './workspace/model-config';
export { PRIOR_SOURCES, USER_PRIOR_SOURCES } from './mmm/spec';
export type { PriorSource, UserPriorSource } from './mmm/spec';
export { windowProblem, trainingWindowLabel, MIN_WINDOW_DAYS, type TrainingWindow } from './mmm/window';
// the harmonized data's range and what a training window takes of it
export { dataRange, windowOnData } from './workspace/data-range';
export type { DataRange, WindowOnData } from './workspace/data-range';
export { MTA_METHODS, DEFAULT_MTA_METHOD } from './mta/attribute';
export type { MtaMethod } from './mta/attribute';
export { DATASET_KINDS } from './data/kinds';
export type { DatasetKind } from './data/kinds';
export type { HarmonizeSummary } from './harmonize/harmonized';
export type { GeoTotal } from './harmonize/geo-totals';

// the curve families: names, labels and descriptions for choosers, defaults
export {
  ADSTOCK_FAMILIES,
  SATURATION_FAMILIES,
  ADSTOCK_KINDS,
  SATURATION_KINDS,
  DEFAULT_ADSTOCK,
  DEFAULT_SATURATION,
  adstockFamily,
  saturationFamily,
} from './transforms/families/registry';
export type { AdstockKind, SaturationKind } from './transforms/families/registry';
export type { AdstockFamily, SaturationFamily } from './transforms/families/family';

// figures
export { PLOTLY_MIME } from './insights/figure';
export type { PlotlyFigure } from './insights/figure';
export { planFigure, planGeoFigure } from './insights/plan-figure';
// a geo-level model's regional answers: figures and tables
export { geoAnswersIn, geoChannels } from './insights/geo-insights';
export type { GeoAnswers, GeoInsights, GeoSpread, GeoInterval } from './insights/geo-insights';
export { geoRoiFigure, geoContributionsFigure, geoFigures, GEO_FIGURES } from './insights/geo-figures';
export type { GeoFigureName } from './insights/geo-figures';
export { geoEfficiencyTable, geoSpreadTable, geoFitTable, geoTables } from './insights/geo-tables';
export type { TextTable } from './insights/geo-tables';

// the overview dashboard's figures (the view `overviewView` builds them; a front end may from rows)
export { leaderboardFigure, spendEffectFigure, coverageFigure } from './insights/overview-figures';
export type { LeaderboardEntry, ChannelShares, Coverage } from './insights/overview-figures';

// plans: the default bounds (0.5–1.5× current spend) and the stored plan's shape
export { DEFAULT_BOUNDS } from './plan/plan-bounds';
export type { ChannelBounds, RelativeBounds, ResolvedBound } from './plan/plan-bounds';
export type { Plan, PlanChannel } from './plan/plan-types';

// the outcome's units: ROI for revenue, cost per acquisition for counts; the three shares by name
export {
  outcomeUnits,
  outcomeKind,
  channelEfficiency,
  formatOutcome,
  formatSpend,
  formatEfficiency,
  moneyAxis,
  outcomeAxis,
  efficiencyAxis,
  GENERIC_UNITS,
  SHARE_LABELS,
} from './insights/outcome-units';
export type { OutcomeUnits, OutcomeKind, Efficiency } from './insights/outcome-units';

// number formatting
export { formatNumber, formatInteger, formatPercent, formatAmount, formatMoney, MISSING } from './format';
export { CHAIN_PHASE_WORDS, chainsText, type ChainProgress } from './mmm/progress';
