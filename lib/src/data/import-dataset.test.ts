import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { readDatasets } from './dataset-store';
import { importDataset } from './import-dataset';
import { importFile } from './import-file';

const tmp = () => mkdtempSync(join(tmpdir(), 'mm-import-'));

function file(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

/** Every file under a folder with its content, to compare a workspace before and after. */
function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name)] = readFileSync(join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

describe('importDataset / importFile', () => {
  it('importDataset(geo summary) reports its geos; national data report none; a population table imports', () => {
    const ws = join(tmp(), 'ws');
    const rows = [
      { date: '2024-01-01', geo: 'south', channel: 'tv', spend: 5 },
      { date: '2024-01-01', geo: 'north', channel: 'tv', spend: 3 },
    ];
    const info = importDataset(rows, { kind: 'summary', name: 'geo', workspace: ws });
    expect(info).toMatchObject({ validated: true, geos: ['north', 'south'], channels: ['tv'], metrics: ['spend'] });
    const national = importDataset([{ date: '2024-01-01', channel: 'tv', spend: 5 }], {
      kind: 'summary',
      workspace: ws,
    });
    expect(national).not.toHaveProperty('geos');
    const blank = importDataset([{ date: '2024-01-01', geo: '', revenue: 5 }], { kind: 'conversions', workspace: ws });
    expect(blank).toMatchObject({ validated: true, metrics: ['revenue'] });
    expect(blank).not.toHaveProperty('geos');
    const pop = importDataset([{ geo: 'north', population: 10 }], { kind: 'population', name: 'pop', workspace: ws });
    expect(pop).toMatchObject({ kind: 'population', validated: true, rows: 1, from: null });
    expect(readDatasets(ws).map((d) => d.manifest.kind)).toContain('population');
  });

  it('importFile(csv, {kind: summary}) stores the dataset and reports its range, channels and metrics', async () => {
    const dir = tmp();
    const ws = join(dir, 'ws');
    const info = await importFile(
      file(dir, 'spend.csv', 'date,channel,spend,clicks\n2024-01-02,tv,5,\n2024-01-01,fb,3,7\n'),
      { kind: 'summary', workspace: ws },
    );
    expect(info).toMatchObject({
      name: 'spend',
      kind: 'summary',
      rows: 2,
      validated: true,
      from: '2024-01-01',
      to: '2024-01-02',
      channels: ['fb', 'tv'],
      metrics: ['clicks', 'spend'],
    });
    const [stored] = readDatasets(ws);
    expect(stored!.manifest).toMatchObject({
      format: 'mixmodeler.dataset/1',
      name: 'spend',
      source: 'spend.csv',
      firstRow: 2,
    });
    expect(stored!.frame.table.numRows()).toBe(2);
  });

  it('importDataset(records) keeps a wide summary and an arquero-free sample frame', () => {
    const ws = join(tmp(), 'ws');
    const info = importDataset([{ date: '2024-01-01', tv_spend: 1, facebook_ads_spend: 2 }], {
      kind: 'summary',
      name: 'sample-media',
      workspace: ws,
    });
    expect(info.channels).toEqual(['facebook_ads', 'tv']);
    expect(info.metrics).toEqual(['spend']);
  });

  it('importDataset(frame) with non-canonical columns stores it with warnings for the rules', () => {
    const ws = join(tmp(), 'ws');
    const info = importDataset([{ day: '2024-01-01', channel: 'tv', cost: 1 }], {
      kind: 'summary',
      name: 'ads',
      workspace: ws,
    });
    expect(info.validated).toBe(false);
    expect(info.warnings[0]).toMatch(/no `date` column; map it in the rules' sources\.ads\.fields/);
  });

  it.each([
    [
      'an unparseable date',
      'spend.csv',
      'date,channel,spend\n2024-01-01,tv,1\n2024-13-45,tv,2\n',
      'summary',
      /`date` must be a date such as 2024-01-31; got "2024-13-45" at row 3 of spend\.csv/,
    ],
    [
      'a negative spend',
      'spend.csv',
      'date,channel,spend\n2024-01-01,tv,-3\n',
      'summary',
      /`spend` must be a non-negative number; got -3 at row 2 of spend\.csv/,
    ],
    [
      'a non-numeric metric',
      'sales.csv',
      'date,revenue\n2024-01-01,lots\n',
      'conversions',
      /`revenue` must be a number; got "lots" at row 2 of sales\.csv/,
    ],
    [
      'a duplicate key',
      'spend.csv',
      'date,channel,spend\n2024-01-01,tv,1\n2024-01-02,tv,1\n2024-01-01,tv,2\n',
      'summary',
      /`date`, `channel` must be unique; got \("2024-01-01", "tv"\) again at row 4 of spend\.csv \(first at row 2\)/,
    ],
    [
      'a duplicate date in wide data',
      'f.csv',
      'date,price\n2024-01-01,1\n2024-01-01,2\n',
      'factors',
      /`date` must be unique; got "2024-01-01" again at row 3 of f\.csv/,
    ],
    ['an empty file', 'empty.csv', '', 'summary', /empty\.csv is empty/],
    [
      'an empty channel',
      'spend.csv',
      'date,channel,spend\n2024-01-01,,1\n',
      'summary',
      /`channel` must not be empty; got "" at row 2 of spend\.csv/,
    ],
    [
      'a bad event',
      'ev.csv',
      'user_id,timestamp,channel,event,value\nu1,2024-01-01T10:00:00,tv,click,\n',
      'events',
      /`event` must be touch or conversion; got "click" at row 2 of ev\.csv/,
    ],
    [
      'an unknown dataset kind',
      'spend.csv',
      'date,channel,spend\n2024-01-01,tv,1\n',
      'budget',
      /unknown dataset kind "budget"; expected one of summary, events, conversions, factors/,
    ],
  ])(
    'importFile rejects %s with an InputError E_INPUT naming file, row, column and value',
    async (_what, name, text, kind, message) => {
      const dir = tmp();
      const ws = join(dir, 'ws');
      const err = await importFile(file(dir, name, text), { kind, workspace: ws }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).code).toBe('E_INPUT');
      expect((err as Error).message).toMatch(message);
      expect(existsSync(ws)).toBe(false);
    },
  );

  it('importFile leaves the workspace unchanged when a re-import fails, and replaces it when one succeeds', async () => {
    const dir = tmp();
    const ws = join(dir, 'ws');
    const path = file(dir, 'spend.csv', 'date,channel,spend\n2024-01-01,tv,1\n');
    await importFile(path, { kind: 'summary', workspace: ws });
    const before = snapshot(ws);
    file(dir, 'spend.csv', 'date,channel,spend\n2024-01-01,tv,-1\n');
    await expect(importFile(path, { kind: 'summary', workspace: ws })).rejects.toThrow(/non-negative/);
    expect(snapshot(ws)).toEqual(before);
    file(dir, 'spend.csv', 'date,channel,spend\n2024-01-01,tv,2\n2024-01-02,tv,3\n');
    await importFile(path, { kind: 'summary', workspace: ws });
    const files = readdirSync(join(ws, 'datasets', 'spend'));
    expect(files.filter((f) => f.endsWith('.csv'))).toHaveLength(1);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(readDatasets(ws)[0]!.frame.table.array('spend')).toEqual(['2', '3']);
  });

  it('importDataset(records, {name}) rejects a bad dataset name', () => {
    expect(() =>
      importDataset([{ date: '2024-01-01', revenue: 1 }], { kind: 'conversions', name: '../x', workspace: tmp() }),
    ).toThrow(/`name` must be letters/);
  });
});
