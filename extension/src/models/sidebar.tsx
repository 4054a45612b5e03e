import { ReactWidget } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import { Menu } from '@lumino/widgets';
import * as React from 'react';
import type { ModelRow, ModelStatus } from '../workspace';
import { WORKSPACE_DIR } from '../workspace';
import { ModelCommandIds, ROW_ACTIONS } from './commands';
import type { ModelListModel, ModelListState } from './model-list';
import { OPTIONAL_COLUMNS, SidebarModel, type ActivityState, type ColumnKey } from './sidebar-model';

export { OPTIONAL_COLUMNS };

const STATUS_CLASS: Record<ModelStatus, string> = {
  success: 'mm-status-success',
  'training issue': 'mm-status-warning',
  'awaiting training': 'mm-status-warning',
  failed: 'mm-status-failed',
  running: 'mm-status-running',
};

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

function Activity({ a }: { a: ActivityState | null }): React.ReactElement | null {
  if (!a) return null;
  return (
    <p
      className={`mm-activity${a.error ? ' mm-error' : ''}${a.running ? ' mm-running' : ''}${a.info ? ' mm-info' : ''}`}
      role={a.error ? 'alert' : 'status'}
    >
      {a.running && <span className="mm-spinner" aria-hidden="true" />}
      <strong>{a.title}:</strong> {a.message}
    </p>
  );
}

/** Props of the sidebar's parts: both models and the app's commands. */
interface Parts {
  list: ModelListState;
  view: SidebarModel;
  commands: CommandRegistry;
  refresh: () => void;
}

function Toolbar({ list, view, commands, refresh }: Parts): React.ReactElement {
  const n = view.state.selected.length;
  return (
    <div className="mm-toolbar" role="toolbar" aria-label="models toolbar">
      <button type="button" className="jp-Button" onClick={() => void commands.execute('mixmodeler:open-canvas')}>
        New model
      </button>
      <button
        type="button"
        className="jp-Button"
        disabled={n === 0}
        onClick={() => void commands.execute(ModelCommandIds.remove, { ids: [...view.state.selected] })}
      >
        Delete selected{n > 0 ? ` (${n})` : ''}
      </button>
      <button
        type="button"
        className="jp-Button"
        aria-expanded={view.state.showSettings}
        onClick={() => view.toggleSettings()}
      >
        Columns
      </button>
      <button type="button" className="jp-Button" onClick={refresh} disabled={!list.loaded}>
        Refresh
      </button>
    </div>
  );
}

function ColumnSettings({ view }: { view: SidebarModel }): React.ReactElement | null {
  if (!view.state.showSettings) return null;
  return (
    <fieldset className="mm-column-settings" aria-label="columns to show">
      <legend>Columns</legend>
      {OPTIONAL_COLUMNS.map((c) => (
        <label key={c.key}>
          <input
            type="checkbox"
            checked={view.state.columns.includes(c.key)}
            onChange={() => view.toggleColumn(c.key)}
          />{' '}
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Up and down arrows move between the rows' action buttons. */
function onTableKey(e: React.KeyboardEvent<HTMLTableSectionElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('.mm-row-actions')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = buttons[i < 0 ? 0 : Math.min(buttons.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)))];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

function openMenu(commands: CommandRegistry, row: ModelRow, anchor: HTMLElement): void {
  const menu = new Menu({ commands });
  menu.addClass('mm-row-menu');
  for (const command of ROW_ACTIONS) menu.addItem({ command, args: { id: row.id } });
  const box = anchor.getBoundingClientRect();
  // Focus goes back to the row's button as the menu closes, before a chosen item's command runs: a
  // dialog the item opens then starts from there (and returns focus there when it closes).
  menu.aboutToClose.connect(() => anchor.focus());
  menu.open(box.left, box.bottom);
  menu.activeIndex = 0;
}

/**
 * The models table. In a narrow sidebar (the default width) each model takes two lines, its name and
 * actions, then its other columns with their labels, wrapped (CSS container query on the sidebar):
 * nothing is cut or off screen.
 */
function ModelsTable({ list, view, commands }: Parts): React.ReactElement {
  if (!list.loaded) return <p className="mm-muted">Reading {WORKSPACE_DIR}…</p>;
  if (list.rows.length === 0 && list.building.length === 0) {
    return (
      <p className="mm-empty">
        No models yet in <code>{WORKSPACE_DIR}</code>. Build one from the model canvas, a notebook or{' '}
        <code>mixmodeler model create</code>.
      </p>
    );
  }
  const cols = OPTIONAL_COLUMNS.filter((c) => view.state.columns.includes(c.key));
  const selected = new Set(view.state.selected);
  const all = list.rows.length > 0 && list.rows.every((r) => selected.has(r.id));
  // A model being built whose folder is listed already shows as its stored row.
  const building = list.building.filter((name) => !list.rows.some((r) => r.name === name && r.status === 'running'));
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
                onChange={() => view.toggleAll(list.rows.map((r) => r.id))}
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
        <tbody onKeyDown={onTableKey}>
          {list.rows.map((r) => (
            <tr
              key={r.id}
              data-model-id={r.id}
              title={r.description}
              aria-selected={selected.has(r.id)}
              className={`${selected.has(r.id) ? 'mm-selected ' : ''}${r.status === 'running' ? 'mm-row-running' : ''}`}
            >
              <td data-column="select">
                <input
                  type="checkbox"
                  aria-label={`Select ${r.name}`}
                  checked={selected.has(r.id)}
                  onChange={() => view.toggleSelected(r.id)}
                />
              </td>
              <td data-column="name">
                <div className="mm-name-cell">
                  <span className="mm-model-name">{r.name}</span>
                  <button
                    type="button"
                    className="mm-row-actions jp-Button"
                    aria-haspopup="menu"
                    aria-label={`Actions for ${r.name}`}
                    onClick={(e) => openMenu(commands, r, e.currentTarget)}
                  >
                    ⋯
                  </button>
                </div>
              </td>
              {cols.map((c) => (
                <td key={c.key} data-column={c.key} data-label={c.label}>
                  {cell(r, c.key)}
                </td>
              ))}
            </tr>
          ))}
          {building.map((name, i) => (
            <tr key={`building-${i}`} className="mm-row-running mm-row-building" data-building={name}>
              <td data-column="select" />
              <td data-column="name">
                <span className="mm-model-name">{name}</span>
              </td>
              {cols.map((c) => (
                <td key={c.key} data-column={c.key} data-label={c.label}>
                  {c.key === 'status' ? <StatusCell status="running" /> : c.key === 'lastRun' ? 'building now' : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The model status sidebar: the models of the workspace store with their status, column settings,
 * multi-select, per-model actions (a menu per row) and the progress or outcome of the last action.
 * Its state is in two models: the shared model list and the sidebar's own {@link SidebarModel}.
 */
export class ModelSidebar extends ReactWidget {
  constructor(
    private readonly list: ModelListModel,
    readonly view: SidebarModel,
    private readonly commands: CommandRegistry,
  ) {
    super();
    this.addClass('mm-sidebar');
    list.changed.connect((_, s) => {
      view.keepOnly(s.rows.map((r) => r.id));
      this.update();
    }, this);
    view.changed.connect(() => this.update(), this);
  }

  protected render(): React.ReactElement {
    const parts: Parts = {
      list: this.list.state,
      view: this.view,
      commands: this.commands,
      refresh: () => void this.list.refresh(),
    };
    return (
      <div className="mm-sidebar-content">
        <h2 className="mm-title">Models</h2>
        <Toolbar {...parts} />
        <ColumnSettings view={this.view} />
        <Activity a={this.view.state.activity} />
        {parts.list.error && (
          <p className="mm-error" role="alert">
            Could not read the workspace: {parts.list.error}
          </p>
        )}
        <ModelsTable {...parts} />
      </div>
    );
  }
}
