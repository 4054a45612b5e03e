import { readFileSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '../errors';
import { fileOps, processAlive, writeAll, writeFailure } from './file-ops';

/** The name of the lock file in a locked folder. */
export const LOCK_FILE = '.lock';

/** Who holds a lock: host, process id, that process's start time (against PID reuse), when, and a token. */
export interface LockOwner {
  host: string;
  pid: number;
  /** The process's start time as the kernel tells it (`/proc/<pid>/stat`), or null where unknown. */
  start: string | null;
  at: number;
  token: string;
}

/** A lock of another host cannot be checked for life: it is taken over after this long. */
const FOREIGN_STALE_MS = 60 * 60 * 1000;
/** An unreadable lock (a legacy or foreign format) is held while younger than this. */
const UNREADABLE_GRACE_MS = 30_000;
const POLL_MS = 25;

const HOST = hostname();

/** The start time of a process (field 22 of /proc/<pid>/stat), or null when it cannot be read. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

const SELF_START = processStart(process.pid);

/**
 * Whether a lock's owner still holds it: on this host, its process is alive and is the same process
 * (same start time, so a reused PID does not keep a dead run's lock); on another host, for an hour.
 */
export function ownerAlive(o: LockOwner, now = Date.now()): boolean {
  if (o.host !== HOST) return now - o.at < FOREIGN_STALE_MS;
  if (!processAlive(o.pid)) return false;
  if (o.start === null) return true;
  const start = processStart(o.pid);
  return start === null || start === o.start;
}

type Seen = { kind: 'none' } | { kind: 'owner'; owner: LockOwner; text: string } | { kind: 'unreadable'; text: string };

function look(path: string): Seen {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { kind: 'none' };
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.at === 'number') {
      // Locks of earlier versions carry only pid and at: they were taken on this host.
      const owner: LockOwner = {
        host: typeof o.host === 'string' ? o.host : HOST,
        pid: o.pid,
        start: typeof o.start === 'string' ? o.start : null,
        at: o.at,
        token: typeof o.token === 'string' ? o.token : '',
      };
      return { kind: 'owner', owner, text };
    }
  } catch {
    // unreadable: below
  }
  return { kind: 'unreadable', text };
}

function held(path: string, seen: Seen): boolean {
  if (seen.kind === 'none') return false;
  if (seen.kind === 'owner') return ownerAlive(seen.owner);
  try {
    return Date.now() - statSync(path).mtimeMs < UNREADABLE_GRACE_MS;
  } catch {
    return false;
  }
}

/** The holder of the lock of `dir` while it is held by a live process, else null. */
export function lockHolder(dir: string): LockOwner | null {
  const path = join(dir, LOCK_FILE);
  const seen = look(path);
  if (!held(path, seen)) return null;
  return seen.kind === 'owner' ? seen.owner : { host: '?', pid: 0, start: null, at: 0, token: '' };
}

/** True when the lock file in `dir` is held by a live process (a dead holder's lock is stale). */
export function isLocked(dir: string): boolean {
  return lockHolder(dir) !== null;
}

function newToken(): string {
  return `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * One attempt to take the lock: the owner is written completely to a temp file, which is then linked
 * to `.lock` (link fails when `.lock` exists, so the lock is never seen empty or half-written).
 * A stale lock is moved aside by a rename to a unique name, which exactly one contender wins.
 *
 * @returns true when taken; false when another live process holds it
 */
function tryTake(dir: string, owner: LockOwner): boolean {
  const ops = fileOps();
  const path = join(dir, LOCK_FILE);
  const tmp = join(dir, `.lock.${owner.token}.tmp`);
  try {
    const fd = ops.openSync(tmp, 'w', 0o644);
    try {
      writeAll(fd, Buffer.from(JSON.stringify(owner)));
      ops.fsyncSync(fd);
    } finally {
      ops.closeSync(fd);
    }
    try {
      ops.linkSync(tmp, path);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !exists(dir)) throw new StoreError(`cannot lock ${dir}: it does not exist`);
    if (code === 'ENOENT') return false; // the pending file was cleaned away: try again
    throw new StoreError(`cannot lock ${dir}: ${writeFailure(e)}`);
  } finally {
    rmSync(tmp, { force: true });
  }
  const seen = look(path);
  if (held(path, seen)) return false;
  if (seen.kind !== 'none') breakStale(path, seen.text, owner.token);
  return false;
}

function exists(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

// Moves a stale lock aside. The rename makes one contender the taker; the taker checks that what it moved
// is the stale lock it looked at (not a fresh one taken meanwhile), and puts back a fresh one it moved.
function breakStale(path: string, staleText: string, token: string): void {
  const ops = fileOps();
  const aside = `${path}.${token}.stale.tmp`;
  try {
    ops.renameSync(path, aside);
  } catch {
    return; // another contender moved it first, or it was released
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    // unreadable: treated as a fresh lock below
  }
  if (moved !== staleText) {
    try {
      ops.linkSync(aside, path);
    } catch {
      // a third process took the free lock in between; nothing more can be done without a lock server
    }
  }
  rmSync(aside, { force: true });
}

function release(dir: string, token: string): void {
  const path = join(dir, LOCK_FILE);
  const seen = look(path);
  if (seen.kind === 'owner' && seen.owner.token === token) rmSync(path, { force: true });
}

function lockedError(dir: string): StoreError {
  const o = lockHolder(dir);
  const who = o === null || o.pid === 0 ? 'another process' : `process ${o.pid} on ${o.host}`;
  const since = o !== null && o.at > 0 ? ` since ${new Date(o.at).toISOString()}` : '';
  return new StoreError(`${dir} is locked by ${who}${since}; try again when it has finished`);
}

function me(): LockOwner {
  return { host: HOST, pid: process.pid, start: SELF_START, at: Date.now(), token: newToken() };
}

/**
 * Runs `work` holding `dir/.lock`, so two writers (a notebook, the extension's kernel, a cron job, the
 * CLI) never interleave updates of one folder. The owner (host, pid, process start time) is published
 * atomically; a lock whose process is dead or is another process under a reused PID is taken over;
 * a live holder is waited for up to `waitMs`. Not reentrant: a process must not nest locks of one folder.
 *
 * @throws StoreError naming the folder and the holder when the lock stays taken, or when `dir` is missing
 * @example await withLock('ws/models/m-1', () => writeModel(ws, m))
 */
export async function withLock<T>(dir: string, work: () => Promise<T> | T, waitMs = 10_000): Promise<T> {
  const owner = me();
  const deadline = Date.now() + waitMs;
  while (!tryTake(dir, owner)) {
    if (Date.now() > deadline) throw lockedError(dir);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    return await work();
  } finally {
    release(dir, owner.token);
  }
}

/**
 * {@link withLock} for synchronous work (imports and harmonize, which notebooks call synchronously):
 * waits by blocking the thread.
 *
 * @throws StoreError naming the folder and the holder when the lock stays taken
 */
export function withLockSync<T>(dir: string, work: () => T, waitMs = 10_000): T {
  const owner = me();
  const deadline = Date.now() + waitMs;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (!tryTake(dir, owner)) {
    if (Date.now() > deadline) throw lockedError(dir);
    Atomics.wait(sleeper, 0, 0, POLL_MS);
  }
  try {
    return work();
  } finally {
    release(dir, owner.token);
  }
}
