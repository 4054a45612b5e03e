/**
 * mixmodeler: the public API, grouped by area. Everything a notebook, the CLI or the extension
 * uses is named here; nothing else is public.
 */

// errors
// Everything the browser entry holds (the store's layout, vocabularies, schemas, curve families, formatters).
export * from './browser';

export { MixModelerError, InputError, ConfigError, StoreError, ReplaceNotConfirmedError } from './errors';

// number formatting (one style for every front end)

// sampling: NUTS on an unconstrained vector, chains in worker threads, convergence diagnostics
export { sampleNuts } from './math/nuts';
export type { LogDensityTarget, NutsOptions, NutsResult, NutsStats, NutsPhase } from './math/nuts';
export { sampleChains, sampleChainsSync, parameterDraws } from './math/chains';
export type { ChainsOptions, ChainsResult, TargetModule } from './math/chains';
export { rhat, essBulk, essTail, mcseMean, ebfmi, summarizeDraws } from './math/mcmc-diagnostics';
export type { ChainDraws, DrawSummary } from './math/mcmc-diagnostics';

// transforms
export { geometricWeights, geometricAdstock, convolveLags } from './transforms/geometric';
export type { GeometricOptions } from './transforms/geometric';
export { hill } from './transforms/hill';
export type { HillOptions } from './transforms/hill';
export { logistic } from './transforms/logistic';
export type { LogisticOptions } from './transforms/logistic';
export { weibullWeights } from './transforms/weibull';
export type { WeibullOptions } from './transforms/weibull';
export { delayedWeights } from './transforms/delayed';
export type { DelayedOptions } from './transforms/delayed';
export {
  geometric,
  weibull,
  delayed,
  hillSaturation,
  logisticSaturation,
  adstockValue,
  saturationValue,
  compose,
} from './transforms/values';
export type { Transform, AdstockTransform, TransformJSON } from './transforms/values';
export { transformFromJSON, TRANSFORMS } from './transforms/from-json';
export type { TransformRegistry } from './transforms/from-json';

export type { ParamPrior, CurveParams } from './transforms/families/family';

// mmm
export { fitMmm, fitMmmAsync } from './mmm/fit';
export { fitGeoMmm, fitGeoMmmAsync, GEO_SPREADS, GEO_SPREAD_START } from './mmm/geo-fit';
export type { GeoPanelInput, GeoFitOptions } from './mmm/geo-fit';
export type { SpreadIntervals } from './mmm/geo-spread-intervals';
export type { GeoFit, GeoOfFit, GeoChannelFit, GeoNationalChannel } from './mmm/geo-fitted';
export { withGeoNational, type StoredMmm } from './mmm/geo-national';
export {
  CHAIN_PHASE_WORDS,
  chainsText,
  runSteps,
  runStepsAsync,
  type ChainProgress,
  type Progress,
  type ProgressListener,
  type Steps,
} from './mmm/progress';
export { scoreMmm, responseCurve, volumeCurve } from './mmm/score';
export type { ResponsePoint, VolumePoint, ChannelScore } from './mmm/score';
export type { MmmScores } from './mmm/score';
export { mmmDataFromTable } from './mmm/from-table';
export { mmmDataFromHarmonized, geoPanelFromHarmonized, nationalSum } from './harmonize/mmm-data';
export type { HarmonizedMapping, GeoPanel } from './harmonize/mmm-data';
export type { TableMapping, FrameInput, DataFrameLike } from './mmm/from-table';
export { resolveWindow } from './mmm/window';
export { ADVICE_HEADING, STATUS_RULES } from './mmm/status';

export type { MmmData, MmmConfig, ChannelSeries, FactorSeries, RoiPrior, SharePrior } from './mmm/spec';
export { isPaid } from './mmm/spec';
export type { FittedMmm, FittedChannel, Diagnostics } from './mmm/fitted';
export type { Interval } from './mmm/laplace';

// mta
export { journeysFromEvents } from './mta/journeys';
export type { EventRow, Journey, Touch } from './mta/journeys';
export { ruleCredits } from './mta/rules';
export type { RuleMethod } from './mta/rules';
export { markovWeights } from './mta/markov';
export { shapleyWeights } from './mta/shapley';
export { attribute } from './mta/attribute';
export { latentIntentWeights } from './mta/latent-intent';
export { intentFactorAttribution } from './mta/intent-factor-attribution';
export type { IntentFactorAttribution } from './mta/intent-factor-attribution';
export { fitIntentFactor } from './mta/intent-factor';
export type { IntentFactor } from './mta/intent-factor';
export type { LatentIntentFit } from './mta/latent-intent';
export type { MtaResult, TouchScore } from './mta/attribute';
export { eventRoiPriors } from './mta/event-priors';
export { writeTouchScoresParquet } from './data/touch-scores-parquet';
export { scaleToMmm, touchScoresCsv, touchScoresArrow } from './mta/transfer';
export { workspaceEvents } from './workspace/workspace-events';
export type { IncrementalTouch, ScalingFactor } from './mta/transfer';

// plan
export { maximizeOutcome, minimizeSpend } from './plan/optimize';
export type { AllocationChannel, Allocation } from './plan/optimize';
export { periodResponses } from './plan/period-response';
export type { PeriodResponse } from './plan/period-response';
export { createPlan } from './plan/create-plan';
export type { Plan, PlanOptions, ChannelBounds } from './plan/create-plan';
export type { GeoPlanData } from './plan/geo-plan';
export { ownedSplit } from './plan/owned-plan';
export type { OwnedSplit } from './plan/owned-plan';
export type { HeldChannel } from './plan/plan-types';
export { compareScenarios } from './insights/scenarios';
export type { Scenario, ScenarioComparison } from './insights/scenarios';

// synthetic data with known truth
export { generateSynthetic } from './synth/generate';
export type { SynthSpec, SynthChannel, SynthTruth, SpendPattern } from './synth/generate';
export { CASES, confoundedCase, correlatedCase, speedCase, ownedCase, OWNED_FAMILIES } from './synth/cases';
export { generateSample, SAMPLE_SPEC, EVENT_CHANNELS } from './synth/sample';
export { generateJourneys, CONFOUNDED_JOURNEYS } from './synth/confounded-journeys';
export type { JourneySpec, JourneyChannel } from './synth/confounded-journeys';
export { generateProcessJourneys } from './synth/journey-processes';
export type { JourneyProcess, ProcessChannel, ProcessJourneys } from './synth/journey-processes';
export { JOURNEY_PROCESSES } from './synth/journey-processes-cases';
export type { SampleData } from './synth/sample';
export { generateGeoPanel, GEO_PANEL_SPEC } from './synth/geo-panel';
export type { GeoPanelSpec, GeoPanelData, PanelGeo } from './synth/geo-panel';
export { geoPanelFiles, geoPanelRows } from './synth/geo-panel-files';
export type { GeoPanelRows } from './synth/geo-panel-files';
export { writeSample, SAMPLE_FILES, toCsv } from './workspace/write-sample';
export { installSample, SAMPLE_DATASETS } from './workspace/install-sample';

// insights

export { adstockDecayFigure } from './insights/adstock-decay';
export { roiFigure } from './insights/roi-figure';
export { planFigure, planGeoFigure } from './insights/plan-figure';
export { mtaFigure } from './insights/mta-figure';
export { modelInsights, inUnits, OWNED_NO_ROI } from './insights/model-insights';
export type { ModelInsights, InsightsInUnits, InsightsChannel } from './insights/model-insights';
export {
  contributionsFigure,
  shareFigure,
  responseCurvesFigure,
  fitFigure,
  waterfallFigure,
  adstockFigure,
  channelLabel,
} from './insights/figures';
export type { DecayCurve } from './insights/adstock-decay';
// a geo-level model's regional answers: figures and tables
export { geoAnswers, geoAnswersIn, geoChannels } from './insights/geo-insights';
export type { GeoAnswers, GeoSpread, GeoInterval } from './insights/geo-insights';
export { geoRoiFigure, geoContributionsFigure, geoFigures, GEO_FIGURES } from './insights/geo-figures';
export type { GeoFigureName } from './insights/geo-figures';
export { geoEfficiencyTable, geoSpreadTable, geoFitTable, geoTables } from './insights/geo-tables';
export type { TextTable } from './insights/geo-tables';

// data
export { loadCsv, sniffDelimiter } from './data/load-csv';
export type { CsvOptions } from './data/load-csv';
export { loadJson, loadNdjson } from './data/load-json';
export type { JsonOptions } from './data/load-json';
export { loadArrow } from './data/load-arrow';
export { loadParquet } from './data/load-parquet';
export { loadFile, FILE_FORMATS } from './data/load-file';
export { toFrame, isFrame } from './data/frame';
export type { Frame, TableInput, DataRecord } from './data/frame';
export { parseDate, detectDateOrder } from './data/parse-date';
export type { DateOrder } from './data/parse-date';
export { parseNumber } from './data/parse-number';
export { checkKind, MEDIA_METRICS, EVENT_METRICS } from './data/kinds';

export { schemaProblems } from './data/schema';
export { datasetEntries } from './data/dataset-entries';
export { geoColumn, GEO } from './data/geo-column';
export { populationRows } from './data/population';
export type { PopulationRow } from './data/population';
export type { Entry, EntryTable } from './data/entry';
export { importDataset } from './data/import-dataset';
export type { ImportOptions } from './data/import-dataset';
export { importFile } from './data/import-file';
export { readDatasets } from './data/dataset-store';
export { DATASET_FORMAT } from './data/dataset-manifest';
export type { DatasetManifest, DatasetInfo } from './data/dataset-manifest';

// harmonize
export { checkRules } from './harmonize/check-rules';
export type { Rules, ResolvedRules, SourceRules, ConflictStrategy, FactorAggregation } from './harmonize/rules';
export { periodStart, periodRange, GRAINS, WEEKDAYS } from './math/calendar';
export type { Grain, Weekday } from './math/calendar';
export { resolveConflicts } from './harmonize/conflicts';
export type { Conflict } from './harmonize/conflicts';
export { harmonizeDatasets } from './harmonize/harmonize-datasets';
export type { DatasetInput } from './harmonize/harmonize-datasets';
export { harmonize } from './harmonize/harmonize-workspace';
export type { HarmonizeOptions } from './harmonize/harmonize-workspace';
export type { Harmonized } from './harmonize/harmonized';
export type { MissingCells } from './harmonize/to-grain';
export { geoTotals } from './harmonize/geo-totals';
export type { GeoTotal } from './harmonize/geo-totals';
export { checkGeos, MIN_GEO_DAYS } from './harmonize/check-geos';
export { readHarmonized, readHarmonizedManifest, HARMONIZED_FORMAT } from './harmonize/harmonized-store';
export type { HarmonizedManifest } from './harmonize/harmonized-store';
export { eventsAggregationSql } from './harmonize/events-sql';
export type { EventsSqlOptions } from './harmonize/events-sql';
export { harmonizeEventsFile } from './harmonize/harmonize-events-file';
export type { EventsFileOptions, EventsFileAggregates, EventAggregate } from './harmonize/harmonize-events-file';
export { harmonizeEventsSpark } from './harmonize/harmonize-events-spark';
export type { SparkEventsFileOptions, SparkEventsSource } from './harmonize/harmonize-events-spark';
export { importEventsFile } from './harmonize/import-events-file';
export type { ImportEventsOptions } from './harmonize/import-events-file';

// workspace store
export { listModels } from './workspace/models';

// file formats: every file is checked against its JSON Schema in lib/schemas

// lifecycle
export { fitInputs } from './workspace/model-config';

export {
  readModel,
  readModelFile,
  writeModel,
  deleteModels,
  migrate,
  modelDir,
  MODEL_SCHEMA,
} from './workspace/model-store';
export type { ModelRecord, ModelRun } from './workspace/model-store';
export {
  registerModel,
  createModel,
  trainModel,
  scoreModel,
  duplicateModel,
  editModel,
  rebuildModel,
} from './workspace/lifecycle';
export type { StoredScores, RunOptions } from './workspace/lifecycle';
export {
  loadModelFit,
  storedInsights,
  insightsOf,
  modelData,
  modelGeoPanel,
  withGeoLevel,
} from './workspace/model-fit';
export type { LoadedModel, StoredInsights, GeoInsights } from './workspace/model-fit';
export { createStoredPlan, readPlan, listPlans, defaultPlanName } from './workspace/plan-store';
export { renamePlan, deletePlan } from './workspace/plan-edit';
export {
  modelSummary,
  modelDetails,
  modelInsightsView,
  planContext,
  storedScenarios,
  leaderboard,
  modelUnits,
} from './workspace/views';
export type { ModelDetails, ModelInsightsView, PlanContext, LeaderboardRow } from './workspace/views';
export { overviewView, harmonizedCoverage, DASHBOARD_WIDGETS, DASHBOARD_FILE } from './workspace/overview';
export type { OverviewView } from './workspace/overview';
export { attributeWorkspace } from './workspace/attribution';
export type { WorkspaceAttribution, ChannelScaling } from './workspace/attribution';
export { insightFigures, INSIGHT_FIGURES } from './insights/model-figures';
export type { InsightFigureName } from './insights/model-figures';
export { attributionView, ENGINE_WORDS, lookbackInWords } from './workspace/attribution-view';
export type { AttributionView, AttributionViewMethod, AttributionViewOptions } from './workspace/attribution-view';
export { planBaseline } from './plan/create-plan';
export type { PlanBaseline } from './plan/create-plan';
export type { StoredPlan, PlanRow } from './workspace/plan-store';
export { withLock, withLockSync, isLocked, lockHolder } from './fs/lock';
export type { LockOwner } from './fs/lock';
export { runDue, isDue } from './workspace/run-due';
export type { DueRun } from './workspace/run-due';
export { trainModels } from './workspace/train-pool';
export type { TrainJob, TrainOutcome, TrainPoolOptions } from './workspace/train-pool';
export { writeFileAtomic } from './fs/atomic-write';
export { replaceFileOps } from './fs/file-ops';
export type { FileOps } from './fs/file-ops';
export { listDatasets, deleteDataset } from './data/dataset-store';
export type { DatasetRow } from './data/dataset-store';
export { readScores, scoredMessage } from './workspace/model-scores';
export { runInterrupted, INTERRUPTED_ERROR } from './workspace/model-summary';

export { attributeEventFiles } from './harmonize/journeys-duckdb';
export type { EventFileSource, EventFilesOptions, EventFilesAttribution } from './harmonize/journeys-duckdb';
export { attributeEventFilesSpark } from './harmonize/journeys-spark';
export type { SparkEventSource, SparkEventFilesOptions, SparkEventFilesAttribution } from './harmonize/journeys-spark';
export { runSparkSql } from './data/spark-sql';
export type { SparkSqlJob, SparkSqlResult } from './data/spark-sql';
export { openSparkSession } from './data/spark-session';
export type { LiftTest } from './mmm/spec';
export { VERSION } from './version';
