import { describe, expect, it } from 'vitest';
import type { ActionRequest, ActionResult } from '../actions/runner';
import { DASHBOARD_WIDGETS, DashboardModel } from './dashboard-model';

function dashboard(files: Record<string, string>) {
  const read: string[] = [];
  const model = new DashboardModel({
    readText: async (path) => {
      read.push(path);
      return files[path] ?? null;
    },
    saveText: async (path, text) => void (files[path] = text),
    run: async (r: ActionRequest): Promise<ActionResult> => ({ ok: true, action: r.action, value: [] }),
    layoutFile: 'ws/dashboard.json',
    manifestFile: 'ws/harmonized/manifest.json',
  });
  return { model, files, read };
}

describe('DashboardModel', () => {
  it('load() on a first open shows the default layout and no error', async () => {
    const { model } = dashboard({});
    await model.load();
    expect(model.state.widgets).toEqual(DASHBOARD_WIDGETS.map((w) => w.key));
    expect(model.state.coverage).toBeNull();
    expect(model.state.error).toBeNull();
  });

  it('a saved layout that breaks the schema is named, and the default shown', async () => {
    const { model } = dashboard({ 'ws/dashboard.json': '{"format":"mixmodeler-dashboard/1","widgets":["nope"]}' });
    await model.load();
    expect(model.state.widgets).toEqual(DASHBOARD_WIDGETS.map((w) => w.key));
    expect(model.state.error).toMatch(/^ws\/dashboard\.json: /);
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
