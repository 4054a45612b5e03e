/**
 * mixmodeler-kernel: mixmodeler in the tslab kernel. Display helpers for notebooks.
 */
export { showFigure } from './display';
export type { RawDisplay } from './display';
export { figureHtml, escapeHtml, FALLBACK_CLASS } from './figure-html';
export { modelCardHtml, showModel } from './model-card';
export { harmonizeSummaryHtml, showHarmonizeSummary } from './summary-card';
export { planHtml, showPlan } from './plan-card';
