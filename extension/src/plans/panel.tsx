import { ReactWidget } from '@jupyterlab/ui-components';
import type {
  PlanContext,
  PlanRequestOptions,
  PlanRow,
  ScenarioComparison,
  StoredPlan,
} from 'mixmodeler-kernel/dist/action-protocol';
import { formatInteger, formatNumber } from 'mixmodeler/dist/browser';
import * as React from 'react';
import type { ActionRequest, ActionRunner } from '../actions/runner';
import { FigureHost } from '../figure-host';
import type { ModelListModel } from '../models/model-list';

interface Bound {
  min: string;
  max: string;
  locked: boolean;
}

/**
 * The plans and scenarios view: pick a trained model, a budget or a target, per-channel bounds and
 * locked channels and a plan period; create a stored plan, or compare several scenarios side by side
 * (table and figure). Plans are made by lib in the kernel session; the list shows each plan's model version.
 */
export class PlansPanel extends ReactWidget {
  private modelId = '';
  private context: PlanContext | null = null;
  private objective: 'budget' | 'target' = 'budget';
  private amount = '';
  private weeks = '13';
  private bounds: Record<string, Bound> = {};
  private scenarios: { name: string; options: PlanRequestOptions }[] = [];
  private comparison: ScenarioComparison | null = null;
  private plans: PlanRow[] = [];
  private busy: string | null = null;
  private error: string | null = null;
  private notice: string | null = null;

  constructor(
    private readonly runner: ActionRunner,
    private readonly models: ModelListModel,
  ) {
    super();
    this.addClass('mm-plans');
    models.changed.connect(() => this.update(), this);
    void this.loadPlans();
  }

  private async call<T>(label: string, request: ActionRequest): Promise<T | null> {
    this.busy = label;
    this.error = null;
    this.update();
    const r = await this.runner.run(request);
    this.busy = null;
    if (!r.ok) this.error = r.error;
    this.update();
    return r.ok ? (r.value as T) : null;
  }

  private async loadPlans(): Promise<void> {
    this.plans = (await this.call<PlanRow[]>('reading the plans', { action: 'plans' })) ?? this.plans;
    this.update();
  }

  private async pick(id: string): Promise<void> {
    this.modelId = id;
    this.context = null;
    this.scenarios = [];
    this.comparison = null;
    if (!id) return this.update();
    const weeks = Number(this.weeks);
    this.context = await this.call<PlanContext>('reading the current spend', { action: 'plan-context', id, weeks });
    if (this.context) {
      this.bounds = Object.fromEntries(
        Object.keys(this.context.channels).map((c) => [c, { min: '', max: '', locked: false }]),
      );
      this.amount = String(Math.round(this.context.current.spend));
    }
    this.update();
  }

  /** The options of the form, or what is wrong with it. */
  private options(): PlanRequestOptions | string {
    const weeks = Number(this.weeks);
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 104) return 'the plan period must be 1 to 104 weeks';
    const amount = Number(this.amount);
    if (!(amount > 0)) return `the ${this.objective} must be a positive number`;
    const bounds: NonNullable<PlanRequestOptions['bounds']> = {};
    for (const [c, b] of Object.entries(this.bounds)) {
      const min = b.min.trim() === '' ? undefined : Number(b.min);
      const max = b.max.trim() === '' ? undefined : Number(b.max);
      if ((min !== undefined && !(min >= 0)) || (max !== undefined && !(max >= 0)))
        return `${c}: bounds must be amounts ≥ 0`;
      if (min !== undefined && max !== undefined && min > max) return `${c}: the minimum is above the maximum`;
      if (min !== undefined || max !== undefined)
        bounds[c] = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    const locked = Object.keys(this.bounds).filter((c) => this.bounds[c]!.locked);
    return { weeks, ...(this.objective === 'budget' ? { budget: amount } : { target: amount }), bounds, locked };
  }

  private async create(): Promise<void> {
    const options = this.options();
    if (typeof options === 'string') return;
    const plan = await this.call<StoredPlan>('creating the plan', { action: 'plan', id: this.modelId, options });
    if (plan)
      this.notice = `Plan “${plan.name}” stored on model version ${plan.modelVersion}: expected outcome ${formatInteger(plan.expected.mean)} (90% ${formatInteger(plan.expected.lower)}–${formatInteger(plan.expected.upper)}) for ${formatInteger(plan.budget)}`;
    await this.loadPlans();
  }

  private addScenario(): void {
    const options = this.options();
    if (typeof options === 'string') return;
    const what =
      options.budget !== undefined
        ? `budget ${formatInteger(options.budget)}`
        : `target ${formatInteger(options.target)}`;
    this.scenarios = [...this.scenarios, { name: `Scenario ${this.scenarios.length + 1}: ${what}`, options }];
    this.update();
  }

  private async compare(): Promise<void> {
    this.comparison = await this.call<ScenarioComparison>('comparing the scenarios', {
      action: 'scenarios',
      id: this.modelId,
      scenarios: this.scenarios,
    });
    this.update();
  }

  protected render(): React.ReactElement {
    const trained = this.models.state.rows.filter((r) => r.status === 'success' || r.status === 'training issue');
    const options = this.context ? this.options() : null;
    const problem = typeof options === 'string' ? options : null;
    return (
      <div className="mm-plans-content">
        <h2 className="mm-title">Plans and scenarios</h2>
        <label className="mm-field">
          Model{' '}
          <select aria-label="Model" value={this.modelId} onChange={(e) => void this.pick(e.currentTarget.value)}>
            <option value="">— pick a trained model —</option>
            {trained.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        {this.context && this.renderForm(problem)}
        {this.busy && (
          <p className="mm-activity" role="status">
            <span className="mm-spinner" aria-hidden="true" /> {this.busy}…
          </p>
        )}
        {this.error && (
          <p className="mm-error" role="alert">
            {this.error}
          </p>
        )}
        {this.notice && (
          <p className="mm-activity mm-plan-notice" role="status">
            {this.notice}
          </p>
        )}
        {this.renderScenarios()}
        {this.renderPlans()}
      </div>
    );
  }

  private renderForm(problem: string | null): React.ReactElement {
    const ctx = this.context!;
    return (
      <>
        <fieldset>
          <legend>Objective</legend>
          <label className="mm-radio">
            <input
              type="radio"
              name="objective"
              checked={this.objective === 'budget'}
              onChange={() => ((this.objective = 'budget'), this.update())}
            />{' '}
            Maximize the outcome for a budget
          </label>
          <label className="mm-radio">
            <input
              type="radio"
              name="objective"
              checked={this.objective === 'target'}
              onChange={() => ((this.objective = 'target'), this.update())}
            />{' '}
            Reach a target outcome at the least spend
          </label>
          <label className="mm-field">
            {this.objective === 'budget' ? 'Budget' : 'Target outcome'}{' '}
            <input
              aria-label="Amount"
              value={this.amount}
              onChange={(e) => ((this.amount = e.currentTarget.value), this.update())}
            />
          </label>
          <label className="mm-field">
            Plan period (weeks){' '}
            <input
              aria-label="Plan period in weeks"
              value={this.weeks}
              onChange={(e) => ((this.weeks = e.currentTarget.value), this.update())}
            />
          </label>
          <p className="mm-muted">
            Current spend over {ctx.weeks} weeks: {formatInteger(ctx.current.spend)}, for a media outcome of{' '}
            {formatInteger(ctx.current.outcome)}.
          </p>
        </fieldset>
        <table className="mm-table" aria-label="channel bounds">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Current</th>
              <th scope="col">Minimum</th>
              <th scope="col">Maximum</th>
              <th scope="col">Locked</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(ctx.channels).map(([c, current]) => {
              const b = this.bounds[c] ?? { min: '', max: '', locked: false };
              const put = (patch: Partial<Bound>) => (
                (this.bounds = { ...this.bounds, [c]: { ...b, ...patch } }),
                this.update()
              );
              return (
                <tr key={c}>
                  <td>{c}</td>
                  <td>{formatInteger(current)}</td>
                  <td>
                    <input
                      aria-label={`${c} minimum`}
                      size={8}
                      value={b.min}
                      disabled={b.locked}
                      onChange={(e) => put({ min: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${c} maximum`}
                      size={8}
                      value={b.max}
                      disabled={b.locked}
                      onChange={(e) => put({ max: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${c} locked`}
                      checked={b.locked}
                      onChange={(e) => put({ locked: e.currentTarget.checked })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {problem && (
          <p className="mm-error" role="alert">
            {problem}
          </p>
        )}
        <div className="mm-toolbar">
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-accept"
            disabled={!!problem || !!this.busy}
            onClick={() => void this.create()}
          >
            Create plan
          </button>
          <button
            type="button"
            className="jp-Button jp-mod-styled"
            disabled={!!problem}
            onClick={() => this.addScenario()}
          >
            Add scenario
          </button>
        </div>
      </>
    );
  }

  private renderScenarios(): React.ReactElement | null {
    if (this.scenarios.length === 0) return null;
    const c = this.comparison;
    return (
      <section aria-label="scenarios">
        <h3>Scenarios</h3>
        <ol>
          {this.scenarios.map((s, i) => (
            <li key={i}>
              {s.name}{' '}
              <button
                type="button"
                className="jp-Button"
                aria-label={`Remove ${s.name}`}
                onClick={() => (
                  (this.scenarios = this.scenarios.filter((_, j) => j !== i)),
                  (this.comparison = null),
                  this.update()
                )}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept"
          disabled={this.scenarios.length < 2 || !!this.busy}
          onClick={() => void this.compare()}
        >
          Compare scenarios
        </button>
        {c && (
          <>
            <table className="mm-table" aria-label="scenario comparison">
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col">Budget</th>
                  <th scope="col">Expected outcome</th>
                  <th scope="col">90% interval</th>
                  <th scope="col">ROI</th>
                </tr>
              </thead>
              <tbody>
                {c.table.map((t) => (
                  <tr key={t.name}>
                    <td>{t.name}</td>
                    <td>{formatInteger(t.budget)}</td>
                    <td>{formatInteger(t.outcome)}</td>
                    <td>
                      {formatInteger(t.lower)} – {formatInteger(t.upper)}
                    </td>
                    <td>{formatNumber(t.roi)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <FigureHost figure={c.figure} />
          </>
        )}
      </section>
    );
  }

  private renderPlans(): React.ReactElement {
    return (
      <section aria-label="plans">
        <h3>Plans</h3>
        {this.plans.length === 0 ? (
          <p className="mm-muted">No plans yet.</p>
        ) : (
          <table className="mm-table" aria-label="plans list">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Model</th>
                <th scope="col">Version</th>
                <th scope="col">Weeks</th>
                <th scope="col">Budget</th>
                <th scope="col">Expected outcome</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {this.plans.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{this.models.state.rows.find((r) => r.id === p.modelId)?.name ?? p.modelId}</td>
                  <td>v{p.modelVersion}</td>
                  <td>{p.weeks}</td>
                  <td>{formatInteger(p.budget)}</td>
                  <td>{formatInteger(p.expected.mean)}</td>
                  <td>{new Date(p.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    );
  }
}
