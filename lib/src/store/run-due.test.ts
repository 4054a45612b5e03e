import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installSample } from '../synth/install-sample';
import { registerModel } from './lifecycle';
import { readModel, writeModel } from './model-store';
import { isDue, runDue } from './run-due';

const base = {
  name: 'm',
  conversion: 'revenue',
  touchpoints: ['tv', 'search', 'social', 'display', 'podcast', 'email'].map((channel) => ({
    channel,
    metric: 'spend',
  })),
};

describe('runDue', () => {
  it('runDue trains only the scheduled models that are due', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mm-due-'));
    installSample(ws);
    const weekly = registerModel(ws, { ...base, schedule: { enabled: true, frequency: 'weekly' } });
    const off = registerModel(ws, { ...base, schedule: { enabled: false, frequency: 'weekly' } });
    const recent = registerModel(ws, { ...base, schedule: { enabled: true, frequency: 'monthly' } });
    writeModel(ws, { ...readModel(ws, recent.id), lastRun: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    const ran = await runDue(ws);
    expect(ran.map((r) => r.id)).toEqual([weekly.id]);
    expect(readModel(ws, weekly.id).currentVersion).toBe(1);
    expect(readModel(ws, off.id).currentVersion).toBeNull();
    expect(isDue(readModel(ws, weekly.id), Date.now() + 8 * 86_400_000)).toBe(true);
    expect(isDue(readModel(ws, weekly.id), Date.now() + 86_400_000)).toBe(false);
  });
});
