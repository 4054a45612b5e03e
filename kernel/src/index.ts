/**
 * mixmodeler-kernel: mixmodeler in the tslab kernel. Display helpers for notebooks: every object shows
 * itself as HTML (which exported reports keep) and figures also as plotly MIME bundles (drawn by the
 * JupyterLab extension).
 */
export { showFigure, tslabDisplay } from './display';
export type { RawDisplay } from './display';
export { figureHtml, escapeHtml, FALLBACK_CLASS } from './figure-html';
export { htmlTable } from './html';
export { modelCardHtml, showModel } from './model-card';
export { harmonizeSummaryHtml, showHarmonizeSummary } from './summary-card';
export { planHtml, showPlan } from './plan-card';
export { datasetHtml, showDataset, profileColumns } from './dataset-card';
export { modelConfigHtml, showModelConfig } from './config-card';
export { progressHtml, showProgress } from './progress-display';
export { mtaHtml, showMta, scenariosHtml, showScenarios } from './result-cards';
export { attributionHtml } from './attribution-card';
export type { AttributionShown } from './attribution-card';
export { geoInsightsHtml, showGeoInsights } from './geo-card';
export type { GeoSource } from './geo-card';
export { runAction } from './actions';
export { ACTION_PROGRESS_MIME, ACTION_RESULT_MIME } from './action-protocol';
export type {
  ActionRequest,
  ActionResult,
  ActionProgress,
  ModelDetails,
  ModelInsightsView,
  OverviewView,
} from './action-protocol';
