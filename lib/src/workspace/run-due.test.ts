import { describe, expect, it } from 'vitest';
import { SAMPLE_MODEL, sampleWorkspace } from '../../../tests/helpers/sample-workspace';
import { registerModel } from './lifecycle';
import { readModel, writeModel } from './model-store';
import { isDue, runDue } from './run-due';

const base = { name: 'm', conversion: SAMPLE_MODEL.conversion, touchpoints: SAMPLE_MODEL.touchpoints };

describe('runDue', () => {
  it('runDue trains only the scheduled models that are due', async () => {
    const ws = sampleWorkspace('mm-due-');
    const weekly = registerModel(ws, { ...base, schedule: { enabled: true, frequency: 'weekly' } });
    const off = registerModel(ws, { ...base, schedule: { enabled: false, frequency: 'weekly' } });
    const recent = registerModel(ws, { ...base, schedule: { enabled: true, frequency: 'monthly' } });
    writeModel(ws, { ...readModel(ws, recent.id), lastRun: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    const ran = await runDue(ws);
    expect(ran.map((r) => r.id)).toEqual([weekly.id]);
    expect(ran[0]).toEqual({ id: weekly.id, name: 'm', status: expect.stringMatching(/success|training issue/) });
    expect(readModel(ws, weekly.id).currentVersion).toBe(1);
    expect(readModel(ws, off.id).currentVersion).toBeNull();
    expect(isDue(readModel(ws, weekly.id), Date.now() + 8 * 86_400_000)).toBe(true);
    expect(isDue(readModel(ws, weekly.id), Date.now() + 86_400_000)).toBe(false);
  });

  it('runDue retries a model whose run was interrupted and skips one whose run failed', async () => {
    const ws = sampleWorkspace('mm-due-');
    const schedule = { enabled: true, frequency: 'weekly' };
    const killed = registerModel(ws, { ...base, name: 'killed', schedule });
    const broken = registerModel(ws, { ...base, name: 'broken', schedule });
    // A run that died: `running` on disk and no live lock. A run that failed on its own.
    writeModel(ws, { ...readModel(ws, killed.id), status: 'running', lastRun: null });
    writeModel(ws, {
      ...readModel(ws, broken.id),
      status: 'failed',
      error: 'bad data',
      lastRun: null,
      versions: [{ version: 1, trainedAt: '2026-01-01', window: { from: 'a', to: 'b' }, status: 'failed' }],
    });
    const ran = await runDue(ws);
    expect(ran).toEqual(
      [
        { id: killed.id, name: 'killed', status: expect.stringMatching(/success|training issue/) },
        { id: broken.id, name: 'broken', status: 'failed', skipped: 'bad data' },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(readModel(ws, killed.id).currentVersion).toBe(1);
  });

  it('runDue leaves a due model whose scores reach the data’s last period as it is, and says so', async () => {
    const ws = sampleWorkspace('mm-due-');
    const m = registerModel(ws, { ...base, schedule: { enabled: true, frequency: 'weekly' } });
    await runDue(ws);
    const trained = readModel(ws, m.id);
    expect(trained.currentVersion).toBe(1);
    // A week later the model is due again, but no new data have come.
    const ran = await runDue(ws, Date.now() + 8 * 86_400_000);
    expect(ran).toEqual([
      {
        id: m.id,
        name: 'm',
        status: trained.status,
        upToDate: `no new data since ${trained.scoredThrough}: its scores are up to date`,
      },
    ]);
    expect(readModel(ws, m.id).versions).toHaveLength(1);
  });
});
