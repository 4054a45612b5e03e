import type { LeaderboardRow, PlanRow } from 'mixmodeler-kernel/dist/action-protocol';
import { schemaProblem, type HarmonizeSummary } from 'mixmodeler/dist/browser';
import type { ActionRequest, ActionResult } from '../actions/runner';
import { StateModel } from '../ui/state-model';

/** The dashboard's widgets, in their default order; their keys are the ones lib/schemas/dashboard.schema.json allows. */
export const DASHBOARD_WIDGETS = [
  { key: 'coverage', title: 'Harmonized data coverage' },
  { key: 'status', title: 'Models by status' },
  { key: 'runs', title: 'Last runs' },
  { key: 'leaderboard', title: 'ROI leaderboard' },
  { key: 'plans', title: 'Latest plans' },
] as const;
export type WidgetKey = (typeof DASHBOARD_WIDGETS)[number]['key'];

/** The dashboard's state: the layout, each widget's data (undefined until read), the problem. */
export interface DashboardState {
  widgets: WidgetKey[] | null;
  /** The harmonized data's summary; null when there are none, undefined until read. */
  coverage: HarmonizeSummary | null | undefined;
  leaderboard: LeaderboardRow[] | null;
  plans: PlanRow[] | null;
  /** Figures of the overview, by name, when lib gives them. */
  figures: Record<string, unknown>;
  error: string | null;
  adding: WidgetKey | '';
}

/** What the dashboard reads and writes: files of the workspace (missing: null, never a 404), actions. */
export interface DashboardServices {
  /** A workspace file's text, or null when it does not exist. */
  readText: (path: string) => Promise<string | null>;
  saveText: (path: string, text: string) => Promise<void>;
  run: (request: ActionRequest) => Promise<ActionResult>;
  layoutFile: string;
  manifestFile: string;
}

/**
 * The overview dashboard's model: configurable widgets (add, remove, reorder) over the harmonized
 * data, models and plans; the layout is saved in the workspace (`dashboard.json`).
 */
export class DashboardModel extends StateModel<DashboardState> {
  constructor(private readonly services: DashboardServices) {
    super({
      widgets: null,
      coverage: undefined,
      leaderboard: null,
      plans: null,
      figures: {},
      error: null,
      adding: '',
    });
  }

  /** Reads the saved layout and the widgets' data again. */
  async load(): Promise<void> {
    const s = this.services;
    // A layout that does not fit the schema is named, and the default layout shown; none saved is the default.
    let layoutProblem: string | null = null;
    let widgets: WidgetKey[] = DASHBOARD_WIDGETS.map((w) => w.key);
    const saved = await s.readText(s.layoutFile).catch(() => null);
    if (saved !== null) {
      try {
        const doc: unknown = JSON.parse(saved);
        const p = schemaProblem('dashboard', doc);
        if (p) layoutProblem = `${s.layoutFile}: \`${p.path}\` ${p.rule}; the default layout is shown`;
        else widgets = (doc as { widgets: WidgetKey[] }).widgets;
      } catch {
        layoutProblem = `${s.layoutFile} is not JSON; the default layout is shown`;
      }
    }
    this.set({ widgets });
    const manifest = await s.readText(s.manifestFile).catch(() => null);
    this.set({ coverage: manifest === null ? null : (JSON.parse(manifest) as { summary: HarmonizeSummary }).summary });
    const board = await s.run({ action: 'leaderboard' });
    const plans = await s.run({ action: 'plans' });
    this.set({
      leaderboard: board.ok ? (board.value as LeaderboardRow[]) : [],
      plans: plans.ok ? (plans.value as PlanRow[]) : [],
      error: layoutProblem ?? (board.ok ? (plans.ok ? null : plans.error) : board.error),
    });
  }

  choose(adding: WidgetKey | ''): void {
    this.set({ adding });
  }

  /** Adds the chosen widget at the end. */
  async add(): Promise<void> {
    const key = this.state.adding;
    if (!key || !this.state.widgets) return;
    this.set({ adding: '' });
    await this.save([...this.state.widgets, key]);
  }

  async remove(key: WidgetKey): Promise<void> {
    await this.save((this.state.widgets ?? []).filter((k) => k !== key));
  }

  /** Moves the widget at `i` by `by` places. */
  async move(i: number, by: number): Promise<void> {
    const next = [...(this.state.widgets ?? [])];
    const j = i + by;
    if (j < 0 || j >= next.length) return;
    const [w] = next.splice(i, 1);
    next.splice(j, 0, w!);
    await this.save(next);
  }

  private async save(layout: WidgetKey[]): Promise<void> {
    this.set({ widgets: layout });
    try {
      const doc = { format: 'mixmodeler-dashboard/1', widgets: layout };
      await this.services.saveText(this.services.layoutFile, JSON.stringify(doc, null, 2) + '\n');
    } catch (e) {
      this.set({ error: `could not save the layout to ${this.services.layoutFile}: ${(e as Error).message}` });
    }
  }
}
