/**
 * mixmodeler: the public API, grouped by area. Everything a notebook, the CLI or the extension
 * uses is named here; nothing else is public.
 */

// errors
export { MixModelerError, InputError, ConfigError, StoreError } from './errors';

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
  compose,
  transformFromJSON,
  TRANSFORMS,
} from './transforms/values';
export type { Transform, AdstockTransform, TransformJSON, TransformRegistry } from './transforms/values';

// mmm
export { fitMmm } from './mmm/fit';
export { scoreMmm, responseCurve } from './mmm/score';
export type { MmmScores } from './mmm/score';
export { mmmDataFromTable } from './mmm/from-table';
export type { TableMapping, FrameInput, DataFrameLike } from './mmm/from-table';
export { resolveWindow } from './mmm/window';
export { STATUS_RULES } from './mmm/status';
export type {
  MmmData,
  MmmConfig,
  ChannelSeries,
  FactorSeries,
  RoiPrior,
  SharePrior,
  PriorSource,
  AdstockKind,
  SaturationKind,
} from './mmm/spec';
export type { FittedMmm, FittedChannel, Diagnostics } from './mmm/fitted';
export type { Interval } from './mmm/laplace';

// synthetic data with known truth
export { generateSynthetic } from './synth/generate';
export type { SynthSpec, SynthChannel, SynthTruth, SpendPattern } from './synth/generate';
export { CASES, confoundedCase, correlatedCase, speedCase } from './synth/cases';

// insights
export { PLOTLY_MIME } from './insights/figure';
export type { PlotlyFigure } from './insights/figure';
export { adstockDecayFigure } from './insights/adstock-decay';
export { roiFigure } from './insights/roi-figure';
export type { DecayCurve } from './insights/adstock-decay';

// workspace store
export { listModels } from './store/models';
export { DEFAULT_WORKSPACE, MODELS_FOLDER, MODEL_FILE } from './store/layout';
export { parseModelSummary, MODEL_STATUSES } from './store/model-summary';
export type { ModelSummary, ModelStatus } from './store/model-summary';

export { VERSION } from './version';
