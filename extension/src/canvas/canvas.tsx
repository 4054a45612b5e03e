import type { Contents } from '@jupyterlab/services';
import type { HarmonizeSummary, ModelConfig } from 'mixmodeler/dist/browser';
import * as React from 'react';
import type { ActionRunner } from '../actions/runner';
import type { ModelListModel } from '../models/model-list';
import { nameTaken } from '../models/names';
import { SignalWidget } from '../ui/signal-widget';
import { HARMONIZED_MANIFEST } from '../workspace';
import { CanvasModel, type CanvasState } from './canvas-model';
import { type StepId } from './form';
import { type StepProps } from './steps/choices';
import { ConversionStep, DataStep, FactorsStep, TouchpointsStep } from './steps/data-steps';
import { GeoStep } from './steps/geo-step';
import { LookbackStep, SpendShareStep, WindowStep } from './steps/model-steps';
import { PriorsStep } from './steps/priors-step';
import { ReviewStep } from './steps/review-step';

/** What the canvas needs from the app. */
export interface CanvasOptions {
  contents: Contents.IManager;
  runner: ActionRunner;
  models: ModelListModel;
  /** An existing model to edit and rebuild. */
  model?: { id: string; config: ModelConfig };
}

const STEP_VIEWS: Record<StepId, (p: StepProps) => React.ReactElement> = {
  data: DataStep,
  geos: GeoStep,
  conversion: ConversionStep,
  touchpoints: TouchpointsStep,
  factors: FactorsStep,
  lookback: LookbackStep,
  window: WindowStep,
  priors: PriorsStep,
  spendShare: SpendShareStep,
  review: ReviewStep,
};

/** The canvas: the steps as links, the current step, its problem, Back and Next. */
export function CanvasView({ model }: { model: CanvasModel }): React.ReactElement {
  const { step, form } = model.state;
  const problem = model.problem;
  const steps = model.steps;
  const index = steps.findIndex((s) => s.id === step);
  const Step = STEP_VIEWS[step];
  // Focus moves to the new step's heading, so a keyboard user starts there.
  const heading = React.useRef<HTMLHeadingElement>(null);
  const first = React.useRef(true);
  React.useEffect(() => {
    if (first.current) first.current = false;
    else heading.current?.focus();
  }, [step]);
  return (
    <div className="mm-canvas-content">
      <h2 className="mm-title">{model.editing ? `Model canvas: ${form.name}` : 'Model canvas'}</h2>
      <nav aria-label="model canvas steps">
        <ol className="mm-canvas-steps">
          {steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className={`mm-step-link${s.id === step ? ' mm-current' : ''}`}
                aria-current={s.id === step ? 'step' : undefined}
                onClick={() => model.go(s.id)}
              >
                {i + 1}. {s.title}
                {problem?.step === s.id && (
                  <span className="mm-step-problem" aria-label="needs attention">
                    {' '}
                    !
                  </span>
                )}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <section className="mm-step-body" aria-labelledby="mm-step-title">
        <h3 id="mm-step-title" tabIndex={-1} ref={heading}>
          {steps[index]?.title}
        </h3>
        <Step model={model} />
        {problem && problem.step === step && (
          <p className="mm-error mm-form-problem" role="alert">
            {problem.message}
          </p>
        )}
      </section>
      <div className="mm-step-nav">
        <button type="button" className="jp-Button" disabled={index === 0} onClick={() => model.move(-1)}>
          Back
        </button>
        {index < steps.length - 1 && (
          <button type="button" className="jp-Button" onClick={() => model.move(1)}>
            Next
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The model canvas widget: the guided configuration of a model on the workspace's harmonized data,
 * built (created, trained and scored) through lib in the kernel session; it also edits and rebuilds
 * an existing model's config. The sidebar shows the model in progress from the moment the build starts.
 */
export class ModelCanvas extends SignalWidget<CanvasState, CanvasModel> {
  constructor(options: CanvasOptions) {
    const editing = options.model;
    const model = new CanvasModel({
      editing,
      nameTaken: (name) => nameTaken(name, options.models.state.rows, editing?.id),
      readSummary: async () => {
        const file = await options.contents.get(HARMONIZED_MANIFEST, { content: true, format: 'text', type: 'file' });
        return (JSON.parse(String(file.content)) as { summary: HarmonizeSummary }).summary;
      },
      build: (config, onProgress) => {
        const name = String(config['name']);
        const request = editing
          ? ({ action: 'rebuild', id: editing.id, config } as const)
          : ({ action: 'build', config } as const);
        return options.models.track(editing ? { id: editing.id } : { build: name }, (progressed) =>
          options.runner.run(request, (p) => {
            progressed();
            onProgress(p);
          }),
        );
      },
    });
    super(model, (m) => <CanvasView model={m} />, 'mm-canvas');
    // The duplicate-name warning follows the model list.
    options.models.changed.connect(() => this.update(), this);
    void model.load();
  }
}
