import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_MODEL, sampleWorkspace, tempDir } from '../../../tests/helpers/sample-workspace';
import { registerModel } from './lifecycle';
import { modelDir, readModel, writeModel } from './model-store';
import { trainModels } from './train-pool';

// The worker path runs on lib's compiled build (a worker thread cannot load TypeScript), which `npm test`
// builds before vitest runs (run `npx tsc -b lib` first when running this file alone). Its stored fits are
// compared with the same trainings run one after the other from these sources, so a stale build fails too.
const DIST = resolve(__dirname, '../../dist/workspace');
if (!existsSync(`${DIST}/train-worker.js`))
  throw new Error(`${DIST}/train-worker.js is missing: run npx tsc -b lib first`);
const dist = createRequire(import.meta.url)(`${DIST}/train-pool.js`) as typeof import('./train-pool');

const lines = [
  { name: 'Online', channels: ['search', 'social', 'display'] },
  { name: 'Offline', channels: ['tv', 'podcast', 'email'] },
];

/** The sample workspace with two independent models on it, awaiting training. */
function twoModels(): { ws: string; ids: string[] } {
  const ws = sampleWorkspace('mm-pool-');
  const ids = lines.map(
    (l) =>
      registerModel(ws, {
        ...SAMPLE_MODEL,
        name: l.name,
        touchpoints: SAMPLE_MODEL.touchpoints.filter((t) => l.channels.includes(t.channel)),
      }).id,
  );
  return { ws, ids };
}

/** A stored version without the time it was made: the fit itself. */
function storedFit(ws: string, id: string): unknown {
  const v = JSON.parse(readFileSync(join(modelDir(ws, id), 'versions', '1.json'), 'utf8')) as Record<string, unknown>;
  return { channels: v.channels, status: v.status, reasons: v.reasons };
}

describe('trainModels', () => {
  it('trains two models in worker threads at once, storing exactly what one-after-the-other training stores', async () => {
    const { ws, ids } = twoModels();
    const copy = tempDir('mm-pool-copy-');
    cpSync(ws, copy, { recursive: true });
    const stages: Record<string, Set<string>> = {};
    const parallel = await dist.trainModels(
      ws,
      ids.map((id) => ({ id })),
      { parallel: 2, onProgress: (id, p) => (stages[id] ??= new Set()).add(p.stage) },
    );
    const serial = await trainModels(
      copy,
      ids.map((id) => ({ id })),
      { parallel: 1 },
    );
    expect(parallel.map((o) => o.id)).toEqual(ids);
    for (const [k, id] of ids.entries()) {
      const o = parallel[k]!;
      if (!('model' in o)) throw o.error;
      expect(o.model.status).toMatch(/^(success|training issue)$/);
      expect(o.model.currentVersion).toBe(1);
      expect(readModel(ws, id).status).toBe(o.model.status);
      expect(storedFit(ws, id)).toEqual(storedFit(copy, id));
      expect(serial[k]).toEqual({ id, thread: 0, model: expect.objectContaining({ status: o.model.status }) });
      // Progress came back from each worker, tagged with its model, to the end of its run.
      expect(stages[id]).toContain('scoring');
      expect(stages[id]).toContain('finished');
    }
    // Each ran in a worker of its own; the sources' run, in this thread.
    expect(new Set(parallel.map((o) => o.thread)).size).toBe(2);
    expect(parallel.every((o) => o.thread > 0)).toBe(true);
    expect(serial.map((o) => o.thread)).toEqual([0, 0]);
    // The two fits differ (different channels): no result was crossed between the workers.
    expect(storedFit(ws, ids[0]!)).not.toEqual(storedFit(ws, ids[1]!));
  }, 120_000);

  it("one model's refusal does not stop the others, and a worker trains the next job after it", async () => {
    const { ws, ids } = twoModels();
    const third = registerModel(ws, { ...SAMPLE_MODEL, name: 'All' }).id;
    const failed = readModel(ws, ids[0]!);
    writeModel(ws, {
      ...failed,
      status: 'failed',
      error: 'bad data',
      versions: [{ version: 1, trainedAt: '2026-01-01', window: { from: 'a', to: 'b' }, status: 'failed' }],
    });
    // Three jobs on two workers: one worker takes the refused job, then the third.
    const out = await dist.trainModels(
      ws,
      [...ids, third].map((id) => ({ id })),
      { parallel: 2 },
    );
    const [refused, ...trained] = out;
    expect(refused).toMatchObject({ id: ids[0], error: { code: 'E_STORE' } });
    expect('error' in refused! && refused.error.message).toMatch(
      /can be re-trained only when its last training succeeded/,
    );
    expect(trained).toMatchObject([
      { id: ids[1], model: { currentVersion: 1 } },
      { id: third, model: { currentVersion: 1 } },
    ]);
    expect(out[2]!.thread).toBe(out[0]!.thread);
    expect(readModel(ws, ids[0]!).status).toBe('failed');
    expect(readModel(ws, third).status).toMatch(/^(success|training issue)$/);
  }, 120_000);

  it('checks every job before any run starts: a missing model, a model named twice, a bad `parallel`', async () => {
    const { ws, ids } = twoModels();
    await expect(trainModels(ws, [{ id: ids[0]! }, { id: 'm-0-none' }])).rejects.toThrow(/no model m-0-none/);
    await expect(trainModels(ws, [{ id: ids[0]! }, { id: ids[0]! }])).rejects.toThrow(`model ${ids[0]} is named twice`);
    await expect(trainModels(ws, [{ id: ids[0]! }], { parallel: 0 })).rejects.toThrow(
      '`parallel` must be an integer ≥ 1; got 0',
    );
    for (const id of ids) expect(readModel(ws, id).status).toBe('awaiting training');
  });
});
