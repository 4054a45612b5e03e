import { ReactWidget } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import { Menu } from '@lumino/widgets';
import * as React from 'react';
import type { ModelRow, ModelStatus } from '../workspace';
import { WORKSPACE_DIR } from '../workspace';
import { ModelCommandIds, ROW_ACTIONS, type ActivityState } from './commands';
import type { ModelListModel, ModelListState } from './model-list';

const STATUS_CLASS: Record<ModelStatus, string> = {
  success: 'mm-status-success',
  'training issue': 'mm-status-warning',
  'awaiting training': 'mm-status-warning',
  failed: 'mm-status-failed',
  running: 'mm-status-running',
};

/** The columns that can be shown or hidden (the name is always shown). */
export const OPTIONAL_COLUMNS = [
  { key: 'status', label: 'Status' },
  { key: 'description', label: 'Description' },
  { key: 'conversion', label: 'Conversion' },
  { key: 'runFrequency', label: 'Run frequency' },
  { key: 'lastRun', label: 'Last run' },
] as const;
type ColumnKey = (typeof OPTIONAL_COLUMNS)[number]['key'];

const COLUMNS_KEY = 'mixmodeler:sidebar-columns';
const DEFAULT_COLUMNS: ColumnKey[] = ['status', 'conversion', 'runFrequency', 'lastRun'];

function loadColumns(): Set<ColumnKey> {
  try {
    const saved = JSON.parse(window.localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved)) return new Set(saved.filter((k) => OPTIONAL_COLUMNS.some((c) => c.key === k)));
  } catch {
    // a damaged setting falls back to the default columns
  }
  return new Set(DEFAULT_COLUMNS);
}

function StatusCell({ status }: { status: ModelStatus }): React.ReactElement {
  return (
    <span className={`mm-status ${STATUS_CLASS[status]}`} role={status === 'running' ? 'status' : undefined}>
      <span className="mm-status-dot" aria-hidden="true" />
      {status}
    </span>
  );
}

function cell(r: ModelRow, key: ColumnKey): React.ReactNode {
  switch (key) {
    case 'description':
      return r.description;
    case 'conversion':
      return r.conversion;
    case 'runFrequency':
      return r.runFrequency ?? 'off';
    case 'lastRun':
      return r.lastRun ? new Date(r.lastRun).toLocaleString() : 'never';
    case 'status':
      return <StatusCell status={r.status} />;
  }
}

/**
 * The model status sidebar: the models of the workspace store with their status, column settings,
 * multi-select, per-model actions (a menu per row) and the progress or outcome of the last action.
 * Text from the store is rendered as React text nodes only, never as HTML.
 */
export class ModelSidebar extends ReactWidget {
  private columns = loadColumns();
  private selected = new Set<string>();
  private showSettings = false;
  private activity: ActivityState | null = null;

  constructor(
    private readonly model: ModelListModel,
    private readonly commands: CommandRegistry,
  ) {
    super();
    this.addClass('mm-sidebar');
    // Re-render from the model's current state on every change. (A UseSignal child that starts from
    // the state at element creation misses a change emitted before React mounts it, and the list then
    // stays at "Reading…": seen in CI under load.)
    model.changed.connect(() => this.update(), this);
  }

  /** Shows the progress or the outcome of an action. */
  setActivity(a: ActivityState): void {
    this.activity = a;
    this.update();
  }

  private toggleColumn(key: ColumnKey): void {
    if (this.columns.has(key)) this.columns.delete(key);
    else this.columns.add(key);
    window.localStorage.setItem(COLUMNS_KEY, JSON.stringify([...this.columns]));
    this.update();
  }

  private toggleSelected(id: string): void {
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
    this.update();
  }

  private openMenu(row: ModelRow, anchor: HTMLElement): void {
    const menu = new Menu({ commands: this.commands });
    menu.addClass('mm-row-menu');
    for (const command of ROW_ACTIONS) menu.addItem({ command, args: { id: row.id } });
    const box = anchor.getBoundingClientRect();
    // Focus goes back to the row's button as the menu closes, before a chosen item's command runs: a
    // dialog the item opens then starts from there (and returns focus there when it closes). A later
    // refocus (it was in an animation frame) could land in the open dialog, whose focus trap moved it
    // to the accept button while the user was typing in a field.
    menu.aboutToClose.connect(() => anchor.focus());
    menu.open(box.left, box.bottom);
    menu.activeIndex = 0;
  }

  /** Up and down arrows move between the rows' action buttons. */
  private onTableKey(e: React.KeyboardEvent<HTMLTableSectionElement>): void {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('.mm-row-actions')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[i < 0 ? 0 : Math.min(buttons.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }

  protected render(): React.ReactElement {
    const state = this.model.state;
    // Forget selected models that are gone.
    for (const id of this.selected) if (!state.rows.some((r) => r.id === id)) this.selected.delete(id);
    return (
      <div className="mm-sidebar-content">
        <h2 className="mm-title">Models</h2>
        {this.renderToolbar(state)}
        {this.showSettings && (
          <fieldset className="mm-column-settings" aria-label="columns to show">
            <legend>Columns</legend>
            {OPTIONAL_COLUMNS.map((c) => (
              <label key={c.key}>
                <input type="checkbox" checked={this.columns.has(c.key)} onChange={() => this.toggleColumn(c.key)} />{' '}
                {c.label}
              </label>
            ))}
          </fieldset>
        )}
        {this.renderActivity()}
        {state.error && (
          <p className="mm-error" role="alert">
            Could not read the workspace: {state.error}
          </p>
        )}
        {this.renderBody(state)}
      </div>
    );
  }

  private renderToolbar(state: ModelListState): React.ReactElement {
    const n = this.selected.size;
    return (
      <div className="mm-toolbar" role="toolbar" aria-label="models toolbar">
        <button
          type="button"
          className="jp-Button"
          onClick={() => void this.commands.execute('mixmodeler:open-canvas')}
        >
          New model
        </button>
        <button
          type="button"
          className="jp-Button"
          disabled={n === 0}
          onClick={() => void this.commands.execute(ModelCommandIds.remove, { ids: [...this.selected] })}
        >
          Delete selected{n > 0 ? ` (${n})` : ''}
        </button>
        <button
          type="button"
          className="jp-Button"
          aria-expanded={this.showSettings}
          onClick={() => {
            this.showSettings = !this.showSettings;
            this.update();
          }}
        >
          Columns
        </button>
        <button type="button" className="jp-Button" onClick={() => void this.model.refresh()} disabled={!state.loaded}>
          Refresh
        </button>
      </div>
    );
  }

  private renderActivity(): React.ReactElement | null {
    const a = this.activity;
    if (!a) return null;
    return (
      <p
        className={`mm-activity${a.error ? ' mm-error' : ''}${a.running ? ' mm-running' : ''}`}
        role={a.error ? 'alert' : 'status'}
      >
        {a.running && <span className="mm-spinner" aria-hidden="true" />}
        <strong>{a.title}:</strong> {a.message}
      </p>
    );
  }

  private renderBody(state: ModelListState): React.ReactElement {
    if (!state.loaded) return <p className="mm-muted">Reading {WORKSPACE_DIR}…</p>;
    if (state.rows.length === 0) {
      return (
        <p className="mm-empty">
          No models yet in <code>{WORKSPACE_DIR}</code>. Build one from the model canvas, a notebook or{' '}
          <code>mixmodeler model create</code>.
        </p>
      );
    }
    const cols = OPTIONAL_COLUMNS.filter((c) => this.columns.has(c.key));
    const all = state.rows.every((r) => this.selected.has(r.id));
    return (
      <div className="mm-table-scroll">
        <table className="mm-models-table" aria-label="mixmodeler models">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all models"
                  checked={all}
                  onChange={() => {
                    this.selected = all ? new Set() : new Set(state.rows.map((r) => r.id));
                    this.update();
                  }}
                />
              </th>
              <th scope="col">Name</th>
              {cols.map((c) => (
                <th scope="col" key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody onKeyDown={(e) => this.onTableKey(e)}>
            {state.rows.map((r) => (
              <tr
                key={r.id}
                data-model-id={r.id}
                title={r.description}
                aria-selected={this.selected.has(r.id)}
                className={this.selected.has(r.id) ? 'mm-selected' : undefined}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.name}`}
                    checked={this.selected.has(r.id)}
                    onChange={() => this.toggleSelected(r.id)}
                  />
                </td>
                <td>
                  <div className="mm-name-cell">
                    <span className="mm-model-name">{r.name}</span>
                    <button
                      type="button"
                      className="mm-row-actions jp-Button"
                      aria-haspopup="menu"
                      aria-label={`Actions for ${r.name}`}
                      onClick={(e) => this.openMenu(r, e.currentTarget)}
                    >
                      ⋯
                    </button>
                  </div>
                </td>
                {cols.map((c) => (
                  <td key={c.key} data-column={c.key}>
                    {cell(r, c.key)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
}
