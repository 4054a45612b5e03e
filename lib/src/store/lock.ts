import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../errors';

/** Who holds a lock: process id and when it took it. */
interface LockOwner {
  pid: number;
  at: number;
}

const STALE_MS = 60 * 60 * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function owner(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/** True when the lock file in `dir` is held by a live process (a dead holder's lock is stale). */
export function isLocked(dir: string): boolean {
  const o = owner(join(dir, '.lock'));
  return o !== null && alive(o.pid) && Date.now() - o.at < STALE_MS;
}

/**
 * Runs `work` holding `dir/.lock`, created exclusively (O_EXCL), so two writers — a notebook, the
 * extension's kernel, a cron job — never interleave updates of one model. A lock whose process is dead
 * (killed mid-run) or older than an hour is taken over. Waits up to `waitMs` for a live holder.
 *
 * @throws StoreError naming the folder and the holder when the lock stays taken
 */
export async function withLock<T>(dir: string, work: () => Promise<T> | T, waitMs = 10_000): Promise<T> {
  const path = join(dir, '.lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, at: Date.now() }));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new StoreError(`cannot lock ${dir}: ${(e as Error).message}`);
      const o = owner(path);
      if (o === null || !alive(o.pid) || Date.now() - o.at > STALE_MS) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new StoreError(`${dir} is locked by process ${o.pid} since ${new Date(o.at).toISOString()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}
