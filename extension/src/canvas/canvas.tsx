import type { Contents } from '@jupyterlab/services';
import { ReactWidget } from '@jupyterlab/ui-components';
import {
  ADSTOCK_FAMILIES,
  formatNumber,
  SATURATION_FAMILIES,
  TOUCHPOINT_SOURCES,
  USER_PRIOR_SOURCES,
  type HarmonizeSummary,
  type ModelConfig,
  type TouchpointSource,
  type UserPriorSource,
} from 'mixmodeler/dist/browser';
import * as React from 'react';
import type { ActionProgress, ActionRunner } from '../actions/runner';
import { HARMONIZED_MANIFEST, WORKSPACE_DIR } from '../workspace';
import { formConfig, formProblem, initialForm, STEPS, type CanvasForm, type StepId } from './form';

/** What the canvas needs from the app. */
export interface CanvasOptions {
  contents: Contents.IManager;
  runner: ActionRunner;
  /** Called after a build so the sidebar lists the model at once. */
  built?: () => void;
  /** An existing model to edit and rebuild. */
  model?: { id: string; config: ModelConfig };
}

type BuildState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: ActionProgress | null }
  | { phase: 'done'; message: string }
  | { phase: 'failed'; message: string };

/**
 * The model canvas: the guided configuration of a model, one step at a time, on the workspace's
 * harmonized data; validated inline by lib's model validation; built (created, trained and scored)
 * through lib in the kernel session. It also edits and rebuilds an existing model's config.
 */

/** A curve family as a choice: its name, and its label with what it does (lib's registry). */
const choice = <N extends string>(f: { name: N; label: string; description: string }): [N, string] => [
  f.name,
  `${f.label}: ${f.description}`,
];
const ADSTOCK_CHOICES = ADSTOCK_FAMILIES.map(choice);
const SATURATION_CHOICES = SATURATION_FAMILIES.map(choice);

/** A labelled select over fixed choices; `name` is its accessible name. */
function Choice<T extends string>(props: {
  label: string;
  name: string;
  value: T;
  options: [T, string][];
  onChange: (value: T) => void;
}): React.ReactElement {
  return (
    <label className="mm-field">
      {props.label}{' '}
      <select aria-label={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as T)}>
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export class ModelCanvas extends ReactWidget {
  private data: HarmonizeSummary | null = null;
  private dataError: string | null = null;
  private loaded = false;
  private form: CanvasForm;
  private step: StepId = 'data';
  private build: BuildState = { phase: 'idle' };

  constructor(private readonly options: CanvasOptions) {
    super();
    this.addClass('mm-canvas');
    this.form = initialForm(null, options.model?.config);
    void this.load();
  }

  /** Reads the harmonized data's summary again. */
  async load(): Promise<void> {
    try {
      const file = await this.options.contents.get(HARMONIZED_MANIFEST, {
        content: true,
        format: 'text',
        type: 'file',
      });
      const manifest = JSON.parse(String(file.content)) as { summary: HarmonizeSummary };
      this.data = manifest.summary;
      this.dataError = null;
      const fresh = initialForm(this.data, this.options.model?.config);
      // Keep what the user already chose; add what the data bring.
      this.form = {
        ...fresh,
        ...(this.loaded ? this.form : {}),
        conversion: this.form.conversion || fresh.conversion,
        touchpoints: { ...fresh.touchpoints, ...(this.loaded ? this.form.touchpoints : {}) },
        factors: { ...fresh.factors, ...(this.loaded ? this.form.factors : {}) },
      };
    } catch (e) {
      this.data = null;
      const missing = /404|not found/i.test((e as Error).message);
      this.dataError = missing
        ? `no harmonized data in ${WORKSPACE_DIR} yet: run \`mixmodeler sample\` (the built-in example data) or harmonize your data (notebook 01, \`mixmodeler harmonize\`)`
        : `could not read ${HARMONIZED_MANIFEST}: ${(e as Error).message}`;
    }
    this.loaded = true;
    this.update();
  }

  private set(patch: Partial<CanvasForm>): void {
    this.form = { ...this.form, ...patch };
    if (this.build.phase !== 'running') this.build = { phase: 'idle' };
    this.update();
  }

  private go(step: StepId): void {
    this.step = step;
    this.update();
    requestAnimationFrame(() => this.node.querySelector<HTMLElement>('.mm-step-body h3')?.focus());
  }

  private async runBuild(): Promise<void> {
    if (formProblem(this.form, this.data) !== null || this.build.phase === 'running') return;
    this.build = { phase: 'running', progress: null };
    this.update();
    const config = formConfig(this.form);
    const editing = this.options.model;
    const result = await this.options.runner.run(
      editing ? { action: 'rebuild', id: editing.id, config } : { action: 'build', config },
      (progress) => {
        this.build = { phase: 'running', progress };
        this.update();
      },
    );
    if (result.ok) {
      const m = result.value as { id: string; name: string; status: string };
      this.build = { phase: 'done', message: `${editing ? 'Rebuilt' : 'Built'} “${m.name}” (${m.id}): ${m.status}` };
    } else {
      this.build = { phase: 'failed', message: result.error };
    }
    this.options.built?.();
    this.update();
  }

  protected render(): React.ReactElement {
    const problem = this.loaded ? formProblem(this.form, this.data) : null;
    const index = STEPS.findIndex((s) => s.id === this.step);
    const editing = this.options.model;
    return (
      <div className="mm-canvas-content">
        <h2 className="mm-title">{editing ? `Model canvas: ${this.form.name}` : 'Model canvas'}</h2>
        <nav aria-label="model canvas steps">
          <ol className="mm-canvas-steps">
            {STEPS.map((s, i) => (
              <li key={s.id}>
                <button
                  type="button"
                  className={`mm-step-link${s.id === this.step ? ' mm-current' : ''}`}
                  aria-current={s.id === this.step ? 'step' : undefined}
                  onClick={() => this.go(s.id)}
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
          <h3 id="mm-step-title" tabIndex={-1}>
            {STEPS[index]!.title}
          </h3>
          {this.renderStep(this.step)}
          {problem && problem.step === this.step && (
            <p className="mm-error mm-form-problem" role="alert">
              {problem.message}
            </p>
          )}
        </section>
        <div className="mm-step-nav">
          <button
            type="button"
            className="jp-Button"
            disabled={index === 0}
            onClick={() => this.go(STEPS[index - 1]!.id)}
          >
            Back
          </button>
          {index < STEPS.length - 1 && (
            <button type="button" className="jp-Button" onClick={() => this.go(STEPS[index + 1]!.id)}>
              Next
            </button>
          )}
        </div>
      </div>
    );
  }

  private renderStep(step: StepId): React.ReactElement {
    const f = this.form;
    const d = this.data;
    switch (step) {
      case 'data':
        return this.renderData();
      case 'conversion':
        return (
          <fieldset>
            <legend>The outcome the model explains (exactly one)</legend>
            {(d?.conversions ?? []).map((c) => (
              <label key={c} className="mm-radio">
                <input
                  type="radio"
                  name="conversion"
                  checked={f.conversion === c}
                  onChange={() => this.set({ conversion: c })}
                />{' '}
                {c}
              </label>
            ))}
          </fieldset>
        );
      case 'touchpoints':
        return (
          <table className="mm-table" aria-label="touchpoints">
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Media input</th>
                <th scope="col">Data</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(f.touchpoints).map(([c, t]) => {
                const put = (patch: Partial<typeof t>) =>
                  this.set({ touchpoints: { ...f.touchpoints, [c]: { ...t, ...patch } } });
                return (
                  <tr key={c} data-channel={c}>
                    <td>
                      <label>
                        <input
                          type="checkbox"
                          checked={t.include}
                          onChange={(e) => put({ include: e.currentTarget.checked })}
                        />{' '}
                        {c}
                      </label>
                    </td>
                    <td>
                      <select
                        aria-label={`${c} media input`}
                        value={t.metric}
                        disabled={!t.include}
                        onChange={(e) => put({ metric: e.currentTarget.value as 'spend' | 'impressions' })}
                      >
                        <option value="spend">spend</option>
                        <option value="impressions">impressions</option>
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={`${c} data`}
                        value={t.source}
                        disabled={!t.include}
                        onChange={(e) => put({ source: e.currentTarget.value as TouchpointSource })}
                      >
                        {TOUCHPOINT_SOURCES.map((s) => (
                          <option key={s} value={s}>
                            {s}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      case 'factors':
        return Object.keys(f.factors).length === 0 ? (
          <p className="mm-muted">The harmonized data hold no factors.</p>
        ) : (
          <table className="mm-table" aria-label="factors">
            <thead>
              <tr>
                <th scope="col">Factor</th>
                <th scope="col">Use</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(f.factors).map(([name, use]) => (
                <tr key={name}>
                  <td>{name}</td>
                  <td>
                    <select
                      aria-label={`${name} use`}
                      value={use}
                      onChange={(e) =>
                        this.set({ factors: { ...f.factors, [name]: e.currentTarget.value as typeof use } })
                      }
                    >
                      <option value="none">not used</option>
                      <option value="internal">internal (promotions, holidays)</option>
                      <option value="external">external (price, competitors, macro)</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      case 'lookback':
        return (
          <div>
            <label className="mm-field">
              Lookback window (weeks an exposure keeps working, 1–52){' '}
              <input
                type="number"
                min={1}
                max={52}
                aria-label="Lookback window in weeks"
                value={f.lookbackWeeks}
                onChange={(e) => this.set({ lookbackWeeks: e.currentTarget.value })}
              />
            </label>
            <Choice
              label="Carry-over (adstock)"
              name="Adstock"
              value={f.adstock}
              options={ADSTOCK_CHOICES}
              onChange={(adstock) => this.set({ adstock })}
            />
            <Choice
              label="Diminishing returns (saturation)"
              name="Saturation"
              value={f.saturation}
              options={SATURATION_CHOICES}
              onChange={(saturation) => this.set({ saturation })}
            />
          </div>
        );
      case 'window':
        return (
          <fieldset>
            <legend>The periods the model is fitted on</legend>
            <label className="mm-radio">
              <input
                type="radio"
                name="window"
                checked={f.window.mode === 'last-2-years'}
                onChange={() => this.set({ window: { ...f.window, mode: 'last-2-years' } })}
              />{' '}
              The last 2 years of data
            </label>
            <label className="mm-radio">
              <input
                type="radio"
                name="window"
                checked={f.window.mode === 'range'}
                onChange={() => this.set({ window: { ...f.window, mode: 'range' } })}
              />{' '}
              A date range of at least one year
            </label>
            {f.window.mode === 'range' && (
              <div className="mm-range">
                {(['from', 'to'] as const).map((k) => (
                  <label key={k} className="mm-field">
                    {k === 'from' ? 'From' : 'To'}{' '}
                    <input
                      type="text"
                      placeholder="YYYY-MM-DD"
                      aria-label={k === 'from' ? 'From' : 'To'}
                      value={f.window[k]}
                      onChange={(e) => this.set({ window: { ...f.window, [k]: e.currentTarget.value.trim() } })}
                    />
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        );
      case 'priors':
        return this.renderPriors();
      case 'spendShare':
        return (
          <label className="mm-field">
            <input
              type="checkbox"
              checked={f.spendShare}
              onChange={(e) => this.set({ spendShare: e.currentTarget.checked })}
            />{' '}
            Spend-share prior: where a channel&apos;s data are sparse, its share of the effect is pulled toward its
            share of spend
          </label>
        );
      case 'review':
        return this.renderReview();
    }
  }

  private renderData(): React.ReactElement {
    const d = this.data;
    if (!this.loaded) return <p className="mm-muted">Reading the harmonized data…</p>;
    if (!d) {
      return (
        <>
          <p className="mm-error" role="alert">
            {this.dataError}
          </p>
          <button type="button" className="jp-Button" onClick={() => void this.load()}>
            Read again
          </button>
        </>
      );
    }
    const missing = d.missing.conversions.length + d.missing.factors.length;
    return (
      <dl className="mm-dl" aria-label="harmonized data summary">
        <dt>Periods</dt>
        <dd>
          {d.periods} {d.grain === 'week' ? 'weeks' : 'days'}, {d.from} to {d.to}
        </dd>
        <dt>Channels</dt>
        <dd>{d.channels.join(', ')}</dd>
        <dt>Media metrics</dt>
        <dd>{d.metrics.join(', ')}</dd>
        <dt>Conversions</dt>
        <dd>{d.conversions.join(', ')}</dd>
        <dt>Factors</dt>
        <dd>{d.factors.join(', ') || 'none'}</dd>
        <dt>Sources</dt>
        <dd>{d.sources.map((s) => `${s.name} (${s.kind}, ${s.rows} rows)`).join('; ')}</dd>
        <dt>Conflicts resolved</dt>
        <dd>{d.conflicts.length}</dd>
        <dt>Missing values</dt>
        <dd>{missing}</dd>
      </dl>
    );
  }

  private renderPriors(): React.ReactElement {
    const f = this.form;
    const channels = Object.keys(f.touchpoints).filter((c) => f.touchpoints[c]!.include);
    const put = (i: number, patch: Partial<CanvasForm['priors'][number]>) =>
      this.set({ priors: f.priors.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
    return (
      <>
        <p className="mm-muted">
          What you already know about a channel: an ROI or a share of the outcome, with its uncertainty (sd) and where
          it comes from (a lift test is the strongest).
        </p>
        {f.priors.length > 0 && (
          <table className="mm-table" aria-label="priors">
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Kind</th>
                <th scope="col">Value</th>
                <th scope="col">sd</th>
                <th scope="col">Source</th>
                <th scope="col">
                  <span className="mm-visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {f.priors.map((p, i) => (
                <tr key={i}>
                  <td>
                    <select
                      aria-label={`prior ${i + 1} channel`}
                      value={p.channel}
                      onChange={(e) => put(i, { channel: e.currentTarget.value })}
                    >
                      {channels.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={`prior ${i + 1} kind`}
                      value={p.kind}
                      onChange={(e) => put(i, { kind: e.currentTarget.value as 'roi' | 'share' })}
                    >
                      <option value="roi">ROI</option>
                      <option value="share">contribution share</option>
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`prior ${i + 1} value`}
                      size={6}
                      value={p.value}
                      onChange={(e) => put(i, { value: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`prior ${i + 1} sd`}
                      size={6}
                      value={p.sd}
                      onChange={(e) => put(i, { sd: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`prior ${i + 1} source`}
                      value={p.source}
                      onChange={(e) => put(i, { source: e.currentTarget.value as UserPriorSource })}
                    >
                      {USER_PRIOR_SOURCES.map((s) => (
                        <option key={s} value={s}>
                          {s}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="jp-Button"
                      aria-label={`Remove prior ${i + 1}`}
                      onClick={() => this.set({ priors: f.priors.filter((_, j) => j !== i) })}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button
          type="button"
          className="jp-Button"
          disabled={channels.length === 0}
          onClick={() =>
            this.set({
              priors: [...f.priors, { channel: channels[0]!, kind: 'roi', value: '', sd: '', source: 'experiment' }],
            })
          }
        >
          Add prior
        </button>
      </>
    );
  }

  private renderReview(): React.ReactElement {
    const f = this.form;
    const problem = formProblem(f, this.data);
    const b = this.build;
    const editing = this.options.model;
    return (
      <>
        <label className="mm-field">
          Name{' '}
          <input
            type="text"
            aria-label="Model name"
            value={f.name}
            onChange={(e) => this.set({ name: e.currentTarget.value })}
          />
        </label>
        <label className="mm-field">
          Description{' '}
          <textarea
            aria-label="Model description"
            value={f.description}
            onChange={(e) => this.set({ description: e.currentTarget.value })}
          />
        </label>
        <details>
          <summary>model.json</summary>
          <pre className="mm-config-json">{JSON.stringify(formConfig(f), null, 2)}</pre>
        </details>
        {problem && problem.step !== 'review' && (
          <p className="mm-error" role="alert">
            Step “{STEPS.find((s) => s.id === problem.step)!.title}”: {problem.message}
          </p>
        )}
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept mm-build"
          disabled={problem !== null || b.phase === 'running'}
          onClick={() => void this.runBuild()}
        >
          {editing ? 'Rebuild model' : 'Build model'}
        </button>
        <p className="mm-muted">Building creates the model, trains it and scores it.</p>
        {b.phase === 'running' && (
          <p className="mm-activity" role="status">
            <progress max={b.progress?.total ?? 1} value={b.progress?.done ?? 0} aria-label="build progress" />{' '}
            {b.progress ? `${b.progress.message} (${formatNumber(b.progress.seconds, 1)} s)` : 'starting the kernel…'}
          </p>
        )}
        {b.phase === 'done' && (
          <p className="mm-activity mm-build-done" role="status">
            {b.message}
          </p>
        )}
        {b.phase === 'failed' && (
          <p className="mm-error mm-build-failed" role="alert">
            The build failed: {b.message}
          </p>
        )}
      </>
    );
  }
}
