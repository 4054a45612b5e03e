import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../errors';
import { runCaptured } from '../../cli/run';
import { importDataset } from '../../data/import-dataset';
import { harmonize } from '../../harmonize/harmonize-workspace';
import { replaceFileOps } from '../../fs/file-ops';
import { createModel, trainModel } from '../lifecycle';
import { readScores } from '../model-scores';
import { readModel } from '../model-store';
import { checksum, CONFIG, configFile, fdsOf, files, fullDiskAfter, READ_ONLY, sampleWorkspace } from './harness';

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

describe('the store on a full or read-only disk', () => {
  let ws: string;
  let id: string;
  beforeAll(async () => {
    ws = sampleWorkspace();
    id = (await createModel(ws, CONFIG)).id;
  });

  it('trainModel(ws, id) on a full disk raises StoreError and changes nothing', async () => {
    const before = checksum(ws);
    restore = replaceFileOps(fullDiskAfter(0));
    await expect(trainModel(ws, id)).rejects.toThrow(/the disk is full/);
    restore();
    restore = null;
    expect(checksum(ws)).toBe(before);
  });

  it('trainModel(ws, id) whose scores do not fit on the disk fails the run and keeps version 1 current', async () => {
    const scores = fdsOf(/scores\.json/);
    restore = replaceFileOps({ ...scores.ops, ...fullDiskAfter(8192, scores.has) });
    const m = await trainModel(ws, id);
    restore();
    restore = null;
    expect(m.status).toBe('failed');
    expect(m.error).toMatch(/2\.scores\.json: the disk is full/);
    const stored = readModel(ws, id);
    expect(stored.currentVersion).toBe(1);
    expect(readScores(ws, stored).version).toBe(1);
    expect(files(ws).filter((f) => f.includes('versions/2') || f.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse((await runCaptured(['--workspace', ws, 'model', 'show', id, '--json'])).out)).toMatchObject({
      status: 'failed',
      currentVersion: 1,
    });
  });

  it.each([
    ['model train', (_w: string, m: string) => ['model', 'train', m]],
    ['model create', (_w: string) => ['model', 'create', '--config', configFile(tmpdir())]],
    ['model edit', (_w: string, m: string) => ['model', 'edit', m, '--name', 'x']],
    ['model duplicate', (_w: string, m: string) => ['model', 'duplicate', m]],
    ['model delete', (_w: string, m: string) => ['model', 'delete', m]],
    ['data import', () => ['data', 'import', sampleFile('summary.csv'), '--as', 'summary', '--name', 'more']],
    ['data delete', () => ['data', 'delete', 'sample-media']],
    ['harmonize', () => ['harmonize']],
    ['plan create', (_w: string, m: string) => ['plan', 'create', m, '--budget', '2000000']],
  ])('%s on a read-only workspace exits non-zero with E_STORE and changes nothing', async (_name, args) => {
    const before = checksum(ws);
    const argv = ['--workspace', ws, ...args(ws, id)];
    restore = replaceFileOps(READ_ONLY);
    const r = await runCaptured(argv);
    restore();
    restore = null;
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/read-only.*\[E_STORE\]/);
    expect(checksum(ws)).toBe(before);
  });

  it.each([
    ['model', 'list'],
    ['model', 'show', '$id'],
    ['insights', '$id'],
    ['data', 'list'],
    ['plan', 'list'],
  ])('%s %s on a read-only workspace still reads', async (...words) => {
    restore = replaceFileOps(READ_ONLY);
    const r = await runCaptured(['--workspace', ws, ...words.map((w) => (w === '$id' ? id : w)), '--json']);
    restore();
    restore = null;
    expect([r.code, r.err]).toEqual([0, '']);
  });

  it('importDataset(table) and harmonize() on a full disk raise StoreError and change nothing', () => {
    const before = checksum(ws);
    restore = replaceFileOps(fullDiskAfter(100));
    expect(() =>
      importDataset([{ date: '2024-01-01', channel: 'tv', spend: 1 }], { kind: 'summary', name: 'x', workspace: ws }),
    ).toThrow(StoreError);
    expect(() => harmonize({ workspace: ws })).toThrow(/the disk is full/);
    restore();
    restore = null;
    expect(checksum(ws)).toBe(before);
    expect(existsSync(join(ws, '.lock'))).toBe(false);
  });

  function sampleFile(name: string): string {
    return join(ws, 'sample', name);
  }
});
