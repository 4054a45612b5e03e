import { mkdtempSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors';
import { isLocked, LOCK_FILE, lockHolder, withLock, withLockSync } from './lock';
import { script } from '../workspace/faults/harness';

// N processes × M increments of a counter file, each read-modify-write under the lock.
function incrementer(dir: string, m: number): string {
  return `
const fs = require('node:fs'), path = require('node:path');
const dir = ${JSON.stringify(dir)}, file = path.join(dir, 'counter');
// Every store write made slow (1 ms per call): a lock published in two steps would show the gap.
lib.replaceFileOps({ writeSync: (fd, b, o, l) => { const t = Date.now() + 1; while (Date.now() < t); return fs.writeSync(fd, b, o, l); } });
(async () => {
  for (let i = 0; i < ${m}; i++) {
    await lib.withLock(dir, () => {
      const n = Number(fs.readFileSync(file, 'utf8'));
      const t = Date.now() + 1; while (Date.now() < t); // a critical section long enough to overlap
      fs.writeFileSync(file, String(n + 1));
    }, 120000);
  }
})().catch((e) => { console.error(e.message); process.exit(1); });`;
}

describe('withLock(dir, work) across processes', () => {
  it('withLock(dir, work): 4 processes × 100 locked increments give exactly 400', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    writeFileSync(join(dir, 'counter'), '0');
    const runs = Array.from({ length: 4 }, () => script(incrementer(dir, 100)));
    const exits = await Promise.all(runs.map((r) => r.done));
    expect(exits.map((e) => [e.code, e.err])).toEqual(exits.map(() => [0, '']));
    expect(readFileSync(join(dir, 'counter'), 'utf8')).toBe('400');
    expect(isLocked(dir)).toBe(false);
  }, 120_000);

  it('withLock(dir, work): holders killed with SIGKILL mid-hold are taken over, and the count stays exact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    writeFileSync(join(dir, 'counter'), '0');
    // Victims take the lock and die holding it (the count is not touched by them).
    for (let k = 0; k < 3; k++) {
      const v = script(
        `lib.withLock(${JSON.stringify(dir)}, () => { console.log('held'); return new Promise(() => setInterval(() => {}, 1000)); });`,
      );
      await new Promise<void>((r) => v.child.stdout!.once('data', () => r()));
      const workers = Array.from({ length: 3 }, () => script(incrementer(dir, 20)));
      v.child.kill('SIGKILL');
      const exits = await Promise.all(workers.map((w) => w.done));
      expect(exits.map((e) => e.code)).toEqual([0, 0, 0]);
    }
    expect(readFileSync(join(dir, 'counter'), 'utf8')).toBe('180');
  }, 120_000);
});

describe('withLock(dir, work) in one process', () => {
  const owner = (o: object) => JSON.stringify({ host: hostname(), start: null, at: Date.now(), token: 't', ...o });

  it('withLock(dir, work) takes over the lock of a dead process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    writeFileSync(join(dir, LOCK_FILE), owner({ pid: 2 ** 22 + 7 }));
    await expect(withLock(dir, () => 'ran', 1_000)).resolves.toBe('ran');
  });

  it('withLock(dir, work) takes over a live PID whose process start time differs (PID reuse)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    writeFileSync(join(dir, LOCK_FILE), owner({ pid: process.pid, start: '1' }));
    expect(isLocked(dir)).toBe(process.platform !== 'linux');
    if (process.platform === 'linux') await expect(withLock(dir, () => 'ran', 1_000)).resolves.toBe('ran');
  });

  it('withLock(dir, work) waits for a live holder, then names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    await withLock(dir, async () => {
      expect(lockHolder(dir)).toMatchObject({ pid: process.pid, host: hostname() });
      await expect(withLock(dir, () => 'ran', 100)).rejects.toThrow(StoreError);
      await expect(withLock(dir, () => 'ran', 100)).rejects.toThrow(new RegExp(`locked by process ${process.pid}`));
    });
    expect(isLocked(dir)).toBe(false);
  });

  it('withLock(dir, work) holds an unreadable young lock and takes over an old one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    writeFileSync(join(dir, LOCK_FILE), '');
    expect(isLocked(dir)).toBe(true);
    await expect(withLock(dir, () => 'ran', 100)).rejects.toThrow(/locked by another process/);
    const old = (Date.now() - 120_000) / 1000;
    utimesSync(join(dir, LOCK_FILE), old, old);
    await expect(withLock(dir, () => 'ran', 1_000)).resolves.toBe('ran');
  });

  it('withLock(dir, work) holds a lock of another host (its process cannot be checked) for an hour', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    writeFileSync(join(dir, LOCK_FILE), owner({ pid: 1, host: 'elsewhere' }));
    await expect(withLock(dir, () => 'ran', 100)).rejects.toThrow(/process 1 on elsewhere/);
    writeFileSync(join(dir, LOCK_FILE), owner({ pid: 1, host: 'elsewhere', at: Date.now() - 2 * 3600_000 }));
    await expect(withLock(dir, () => 'ran', 1_000)).resolves.toBe('ran');
  });

  it('withLockSync(dir, work) releases on a throw and refuses a missing folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    expect(() =>
      withLockSync(dir, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(isLocked(dir)).toBe(false);
    expect(() => withLockSync(join(dir, 'nope'), () => 1)).toThrow(/does not exist/);
  });
});
