import type { Contents } from '@jupyterlab/services';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelListModel } from './model-list';

/** A Contents manager over an in-memory tree of folders and text files (paths without a leading slash). */
function fakeContents(files: Record<string, string>): Contents.IManager {
  const model = (path: string, type: 'file' | 'directory'): Contents.IModel =>
    ({
      name: path.split('/').pop() ?? '',
      path,
      type,
      last_modified: String(files[path]?.length ?? 0) + (files[path] ?? '').slice(0, 40),
    }) as unknown as Contents.IModel;
  const get = async (path: string, options?: Contents.IFetchOptions): Promise<Contents.IModel> => {
    if (path in files) return { ...model(path, 'file'), content: options?.content ? files[path] : null };
    const prefix = path === '' ? '' : `${path}/`;
    const children = new Map<string, 'file' | 'directory'>();
    for (const f of Object.keys(files)) {
      if (!f.startsWith(prefix)) continue;
      const [head, ...rest] = f.slice(prefix.length).split('/');
      children.set(head!, rest.length > 0 ? 'directory' : 'file');
    }
    if (children.size === 0 && path !== '') throw new Error(`404: ${path}`);
    return {
      ...model(path, 'directory'),
      content: [...children].map(([n, t]) => model(`${prefix}${n}`, t)),
    };
  };
  return { get } as unknown as Contents.IManager;
}

const record = (name: string, status: string) =>
  JSON.stringify({ name, conversion: 'revenue', status, lastRun: null, schedule: { enabled: false } });

const lists: ModelListModel[] = [];
afterEach(() => lists.splice(0).forEach((l) => l.dispose()));

function listOf(files: Record<string, string>): ModelListModel {
  const l = new ModelListModel(fakeContents(files), 60_000);
  lists.push(l);
  return l;
}

describe('ModelListModel', () => {
  it('refresh() lists the stored models; no workspace is an empty list, not an error', async () => {
    const empty = listOf({ 'notes.txt': 'x' });
    await empty.refresh();
    expect(empty.state).toMatchObject({ rows: [], error: null, loaded: true, building: [] });
    const l = listOf({ 'mixmodeler-workspace/models/m-1/model.json': record('Revenue MMM', 'success') });
    await l.refresh();
    expect(l.state.rows.map((r) => [r.id, r.name, r.status])).toEqual([['m-1', 'Revenue MMM', 'success']]);
  });

  it('track({ id }, work) shows the row running from the start until the work ends, whatever the store says', async () => {
    const files = { 'mixmodeler-workspace/models/m-1/model.json': record('Revenue MMM', 'success') };
    const l = listOf(files);
    await l.refresh();
    let release!: () => void;
    const seen: string[] = [];
    l.changed.connect((_, s) => seen.push(s.rows[0]!.status));
    const run = l.track({ id: 'm-1' }, () => new Promise<void>((r) => (release = r)));
    // At once, before the kernel said anything, and though the poll would still read `success`.
    expect(l.state.rows[0]!.status).toBe('running');
    await l.refresh();
    expect(l.state.rows[0]!.status).toBe('running');
    release();
    await run;
    expect(l.state.rows[0]!.status).toBe('success');
    expect(seen[0]).toBe('running');
  });

  it('track({ build }, work) lists the model being built, so the list is never "no models" during a build', async () => {
    const l = listOf({ 'mixmodeler-workspace/models/.keep': '' });
    await l.refresh();
    let release!: () => void;
    const run = l.track({ build: 'New MMM' }, () => new Promise<void>((r) => (release = r)));
    expect(l.state.building).toEqual(['New MMM']);
    release();
    await run;
    expect(l.state.building).toEqual([]);
  });

  it("track reads the store again on the run's first progress (its run record is written by then)", async () => {
    const files: Record<string, string> = {
      'mixmodeler-workspace/models/m-1/model.json': record('Revenue MMM', 'success'),
    };
    const l = listOf(files);
    await l.refresh();
    await l.track({ id: 'm-1' }, async (progressed) => {
      files['mixmodeler-workspace/models/m-1/model.json'] = record('Revenue MMM v2', 'running');
      files['mixmodeler-workspace/models/m-1/progress.json'] = JSON.stringify({ at: new Date().toISOString() });
      progressed();
      await new Promise((r) => setTimeout(r, 20));
      expect(l.state.rows[0]!.name).toBe('Revenue MMM v2');
      files['mixmodeler-workspace/models/m-1/model.json'] = record('Revenue MMM v2', 'training issue');
    });
    expect(l.state.rows[0]!.status).toBe('training issue');
  });
});
