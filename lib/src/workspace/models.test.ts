import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listModels } from './models';
import { StoreError } from '../errors';

function workspaceWith(models: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mm-ws-'));
  for (const [id, text] of Object.entries(models)) {
    mkdirSync(join(dir, 'models', id), { recursive: true });
    writeFileSync(join(dir, 'models', id, 'model.json'), text);
  }
  return dir;
}

describe('listModels', () => {
  it('listModels(dir) is empty for a workspace without models', () => {
    expect(listModels(mkdtempSync(join(tmpdir(), 'mm-ws-')))).toEqual([]);
  });

  it('listModels(dir) reads one row per model folder, sorted by id', () => {
    const dir = workspaceWith({
      b: JSON.stringify({ name: 'Leads', conversion: 'leads', status: 'failed' }),
      a: JSON.stringify({
        name: 'Revenue MMM',
        description: 'weekly revenue',
        conversion: 'revenue',
        status: 'success',
        lastRun: '2026-11-01T10:00:00Z',
        schedule: { enabled: true, frequency: 'weekly' },
      }),
    });
    expect(listModels(dir)).toEqual([
      {
        id: 'a',
        name: 'Revenue MMM',
        description: 'weekly revenue',
        conversion: 'revenue',
        runFrequency: 'weekly',
        lastRun: '2026-11-01T10:00:00Z',
        status: 'success',
      },
      {
        id: 'b',
        name: 'Leads',
        description: '',
        conversion: 'leads',
        runFrequency: null,
        lastRun: null,
        status: 'failed',
      },
    ]);
  });

  it('listModels names the file and field of a bad model.json', () => {
    const dir = workspaceWith({ x: JSON.stringify({ name: 'X', conversion: 'revenue', status: 'done' }) });
    expect(() => listModels(dir)).toThrow(StoreError);
    expect(() => listModels(dir)).toThrow(
      /models\/x\/model\.json: `status` must be one of awaiting training, running, .*; got "done"/,
    );
    const broken = workspaceWith({ y: '{' });
    expect(() => listModels(broken)).toThrow(/models\/y\/model\.json: not valid JSON/);
  });
});
