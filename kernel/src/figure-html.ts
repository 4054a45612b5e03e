import { readFileSync } from 'node:fs';
import type { PlotlyFigure } from 'mixmodeler';
import { jsLiteral } from './js-literal';

/** The class of the HTML fallback; the JupyterLab extension hides outputs holding it. */
export const FALLBACK_CLASS = 'mixmodeler-fallback';

let plotlySource: string | undefined;

/** The minified plotly.js bundle, read once from `plotly.js-dist-min`. */
export function plotlyBundle(): string {
  plotlySource ??= readFileSync(require.resolve('plotly.js-dist-min'), 'utf8');
  return plotlySource;
}

/** Escapes text for an HTML element body or attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

let counter = 0;

/**
 * A self-contained HTML rendering of a plotly figure, for exported reports and viewers without our
 * extension. With `inlinePlotly` the plotly.js bundle is embedded (about 4.8 MB); without it the page
 * must already have `window.Plotly` (an earlier figure of the same report embedded it).
 */
export function figureHtml(fig: PlotlyFigure, options: { inlinePlotly: boolean }): string {
  const id = `mixmodeler-fig-${process.pid}-${++counter}`;
  const title = (fig.layout['title'] as { text?: string } | undefined)?.text ?? 'figure';
  const parts = [
    `<div class="${FALLBACK_CLASS}">`,
    `<div id="${id}" role="img" aria-label="${escapeHtml(title)}" style="width:100%;height:420px"></div>`,
  ];
  if (options.inlinePlotly) parts.push(`<script type="text/javascript">${plotlyBundle()}</script>`);
  parts.push(
    '<script type="text/javascript">',
    `(function(){var f=${jsLiteral(fig)};`,
    'function draw(){if(window.Plotly){window.Plotly.newPlot(' +
      `${JSON.stringify(id)},f.data,f.layout,{responsive:true});}else{setTimeout(draw,50);}}draw();})();`,
    '</script></div>',
  );
  return parts.join('');
}
