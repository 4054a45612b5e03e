import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

/** One step of the guided model canvas (data, conversion, touchpoints, windows, factors, priors). */
export interface CanvasStep {
  id: string;
  title: string;
}

/**
 * The model canvas: the guided, step-by-step model configuration. It starts with an empty list of
 * steps; the steps arrive with the canvas issue.
 */
export class ModelCanvas extends ReactWidget {
  private readonly steps: CanvasStep[] = [];

  constructor() {
    super();
    this.addClass('mm-canvas');
  }

  protected render(): React.ReactElement {
    return (
      <div className="mm-canvas-content">
        <h2 className="mm-title">Model canvas</h2>
        <ol className="mm-canvas-steps" aria-label="model canvas steps">
          {this.steps.map((s) => (
            <li key={s.id}>{s.title}</li>
          ))}
        </ol>
        {this.steps.length === 0 && <p className="mm-empty">This canvas has no steps yet.</p>}
      </div>
    );
  }
}
