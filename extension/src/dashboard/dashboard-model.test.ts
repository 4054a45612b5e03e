import type { OverviewView } from 'mixmodeler-kernel/dist/action-protocol';
import { describe, expect, it } from 'vitest';
import type { ActionRequest, ActionResult } from '../actions/runner';
import { DASHBOARD_WIDGETS, DashboardModel } from './dashboard-model';

const DEFAULT = DASHBOARD_WIDGETS.map((w) => w.key);

function dashboard(overview: Partial<OverviewView> | string) {
  const files: Record<string, string> = {};
  const asked: ActionRequest[] = [];
  const model = new DashboardModel({
    saveText: async (path, text) => void (files[path] = text),
    run: async (r: ActionRequest): Promise<ActionResult> => {
      asked.push(r);
      if (typeof overview === 'string') return { ok: false, action: r.action, error: overview, code: 'E_KERNEL' };
      const value: OverviewView = {
        widgets: [...DEFAULT],
        layoutProblem: null,
        data: null,
        leaderboard: [],
        plans: [],
        figures: { leaderboard: null, coverage: null, shares: [] },
        ...overview,
      };
      return { ok: true, action: r.action, value };
    },
    layoutFile: 'ws/dashboard.json',
  });
  return { model, files, asked };
}

describe('DashboardModel', () => {
  it("load() takes everything from lib's overview in one action", async () => {
    const { model, asked } = dashboard({});
    await model.load();
    expect(asked).toEqual([{ action: 'overview' }]);
    expect(model.state).toMatchObject({ widgets: DEFAULT, coverage: null, leaderboard: [], plans: [], error: null });
    expect(model.state.figures).toEqual({ leaderboard: null, coverage: null, shares: [] });
  });

  it("a saved layout lib could not use is named, and lib's default shown", async () => {
    const { model } = dashboard({ layoutProblem: 'dashboard.json: `widgets/0` must be one of …' });
    await model.load();
    expect(model.state.widgets).toEqual(DEFAULT);
    expect(model.state.error).toMatch(/^dashboard\.json: /);
  });

  it('a failed overview says why and still shows the default layout', async () => {
    const { model } = dashboard('the kernel died');
    await model.load();
    expect(model.state).toMatchObject({ widgets: DEFAULT, error: 'the kernel died' });
  });

  it('move, remove and add save the layout', async () => {
    const { model, files } = dashboard({});
    await model.load();
    await model.remove('runs');
    await model.move(3, -1);
    model.choose('runs');
    await model.add();
    const saved = JSON.parse(files['ws/dashboard.json']!) as { widgets: string[] };
    expect(saved.widgets).toEqual(['coverage', 'status', 'plans', 'leaderboard', 'runs']);
  });
});
