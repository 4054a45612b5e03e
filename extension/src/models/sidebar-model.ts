import { StateModel } from '../ui/state-model';

/** The columns that can be shown or hidden (the name is always shown). */
export const OPTIONAL_COLUMNS = [
  { key: 'status', label: 'Status' },
  { key: 'description', label: 'Description' },
  { key: 'conversion', label: 'Conversion' },
  { key: 'runFrequency', label: 'Run frequency' },
  { key: 'lastRun', label: 'Last run' },
] as const;
export type ColumnKey = (typeof OPTIONAL_COLUMNS)[number]['key'];

/** What the sidebar shows about the action in progress or the last one that finished. */
export interface ActivityState {
  /** e.g. "Training Revenue MMM" */
  title: string;
  /** the latest progress line or the outcome */
  message: string;
  running: boolean;
  error: boolean;
  /** An outcome worth knowing that is not a failure (nothing new to score). */
  info?: boolean;
}

/** The sidebar's own state: the columns shown, the selected models, the settings' fold, the last action. */
export interface SidebarState {
  columns: ColumnKey[];
  selected: string[];
  showSettings: boolean;
  activity: ActivityState | null;
}

const COLUMNS_KEY = 'mixmodeler:sidebar-columns';
export const DEFAULT_COLUMNS: ColumnKey[] = ['status', 'conversion', 'runFrequency', 'lastRun'];

/** Where the chosen columns are kept between sessions (the browser's localStorage in the lab). */
export interface ColumnStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function loadColumns(store: ColumnStore | null): ColumnKey[] {
  try {
    const saved = JSON.parse(store?.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved)) return OPTIONAL_COLUMNS.map((c) => c.key).filter((k) => saved.includes(k));
  } catch {
    // a damaged setting falls back to the default columns
  }
  return [...DEFAULT_COLUMNS];
}

/** The model status sidebar's view model. */
export class SidebarModel extends StateModel<SidebarState> {
  constructor(private readonly store: ColumnStore | null) {
    super({ columns: loadColumns(store), selected: [], showSettings: false, activity: null });
  }

  toggleColumn(key: ColumnKey): void {
    const on = new Set(this.state.columns);
    if (on.has(key)) on.delete(key);
    else on.add(key);
    const columns = OPTIONAL_COLUMNS.map((c) => c.key).filter((k) => on.has(k));
    this.store?.setItem(COLUMNS_KEY, JSON.stringify(columns));
    this.set({ columns });
  }

  toggleSelected(id: string): void {
    const s = this.state.selected;
    this.set({ selected: s.includes(id) ? s.filter((x) => x !== id) : [...s, id] });
  }

  /** Selects every listed model, or none when all are selected. */
  toggleAll(ids: string[]): void {
    const all = ids.length > 0 && ids.every((id) => this.state.selected.includes(id));
    this.set({ selected: all ? [] : [...ids] });
  }

  /** Forgets selected models that are gone. */
  keepOnly(ids: string[]): void {
    const selected = this.state.selected.filter((id) => ids.includes(id));
    if (selected.length !== this.state.selected.length) this.set({ selected });
  }

  toggleSettings(): void {
    this.set({ showSettings: !this.state.showSettings });
  }

  /** Shows the progress or the outcome of an action. */
  setActivity(activity: ActivityState): void {
    this.set({ activity });
  }
}
