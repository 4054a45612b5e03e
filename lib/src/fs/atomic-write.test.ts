import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../errors';
import { fullDiskAfter } from '../workspace/faults/harness';
import { removeTempFiles, writeFileAtomic } from './atomic-write';
import { errnoError, replaceFileOps } from './file-ops';

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

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
