import type { Contents } from '@jupyterlab/services';
import { Poll } from '@lumino/polling';
import { Signal, type ISignal } from '@lumino/signaling';
import { parseModelSummary, RUN_FREQUENCIES, type RunEvidence } from 'mixmodeler/dist/browser';
import { MODELS_DIR, MODELS_FOLDER, WORKSPACE_DIR, modelFilePath, progressFilePath, type ModelRow } from '../workspace';

/** What the sidebar shows: the rows, or the error that kept them from loading. */
export interface ModelListState {
  rows: ModelRow[];
  error: string | null;
  loaded: boolean;
  /** Names of the models being built from this page (no folder in the store yet, or not listed yet). */
  building: string[];
}

/** What a run started from this page works on: a stored model, or a new model being built. */
export type RunTarget = { id: string } | { build: string };

/**
 * The models of the workspace store, refreshed by polling: files written by a kernel or the CLI raise
 * no change events in JupyterLab, so the folder is listed again every few seconds and model files are
 * read only when their `last_modified` changed.
 */
export class ModelListModel {
  private _state: ModelListState = { rows: [], error: null, loaded: false, building: [] };
  /** Stored rows as last read, before the runs of this page are laid over them. */
  private _stored: ModelRow[] = [];
  /** Ids of models with a run started from this page and not finished, with how many. */
  private readonly _runs = new Map<string, number>();
  private readonly _building: string[] = [];
  private readonly _changed = new Signal<this, ModelListState>(this);
  private readonly _cache = new Map<string, { modified: string; row: ModelRow }>();
  private readonly _poll: Poll;

  constructor(
    private readonly contents: Contents.IManager,
    intervalMs = 3000,
  ) {
    this._poll = new Poll({
      factory: () => this.refresh(),
      frequency: { interval: intervalMs, backoff: true, max: 30_000 },
      name: 'mixmodeler:model-list',
      standby: 'when-hidden',
    });
  }

  /** Emitted with the new state whenever rows or error change. */
  get changed(): ISignal<this, ModelListState> {
    return this._changed;
  }

  get state(): ModelListState {
    return this._state;
  }

  /** Lists the store again now. */
  async refresh(): Promise<void> {
    let error: string | null = null;
    try {
      this._stored = await this.load();
    } catch (e) {
      error = (e as Error).message;
    }
    this.set({ ...this.overlay(), error, loaded: true });
  }

  /**
   * Runs `work` on a model (train, score, edit…) or a new model (build) and shows it in progress from
   * the moment it starts: the model's row is \`running\` (a new model has a row of its own) until the
   * work ends, whatever the poll saw; the store is listed again as the run reports progress (its run
   * record is written by then) and when it ends.
   */
  async track<T>(target: RunTarget, work: (progressed: () => void) => Promise<T>): Promise<T> {
    if ('id' in target) this._runs.set(target.id, (this._runs.get(target.id) ?? 0) + 1);
    else this._building.push(target.build);
    this.set(this.overlay());
    let read = false;
    const progressed = () => {
      if (read) return;
      read = true;
      void this.refresh();
    };
    try {
      return await work(progressed);
    } finally {
      if ('id' in target) {
        const n = (this._runs.get(target.id) ?? 1) - 1;
        if (n > 0) this._runs.set(target.id, n);
        else this._runs.delete(target.id);
      } else {
        this._building.splice(this._building.indexOf(target.build), 1);
      }
      await this.refresh();
    }
  }

  /** The stored rows with this page's runs laid over them. */
  private overlay(): Pick<ModelListState, 'rows' | 'building'> {
    return {
      rows: this._stored.map((r) => (this._runs.has(r.id) ? { ...r, status: 'running' as const } : r)),
      building: [...this._building],
    };
  }

  dispose(): void {
    this._poll.dispose();
    Signal.clearData(this);
  }

  private set(patch: Partial<ModelListState>): void {
    const next = { ...this._state, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this._state)) return;
    this._state = next;
    this._changed.emit(next);
  }

  private async load(): Promise<ModelRow[]> {
    // Walk down from the server root so a missing workspace is an empty list, not a 404 every poll.
    if (!(await this.hasChild('', WORKSPACE_DIR)) || !(await this.hasChild(WORKSPACE_DIR, MODELS_FOLDER))) {
      return [];
    }
    const dir = await this.contents.get(MODELS_DIR, { content: true });
    const folders = (dir.content as Contents.IModel[]).filter((m) => m.type === 'directory' && !m.name.startsWith('.'));
    const rows: ModelRow[] = [];
    for (const folder of folders.sort((a, b) => a.name.localeCompare(b.name))) {
      const row = await this.readModel(folder.name);
      if (row) rows.push(row);
    }
    return rows;
  }

  private async hasChild(dir: string, name: string): Promise<boolean> {
    const listing = await this.contents.get(dir, { content: true, type: 'directory' });
    return (listing.content as Contents.IModel[]).some((m) => m.name === name && m.type === 'directory');
  }

  private async readModel(id: string): Promise<ModelRow | null> {
    const path = modelFilePath(id);
    let stat: Contents.IModel;
    try {
      stat = await this.contents.get(path, { content: false });
    } catch {
      return null; // a folder being written, without its model.json yet
    }
    const cached = this._cache.get(id);
    if (cached && cached.modified === stat.last_modified) return cached.row;
    const file = await this.contents.get(path, { content: true, format: 'text', type: 'file' });
    const text = String(file.content);
    // A running model is live while its run's heartbeat (progress.json `at`) is fresh: lib's one rule.
    const run = text.includes('"running"') ? { heartbeat: await this.heartbeat(id) } : undefined;
    const row = parseRow(id, path, text, run);
    if (!run) this._cache.set(id, { modified: stat.last_modified, row }); // a run's heartbeat is read every poll
    return row;
  }

  private async heartbeat(id: string): Promise<string | null> {
    try {
      const file = await this.contents.get(progressFilePath(id), { content: true, format: 'text', type: 'file' });
      const at = (JSON.parse(String(file.content)) as { at?: unknown }).at;
      return typeof at === 'string' ? at : null;
    } catch {
      return null;
    }
  }
}

/** Parses a model.json into a table row; a bad file becomes a `failed` row that says what is wrong. */
export function parseRow(id: string, path: string, text: string, run?: RunEvidence): ModelRow {
  try {
    const summary = parseModelSummary(id, path, text, run);
    const doc = JSON.parse(text) as { scoredThrough?: unknown; schedule?: { enabled?: unknown; frequency?: unknown } };
    const frequency = RUN_FREQUENCIES.find((f) => f === doc.schedule?.frequency) ?? 'weekly';
    return {
      ...summary,
      scoredThrough: typeof doc.scoredThrough === 'string' ? doc.scoredThrough : null,
      schedule: { enabled: doc.schedule?.enabled === true, frequency },
    };
  } catch (e) {
    const why = (e as Error).message;
    return {
      id,
      name: id,
      description: why,
      conversion: '',
      runFrequency: null,
      lastRun: null,
      status: 'failed',
      scoredThrough: null,
      schedule: { enabled: false, frequency: 'weekly' },
    };
  }
}
