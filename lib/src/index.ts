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

// insights
export { PLOTLY_MIME } from './insights/figure';
export type { PlotlyFigure } from './insights/figure';
export { adstockDecayFigure } from './insights/adstock-decay';
export type { DecayCurve } from './insights/adstock-decay';

// workspace store
export { listModels } from './store/models';
export { DEFAULT_WORKSPACE, MODELS_FOLDER, MODEL_FILE } from './store/layout';
export { parseModelSummary, MODEL_STATUSES } from './store/model-summary';
export type { ModelSummary, ModelStatus } from './store/model-summary';

export { VERSION } from './version';
