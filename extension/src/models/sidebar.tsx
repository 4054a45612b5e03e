import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';
import type { ModelRow, ModelStatus } from '../workspace';
import { WORKSPACE_DIR } from '../workspace';
import type { ModelListModel, ModelListState } from './model-list';

const STATUS_CLASS: Record<ModelStatus, string> = {
  success: 'mm-status-success',
  'training issue': 'mm-status-warning',
  'awaiting training': 'mm-status-warning',
  failed: 'mm-status-failed',
  running: 'mm-status-running',
};

function StatusCell({ status }: { status: ModelStatus }): React.ReactElement {
  return (
    <span className={`mm-status ${STATUS_CLASS[status]}`}>
      <span className="mm-status-dot" aria-hidden="true" />
      {status}
    </span>
  );
}

function ModelTable({ rows }: { rows: ModelRow[] }): React.ReactElement {
  return (
    <table className="mm-models-table" aria-label="mixmodeler models">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Conversion</th>
          <th scope="col">Run frequency</th>
          <th scope="col">Last run</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-model-id={r.id} title={r.description}>
            <td>{r.name}</td>
            <td>{r.conversion}</td>
            <td>{r.runFrequency ?? 'off'}</td>
            <td>{r.lastRun ? new Date(r.lastRun).toLocaleString() : 'never'}</td>
            <td>
              <StatusCell status={r.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Body({ state }: { state: ModelListState }): React.ReactElement {
  // Text from the store is rendered as React text nodes only, never as HTML.
  return (
    <>
      {state.error && (
        <p className="mm-error" role="alert">
          Could not read the workspace: {state.error}
        </p>
      )}
      {!state.loaded ? (
        <p className="mm-muted">Reading {WORKSPACE_DIR}…</p>
      ) : state.rows.length === 0 ? (
        <p className="mm-empty">
          No models yet in <code>{WORKSPACE_DIR}</code>. Build one from the model canvas, a notebook or{' '}
          <code>mixmodeler model create</code>.
        </p>
      ) : (
        <ModelTable rows={state.rows} />
      )}
    </>
  );
}

/** The model status sidebar: the models of the workspace store, with their status. */
export class ModelSidebar extends ReactWidget {
  constructor(private readonly model: ModelListModel) {
    super();
    this.addClass('mm-sidebar');
    // Re-render from the model's current state on every change. (A UseSignal child that starts from
    // the state at element creation misses a change emitted before React mounts it, and the list then
    // stays at "Reading…": seen in CI under load.)
    model.changed.connect(() => this.update(), this);
  }

  protected render(): React.ReactElement {
    return (
      <div className="mm-sidebar-content">
        <h2 className="mm-title">Models</h2>
        <Body state={this.model.state} />
      </div>
    );
  }
}
