/**
 * A plotly figure as plain JSON ({ data, layout }), the payload of the
 * `application/vnd.plotly.v1+json` MIME type. lib never imports plotly.js: renderers do.
 */
export interface PlotlyFigure {
  data: Array<Record<string, unknown>>;
  layout: Record<string, unknown>;
}

/** The MIME type JupyterLab and our extension render plotly figures from. */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
