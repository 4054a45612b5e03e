import { PLOTLY_MIME, type PlotlyFigure } from 'mixmodeler';
import { figureHtml } from './figure-html';

/** The part of tslab's display API we use (tslab's `Display`). */
export interface RawDisplay {
  raw(contentType: string, data: string | Uint8Array): unknown;
}

let plotlyInlined = false;

/** tslab's display of the running cell. */
export function tslabDisplay(): RawDisplay {
  // Loaded lazily: requiring tslab outside a running kernel is fine, displaying is not.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('tslab') as { display: RawDisplay }).display;
}

/**
 * Shows a plotly figure in the notebook: the plotly MIME bundle (drawn by our JupyterLab extension)
 * and an HTML fallback that survives nbconvert's HTML export, which drops the plotly MIME type.
 * The first figure of a kernel process embeds plotly.js; later ones reuse it.
 */
export function showFigure(fig: PlotlyFigure, display: RawDisplay = tslabDisplay()): void {
  // tslab forwards the value as is, so a JSON object reaches the frontend as JSON, not as a string.
  display.raw(PLOTLY_MIME, fig as unknown as string);
  display.raw('text/html', figureHtml(fig, { inlinePlotly: !plotlyInlined }));
  plotlyInlined = true;
}
