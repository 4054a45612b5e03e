import { ReactWidget } from '@jupyterlab/ui-components';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Panel } from '@lumino/widgets';
import { formatNumber, PLOTLY_MIME } from 'mixmodeler/dist/browser';
import type { ModelInsightsView } from 'mixmodeler-kernel/dist/action-protocol';
import * as React from 'react';
import type { ActionRunner } from '../actions/runner';
import { PlotlyRenderer } from '../mime';
import { Reasons } from '../models/dialogs';

function Header({ view, error }: { view: ModelInsightsView | null; error: string | null }): React.ReactElement {
  if (error) {
    return (
      <p className="mm-error" role="alert">
        Could not load the insights: {error}
      </p>
    );
  }
  if (!view) return <p className="mm-muted">Computing the insights in the kernel…</p>;
  const d = view.diagnostics;
  const f = (x: number | null | undefined) => formatNumber(x, 3);
  return (
    <div>
      <p>
        <strong>Status:</strong> {view.status} · version {view.model.version} · window {view.window.from} to{' '}
        {view.window.to}
      </p>
      <Reasons reasons={view.reasons} />
      {view.advice.items.length > 0 && (
        <div>
          <p>{view.advice.heading}</p>
          <ul aria-label="experiment advice">
            {view.advice.items.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </div>
      )}
      <p>
        R² {f(d['r2'])} · NRMSE {f(d['nrmse'])} · MAPE {f(d['mape'])} · hold-out MAPE {f(d['holdoutMape'])}
      </p>
    </div>
  );
}

class HeaderWidget extends ReactWidget {
  view: ModelInsightsView | null = null;
  error: string | null = null;
  protected render(): React.ReactElement {
    return <Header view={this.view} error={this.error} />;
  }
}

/** A trained model's insights: its status and fit, and every insight figure drawn with plotly.js. */
export class InsightsPanel extends Panel {
  private readonly header = new HeaderWidget();

  constructor(
    private readonly runner: ActionRunner,
    readonly modelId: string,
  ) {
    super();
    this.addClass('mm-insights');
    this.addWidget(this.header);
    void this.load();
  }

  async load(): Promise<void> {
    const r = await this.runner.run({ action: 'insights', id: this.modelId });
    if (!r.ok) {
      this.header.error = r.error;
      this.header.update();
      return;
    }
    const view = r.value as ModelInsightsView;
    this.header.view = view;
    this.header.update();
    for (const fig of view.figures) {
      const plot = new PlotlyRenderer(PLOTLY_MIME);
      this.addWidget(plot);
      const model = { data: { [PLOTLY_MIME]: fig } } as unknown as IRenderMime.IMimeModel;
      await plot.renderModel(model);
    }
  }
}
