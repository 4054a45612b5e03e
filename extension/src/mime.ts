import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { PLOTLY_MIME } from 'mixmodeler/dist/browser';

interface Figure {
  data: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

type PlotlyModule = {
  react(node: HTMLElement, data: unknown[], layout?: unknown, config?: unknown): Promise<unknown>;
  purge(node: HTMLElement): void;
  Plots: { resize(node: HTMLElement): void };
};

let plotly: Promise<PlotlyModule> | undefined;

// plotly.js is about 4.8 MB: load it in its own chunk, the first time a figure is drawn.
function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import('plotly.js-dist-min').then((m) => ((m as { default?: PlotlyModule }).default ?? m) as PlotlyModule);
  return plotly;
}

/** Draws a plotly MIME bundle with plotly.js, so notebooks need no Python plotly package. */
export class PlotlyRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(private readonly mimeType: string) {
    super();
    this.addClass('mm-plotly');
    this.node.setAttribute('role', 'img');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const raw = model.data[this.mimeType];
    const fig = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Figure;
    const title = (fig.layout?.['title'] as { text?: string } | string | undefined) ?? 'plot';
    this.node.setAttribute('aria-label', typeof title === 'string' ? title : (title.text ?? 'plot'));
    const Plotly = await loadPlotly();
    await Plotly.react(this.node, fig.data, { autosize: true, ...fig.layout }, { responsive: true, ...fig.config });
  }

  protected override onResize(): void {
    if (this.isVisible && this.node.classList.contains('js-plotly-plot')) {
      void loadPlotly().then((p) => p.Plots.resize(this.node));
    }
  }

  override dispose(): void {
    if (plotly && !this.isDisposed) void plotly.then((p) => p.purge(this.node));
    super.dispose();
  }
}

/** The MIME renderer extension for plotly figures. */
const extension: IRenderMime.IExtension = {
  id: 'mixmodeler-jupyterlab:plotly',
  description: 'Renders plotly figures from mixmodeler and tslab notebooks.',
  rendererFactory: {
    safe: true,
    mimeTypes: [PLOTLY_MIME],
    createRenderer: (options) => new PlotlyRenderer(options.mimeType),
  },
  rank: 0,
  dataType: 'json',
};

export default extension;
