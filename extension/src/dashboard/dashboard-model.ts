import type { LeaderboardRow, OverviewView, PlanRow } from 'mixmodeler-kernel/dist/action-protocol';
import type { HarmonizeSummary } from 'mixmodeler/dist/browser';
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
  /** The overview's figures (lib's): the ROI leaderboard, the data's coverage, spend vs effect share per model. */
  figures: OverviewView['figures'] | null;
  error: string | null;
  adding: WidgetKey | '';
}

/** What the dashboard reads and writes: lib's overview (through the kernel) and the layout file. */
export interface DashboardServices {
  saveText: (path: string, text: string) => Promise<void>;
  run: (request: ActionRequest) => Promise<ActionResult>;
  layoutFile: string;
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
      figures: null,
      error: null,
      adding: '',
    });
  }

  /**
   * Reads the overview again, in one kernel action (lib's `overviewView`): the saved layout (or the
   * default, with the reason when the saved one does not fit), the data, the leaderboard, the plans and
   * the figures. Nothing has to exist yet: a first open reads no missing file.
   */
  async load(): Promise<void> {
    const r = await this.services.run({ action: 'overview' });
    if (!r.ok) {
      this.set({
        widgets: this.state.widgets ?? DASHBOARD_WIDGETS.map((w) => w.key),
        coverage: this.state.coverage ?? null,
        leaderboard: this.state.leaderboard ?? [],
        plans: this.state.plans ?? [],
        error: r.error,
      });
      return;
    }
    const v = r.value as OverviewView;
    const known = DASHBOARD_WIDGETS.map((w) => w.key as string);
    this.set({
      widgets: v.widgets.filter((w): w is WidgetKey => known.includes(w)),
      coverage: v.data?.summary ?? null,
      leaderboard: v.leaderboard,
      plans: v.plans,
      figures: v.figures,
      error: v.layoutProblem,
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
