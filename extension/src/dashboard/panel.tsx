import type { Contents } from '@jupyterlab/services';
import { formatEfficiency, formatInteger } from 'mixmodeler/dist/browser';
import * as React from 'react';
import type { ActionRunner } from '../actions/runner';
import { FigureHost } from '../figure-host';
import type { ModelListModel } from '../models/model-list';
import { DataTable } from '../ui/data-table';
import { SignalWidget } from '../ui/signal-widget';
import { WORKSPACE_DIR } from '../workspace';
import { DASHBOARD_WIDGETS, DashboardModel, type DashboardState, type WidgetKey } from './dashboard-model';

export { DASHBOARD_WIDGETS };

/** Where the dashboard's layout is saved: in the workspace, so every user of it sees the same. */
export const DASHBOARD_FILE = `${WORKSPACE_DIR}/dashboard.json`;

interface ViewProps {
  model: DashboardModel;
  models: ModelListModel;
}

function Coverage({ model }: ViewProps): React.ReactElement {
  const c = model.state.coverage;
  if (c === undefined) return <p className="mm-muted">Reading the harmonized data…</p>;
  if (!c) return <p className="mm-muted">No harmonized data in {WORKSPACE_DIR} yet.</p>;
  const figure = model.state.figures?.coverage;
  return (
    <div className="mm-figure-beside">
      {figure ? <FigureHost figure={figure} /> : <span />}
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
    </div>
  );
}

function StatusCounts({ models }: ViewProps): React.ReactElement {
  const rows = models.state.rows;
  if (rows.length === 0) return <p className="mm-muted">No models yet.</p>;
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return (
    <ul>
      {[...counts].map(([s, n]) => (
        <li key={s}>
          {s}: {n}
        </li>
      ))}
    </ul>
  );
}

function LastRuns({ models }: ViewProps): React.ReactElement {
  const runs = models.state.rows
    .filter((r) => r.lastRun)
    .sort((a, b) => b.lastRun!.localeCompare(a.lastRun!))
    .slice(0, 5);
  if (runs.length === 0) return <p className="mm-muted">No runs yet.</p>;
  return (
    <ul>
      {runs.map((r) => (
        <li key={r.id}>
          {r.name}: {r.status}, {new Date(r.lastRun!).toLocaleString()}
        </li>
      ))}
    </ul>
  );
}

function Leaderboard({ model }: ViewProps): React.ReactElement {
  const board = model.state.leaderboard;
  if (board === null) return <p className="mm-muted">Reading the models…</p>;
  if (board.length === 0) return <p className="mm-muted">No trained models yet.</p>;
  const figures = model.state.figures;
  return (
    <>
      {figures?.leaderboard && (
        <div className="mm-figure-beside">
          <FigureHost figure={figures.leaderboard} />
          <LeaderboardTable rows={board} />
        </div>
      )}
      {!figures?.leaderboard && <LeaderboardTable rows={board} />}
      {(figures?.shares ?? []).map((s) => (
        <section key={s.id} aria-label={`${s.name}: share of spend and share of media effect`}>
          <h4>{s.name}: share of spend against share of media effect</h4>
          <FigureHost figure={s.figure} />
        </section>
      ))}
    </>
  );
}

function LeaderboardTable({ rows: board }: { rows: NonNullable<DashboardState['leaderboard']> }): React.ReactElement {
  // Each row in its model's units: ROI for revenue models, cost per acquisition for count models.
  const e = (r: (typeof board)[number], v: number | null) => formatEfficiency(v, r.units);
  return (
    <DataTable
      label="ROI leaderboard"
      rows={board.slice(0, 10)}
      rowKey={(r) => `${r.id}-${r.channel}`}
      columns={[
        { key: 'channel', header: 'Channel', cell: (r) => r.channel },
        { key: 'model', header: 'Model', cell: (r) => `${r.name} v${r.version}` },
        {
          key: 'roi',
          header: 'ROI or cost per acquisition (90% interval)',
          cell: (r) =>
            `${r.units.efficiency === 'roi' ? 'ROI' : r.units.efficiencyLabel} ${e(r, r.efficiency.mean)} (${e(r, r.efficiency.lower)}–${e(r, r.efficiency.upper)})`,
        },
      ]}
    />
  );
}

function LatestPlans({ model }: ViewProps): React.ReactElement {
  const plans = model.state.plans;
  if (plans === null) return <p className="mm-muted">Reading the plans…</p>;
  if (plans.length === 0) return <p className="mm-muted">No plans yet.</p>;
  return (
    <ul>
      {[...plans]
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

const WIDGET_VIEWS: Record<WidgetKey, (p: ViewProps) => React.ReactElement> = {
  coverage: Coverage,
  status: StatusCounts,
  runs: LastRuns,
  leaderboard: Leaderboard,
  plans: LatestPlans,
};

/** The overview dashboard's view. */
export function DashboardView(props: ViewProps): React.ReactElement {
  const { model } = props;
  const layout = model.state.widgets;
  const missing = DASHBOARD_WIDGETS.filter((w) => !layout?.includes(w.key));
  return (
    <div className="mm-dashboard-content">
      <h2 className="mm-title">mixmodeler overview</h2>
      {model.state.error && (
        <p className="mm-error" role="alert">
          {model.state.error}
        </p>
      )}
      <div className="mm-toolbar" role="toolbar" aria-label="dashboard toolbar">
        <select
          aria-label="Widget to add"
          value={model.state.adding}
          onChange={(e) => model.choose(e.currentTarget.value as WidgetKey)}
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
          disabled={!model.state.adding}
          onClick={() => void model.add()}
        >
          Add widget
        </button>
        <button type="button" className="jp-Button jp-mod-styled" onClick={() => void model.load()}>
          Refresh
        </button>
      </div>
      {layout === null ? (
        <p className="mm-muted">Reading the layout…</p>
      ) : (
        <div className="mm-dashboard-grid">
          {layout.map((key, i) => {
            const title = DASHBOARD_WIDGETS.find((w) => w.key === key)!.title;
            const Widget = WIDGET_VIEWS[key];
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
                      onClick={() => void model.move(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="jp-Button"
                      aria-label={`Move ${title} down`}
                      disabled={i === layout.length - 1}
                      onClick={() => void model.move(i, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="jp-Button"
                      aria-label={`Remove ${title}`}
                      onClick={() => void model.remove(key)}
                    >
                      ×
                    </button>
                  </span>
                </header>
                <Widget {...props} />
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** The overview dashboard panel; its state is a {@link DashboardModel}. */
export class DashboardPanel extends SignalWidget<DashboardState, DashboardModel> {
  constructor(contents: Contents.IManager, runner: ActionRunner, models: ModelListModel) {
    const model = new DashboardModel({
      saveText: async (path, text) => {
        await contents.save(path, { type: 'file', format: 'text', content: text });
      },
      run: (request) => runner.run(request),
      layoutFile: DASHBOARD_FILE,
    });
    super(model, (m) => <DashboardView model={m} models={models} />, 'mm-dashboard');
    models.changed.connect(() => this.update(), this);
    void model.load();
  }
}
