import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDatasets } from '../data/dataset-store';
import { StoreError } from '../errors';
import { readModel } from './model-store';
import { readPlan } from './plan-store';

const record = {
  ...{ schema: 1, id: 'm-a-b', name: 'Revenue', description: '', conversion: 'revenue' },
  ...{ schedule: { enabled: false, frequency: 'weekly' }, status: 'awaiting training', lastRun: null },
  ...{ reasons: [], error: null, versions: [], currentVersion: null, scoredThrough: null, runs: [] },
  config: {
    ...{ name: 'Revenue', description: '', conversion: 'revenue', lookbackWeeks: 8, trainingWindow: 'last-2-years' },
    ...{
      touchpoints: [{ channel: 'tv', metric: 'spend', source: 'summary' }],
      factors: { internal: [], external: [] },
    },
    ...{ priors: [], spendShare: true, schedule: { enabled: false, frequency: 'weekly' } },
  },
};
const manifest = {
  ...{ format: 'mixmodeler.dataset/1', name: 'spend', kind: 'summary', source: 'spend.csv', file: 'data-1.csv' },
  ...{ columns: ['date', 'channel', 'spend'], rows: 3, firstRow: 2, decimal: '.', aggregated: false },
  importedAt: '2026-11-22T10:15:00.123Z',
};

/** A workspace holding `file` with `doc` as JSON. */
function workspaceWith(file: string, doc: unknown): string {
  const ws = mkdtempSync(join(tmpdir(), 'mm-stored-'));
  mkdirSync(join(ws, file, '..'), { recursive: true });
  writeFileSync(join(ws, file), JSON.stringify(doc));
  return ws;
}

describe('stored files are read against their schemas', () => {
  it('readModel(ws, id) reads a record that fits and names the field of one that does not', () => {
    expect(readModel(workspaceWith('models/m-a-b/model.json', record), 'm-a-b').config.lookbackWeeks).toBe(8);
    const bad = { ...record, config: { ...record.config, lookbackWeeks: 0 } };
    const ws = workspaceWith('models/m-a-b/model.json', bad);
    expect(() => readModel(ws, 'm-a-b')).toThrow(StoreError);
    expect(() => readModel(ws, 'm-a-b')).toThrow(
      /models\/m-a-b\/model\.json: `config.lookbackWeeks` must be an integer in \[1, 52\]; got 0/,
    );
    const extra = workspaceWith('models/m-a-b/model.json', { ...record, colour: 'red' });
    expect(() => readModel(extra, 'm-a-b')).toThrow(/`colour` is not a model record field/);
  });

  it('listDatasets(ws) names the field of a manifest that does not fit, and a file outside the folder', () => {
    expect(listDatasets(workspaceWith('datasets/spend/manifest.json', manifest)).datasets[0]?.rows).toBe(3);
    const kind = workspaceWith('datasets/spend/manifest.json', { ...manifest, kind: 'spend' });
    expect(() => listDatasets(kind)).toThrow(
      /manifest\.json: `kind` must be one of summary, events, conversions, factors/,
    );
    const escape = workspaceWith('datasets/spend/manifest.json', { ...manifest, file: '../../secret.csv' });
    expect(() => listDatasets(escape)).toThrow(/`file` must be a string matching/);
  });

  it('readPlan(ws, id) names the field of a plan that does not fit', () => {
    const ws = workspaceWith('plans/p-a-b.json', { id: 'p-a-b', name: 'Q3', modelId: 'm-a-b', modelVersion: 0 });
    expect(() => readPlan(ws, 'p-a-b')).toThrow(/plans\/p-a-b\.json: `modelVersion` must be an integer ≥ 1; got 0/);
  });
});
