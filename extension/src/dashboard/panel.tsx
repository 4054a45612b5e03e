import type { Contents } from '@jupyterlab/services';
import { ReactWidget } from '@jupyterlab/ui-components';
import { formatInteger, formatNumber, schemaProblem, type HarmonizeSummary } from 'mixmodeler/dist/browser';
import type { LeaderboardRow, PlanRow } from 'mixmodeler-kernel/dist/action-protocol';
import * as React from 'react';
import type { ActionRunner } from '../actions/runner';
import type { ModelListModel } from '../models/model-list';
import { HARMONIZED_MANIFEST, WORKSPACE_DIR } from '../workspace';

/** The dashboard's widgets, in their default order; their keys are the ones lib/schemas/dashboard.schema.json allows. */
export const DASHBOARD_WIDGETS = [
  { key: 'coverage', title: 'Harmonized data coverage' },
  { key: 'status', title: 'Models by status' },
  { key: 'runs', title: 'Last runs' },
  { key: 'leaderboard', title: 'ROI leaderboard' },
  { key: 'plans', title: 'Latest plans' },
] as const;
type WidgetKey = (typeof DASHBOARD_WIDGETS)[number]['key'];

/** Where the dashboard's layout is saved: in the workspace, so every user of it sees the same. */
export const DASHBOARD_FILE = `${WORKSPACE_DIR}/dashboard.json`;

/**
 * The overview dashboard: configurable widgets (add, remove, reorder) over the harmonized data,
 * models and plans; the layout is saved in the workspace (`dashboard.json`).
 */
export class DashboardPanel extends ReactWidget {
  private widgets: WidgetKey[] | null = null;
  /** The harmonized data's summary; null when there are none, undefined until read. */
  private coverage: HarmonizeSummary | null | undefined = undefined;
  private leaderboard: LeaderboardRow[] | null = null;
  private plans: PlanRow[] | null = null;
  private error: string | null = null;
  private adding: WidgetKey | '' = '';

  constructor(
    private readonly contents: Contents.IManager,
    private readonly runner: ActionRunner,
    private readonly models: ModelListModel,
  ) {
    super();
    this.addClass('mm-dashboard');
    models.changed.connect(() => this.update(), this);
    void this.load();
  }

  /** Reads the saved layout and the widgets' data again. */
  async load(): Promise<void> {
    // A layout that does not fit the schema is named, and the default layout shown; none saved is the default.
    let layoutProblem: string | null = null;
    let widgets: WidgetKey[] = DASHBOARD_WIDGETS.map((w) => w.key);
    try {
      const file = await this.contents.get(DASHBOARD_FILE, { content: true, format: 'text', type: 'file' });
      const doc: unknown = JSON.parse(String(file.content));
      const p = schemaProblem('dashboard', doc);
      if (p) layoutProblem = `${DASHBOARD_FILE}: \`${p.path}\` ${p.rule}; the default layout is shown`;
      else widgets = (doc as { widgets: WidgetKey[] }).widgets;
    } catch {
      // no saved layout (or not JSON): the default
    }
    this.widgets = widgets;
    this.update();
    try {
      const m = await this.contents.get(HARMONIZED_MANIFEST, {
        content: true,
        format: 'text',
        type: 'file',
      });
      this.coverage = (JSON.parse(String(m.content)) as { summary: HarmonizeSummary }).summary;
    } catch {
      this.coverage = null;
    }
    const board = await this.runner.run({ action: 'leaderboard' });
    this.leaderboard = board.ok ? (board.value as LeaderboardRow[]) : [];
    const plans = await this.runner.run({ action: 'plans' });
    this.plans = plans.ok ? (plans.value as PlanRow[]) : [];
    this.error = layoutProblem ?? (board.ok ? (plans.ok ? null : plans.error) : board.error);
    this.update();
  }

  private async save(layout: WidgetKey[]): Promise<void> {
    this.widgets = layout;
    this.update();
    try {
      await this.contents.save(DASHBOARD_FILE, {
        type: 'file',
        format: 'text',
        content: JSON.stringify({ format: 'mixmodeler-dashboard/1', widgets: layout }, null, 2) + '\n',
      });
    } catch (e) {
      this.error = `could not save the layout to ${DASHBOARD_FILE}: ${(e as Error).message}`;
      this.update();
    }
  }

  private move(i: number, by: number): void {
    const next = [...this.widgets!];
    const [w] = next.splice(i, 1);
    next.splice(i + by, 0, w!);
    void this.save(next);
  }

  protected render(): React.ReactElement {
    const layout = this.widgets;
    const missing = DASHBOARD_WIDGETS.filter((w) => !layout?.includes(w.key));
    return (
      <div className="mm-dashboard-content">
        <h2 className="mm-title">mixmodeler overview</h2>
        {this.error && (
          <p className="mm-error" role="alert">
            {this.error}
          </p>
        )}
        <div className="mm-toolbar" role="toolbar" aria-label="dashboard toolbar">
          <select
            aria-label="Widget to add"
            value={this.adding}
            onChange={(e) => ((this.adding = e.currentTarget.value as WidgetKey), this.update())}
          >
            <option value="">— add a widget —</option>
            {missing.map((w) => (
              <option key={w.key} value={w.key}>
                {w.title}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="jp-Button jp-mod-styled"
            disabled={!this.adding}
            onClick={() => {
              const key = this.adding as WidgetKey;
              this.adding = '';
              void this.save([...(layout ?? []), key]);
            }}
          >
            Add widget
          </button>
          <button type="button" className="jp-Button jp-mod-styled" onClick={() => void this.load()}>
            Refresh
          </button>
        </div>
        {layout === null ? (
          <p className="mm-muted">Reading the layout…</p>
        ) : (
          <div className="mm-dashboard-grid">
            {layout.map((key, i) => {
              const title = DASHBOARD_WIDGETS.find((w) => w.key === key)!.title;
              return (
                <section key={key} className="mm-dashboard-widget" data-widget={key} aria-label={title}>
                  <header>
                    <h3>{title}</h3>
                    <span>
                      <button
                        type="button"
                        className="jp-Button"
                        aria-label={`Move ${title} up`}
                        disabled={i === 0}
                        onClick={() => this.move(i, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="jp-Button"
                        aria-label={`Move ${title} down`}
                        disabled={i === layout.length - 1}
                        onClick={() => this.move(i, 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="jp-Button"
                        aria-label={`Remove ${title}`}
                        onClick={() => void this.save(layout.filter((k) => k !== key))}
                      >
                        ×
                      </button>
                    </span>
                  </header>
                  {this.renderWidget(key)}
                </section>
              );
            })}
          </div>
        )}
      </div>
    );
  }

  private renderWidget(key: WidgetKey): React.ReactElement {
    const rows = this.models.state.rows;
    switch (key) {
      case 'coverage': {
        const c = this.coverage;
        if (c === undefined) return <p className="mm-muted">Reading the harmonized data…</p>;
        if (!c) return <p className="mm-muted">No harmonized data in {WORKSPACE_DIR} yet.</p>;
        return (
          <dl className="mm-dl">
            <dt>Periods</dt>
            <dd>
              {c.periods} ({c.grain}), {c.from} to {c.to}
            </dd>
            <dt>Channels</dt>
            <dd>{c.channels.join(', ')}</dd>
            <dt>Conversions</dt>
            <dd>{c.conversions.join(', ')}</dd>
            <dt>Factors</dt>
            <dd>{c.factors.join(', ') || 'none'}</dd>
            <dt>Missing values</dt>
            <dd>{c.missing.conversions.length + c.missing.factors.length}</dd>
          </dl>
        );
      }
      case 'status': {
        const counts = new Map<string, number>();
        for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
        return rows.length === 0 ? (
          <p className="mm-muted">No models yet.</p>
        ) : (
          <ul>
            {[...counts].map(([s, n]) => (
              <li key={s}>
                {s}: {n}
              </li>
            ))}
          </ul>
        );
      }
      case 'runs': {
        const runs = rows
          .filter((r) => r.lastRun)
          .sort((a, b) => b.lastRun!.localeCompare(a.lastRun!))
          .slice(0, 5);
        return runs.length === 0 ? (
          <p className="mm-muted">No runs yet.</p>
        ) : (
          <ul>
            {runs.map((r) => (
              <li key={r.id}>
                {r.name}: {r.status}, {new Date(r.lastRun!).toLocaleString()}
              </li>
            ))}
          </ul>
        );
      }
      case 'leaderboard':
        if (this.leaderboard === null) return <p className="mm-muted">Reading the models…</p>;
        return this.leaderboard.length === 0 ? (
          <p className="mm-muted">No trained models yet.</p>
        ) : (
          <table className="mm-table" aria-label="ROI leaderboard">
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Model</th>
                <th scope="col">ROI (90% interval)</th>
              </tr>
            </thead>
            <tbody>
              {this.leaderboard.slice(0, 10).map((r) => (
                <tr key={`${r.id}-${r.channel}`}>
                  <td>{r.channel}</td>
                  <td>
                    {r.name} v{r.version}
                  </td>
                  <td>
                    {formatNumber(r.roi)} ({formatNumber(r.lower)}–{formatNumber(r.upper)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      case 'plans':
        if (this.plans === null) return <p className="mm-muted">Reading the plans…</p>;
        return this.plans.length === 0 ? (
          <p className="mm-muted">No plans yet.</p>
        ) : (
          <ul>
            {[...this.plans]
              .reverse()
              .slice(0, 5)
              .map((p) => (
                <li key={p.id}>
                  {p.name} (model v{p.modelVersion}): {formatInteger(p.budget)} → {formatInteger(p.expected.mean)}
                </li>
              ))}
          </ul>
        );
    }
  }
}
