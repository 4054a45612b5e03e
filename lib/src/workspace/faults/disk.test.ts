import * as fs from 'node:fs';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../errors';
import { runCaptured } from '../../cli/run';
import { importDataset } from '../../data/import-dataset';
import { harmonize } from '../../harmonize/harmonize-workspace';
import { removeTempFiles, writeFileAtomic } from '../../fs/atomic-write';
import { errnoError, replaceFileOps, type FileOps } from '../../fs/file-ops';
import { createModel, trainModel } from '../lifecycle';
import { readScores } from '../model-scores';
import { readModel } from '../model-store';
import { checksum, CONFIG, configFile, files, sampleWorkspace } from './harness';

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

/** A disk with `budget` bytes free: writes past it make no progress, as `write(2)` on a full disk. */
function fullDiskAfter(budget: number, only: (fd: number) => boolean = () => true): Partial<FileOps> {
  let left = budget;
  return {
    writeSync: (fd, b, o, l) => {
      if (!only(fd)) return fs.writeSync(fd, b, o, l);
      const n = Math.min(l, left);
      left -= n;
      return n === 0 ? 0 : fs.writeSync(fd, b, o, n);
    },
  };
}

/** The fds opened for paths matching `re` (to fail the writes of one file only). */
function fdsOf(re: RegExp): { ops: Partial<FileOps>; has: (fd: number) => boolean } {
  const fds = new Set<number>();
  return {
    ops: {
      openSync: (path, flags, mode) => {
        const fd = fs.openSync(path, flags, mode);
        if (re.test(path)) fds.add(fd);
        return fd;
      },
      closeSync: (fd) => {
        fds.delete(fd);
        fs.closeSync(fd);
      },
    },
    has: (fd) => fds.has(fd),
  };
}

const READ_ONLY: Partial<FileOps> = {
  openSync: () => {
    throw errnoError('EROFS', 'read-only file system');
  },
  mkdirSync: () => {
    throw errnoError('EROFS', 'read-only file system');
  },
};

describe('writeFileAtomic(path, data) through the fs seam', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-disk-'));
  const path = join(dir, 'f.json');
  const text = JSON.stringify({ values: Array.from({ length: 3000 }, (_, i) => i) });

  it('writeFileAtomic(path, data) loops on short writes and writes every byte', () => {
    restore = replaceFileOps({ writeSync: (fd, b, o, l) => fs.writeSync(fd, b, o, Math.min(l, 7)) });
    writeFileAtomic(path, text);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it.each([0, 1, 8192, text.length - 1])(
    'writeFileAtomic(path, data) on a disk full after %i bytes raises StoreError and keeps the old file',
    (budget) => {
      writeFileSync(path, 'old');
      restore = replaceFileOps(fullDiskAfter(budget));
      expect(() => writeFileAtomic(path, text)).toThrow(StoreError);
      expect(() => writeFileAtomic(path, text)).toThrow(/f\.json: the disk is full; the previous file is kept/);
      expect(readFileSync(path, 'utf8')).toBe('old');
      expect(readdirSync(dir)).toEqual(['f.json']);
    },
  );

  it.each([
    ['writeSync', 'EIO', /an I\/O error/],
    ['fsyncSync', 'EIO', /an I\/O error/],
    ['renameSync', 'EROFS', /read-only/],
    ['openSync', 'EACCES', /permission denied/],
    ['closeSync', 'ENOSPC', /the disk is full/],
  ] as const)(
    'writeFileAtomic(path, data) when %s fails with %s raises StoreError and keeps the old file',
    (op, code, msg) => {
      writeFileSync(path, 'old');
      restore = replaceFileOps({
        [op]: () => {
          throw errnoError(code, op);
        },
      });
      expect(() => writeFileAtomic(path, text)).toThrow(msg);
      restore();
      restore = null;
      expect(readFileSync(path, 'utf8')).toBe('old');
      expect(readdirSync(dir)).toEqual(['f.json']);
    },
  );
});

describe('removeTempFiles(dir) under the lock', () => {
  it("removeTempFiles(dir) removes killed writers' temp files and a dead contender's pending lock file, keeps a live one's", () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-tmp-'));
    const dead = 2 ** 22 + 11;
    const names = {
      write: `.f.json.${dead}.abc.tmp`,
      deadLock: `.lock.${dead}-x-y.tmp`,
      deadAside: `.lock.${dead}-x-y.stale.tmp`,
      liveLock: `.lock.${process.pid}-x-y.tmp`,
      kept: 'model.json',
    };
    for (const n of Object.values(names)) writeFileSync(join(dir, n), '{}');
    expect(removeTempFiles(dir).sort()).toEqual([names.write, names.deadLock, names.deadAside].sort());
    expect(readdirSync(dir).sort()).toEqual([names.liveLock, names.kept].sort());
  });
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
    ['plan create', (_w: string, m: string) => ['plan', 'create', m, '--budget', '100000']],
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
