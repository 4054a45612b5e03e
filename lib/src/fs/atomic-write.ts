import { closeSync, fsyncSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StoreError } from '../errors';
import { fileOps, processAlive, writeAll, writeFailure } from './file-ops';

/** The name pattern of the temp files {@link writeFileAtomic} and the locks leave behind when killed. */
export const TEMP_FILE = /^\..+\.tmp$/;

/**
 * Writes a file atomically and completely (text or bytes): every byte goes to a temp file in the same
 * folder, which is fsynced, renamed over `path`, and the folder fsynced; a reader sees the old file or
 * the new one, never a part. Creates the folder. On any failure (a full disk, a read-only file system)
 * the temp file is removed and the old file is left as it was.
 *
 * @throws StoreError naming the path and the cause (e.g. "the disk is full") when the write fails
 * @example writeFileAtomic('ws/datasets/tv/manifest.json', '{}')
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const ops = fileOps();
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd = -1;
  try {
    ops.mkdirSync(dir, { recursive: true });
    fd = ops.openSync(tmp, 'wx', 0o644);
    writeAll(fd, bytes);
    ops.fsyncSync(fd);
    ops.closeSync(fd);
    fd = -1;
    ops.renameSync(tmp, path);
  } catch (e) {
    if (fd >= 0) {
      try {
        ops.closeSync(fd);
      } catch {
        // already failing: the write's own error is the one to report
      }
    }
    rmSync(tmp, { force: true });
    throw new StoreError(`cannot write ${path}: ${writeFailure(e)}; the previous file is kept`);
  }
  syncFolder(dir);
}

// A contender's lock file about to be linked into place (or a stale lock it moved aside), named after
// the contender's pid: live for a few milliseconds, and only while that process lives.
const LOCK_TEMP = /^\.lock\.(\d+)-/;
const LOCK_TEMP_AGE_MS = 60_000;

/**
 * Removes the temp files left in `dir` by writers that were killed. Call it only while holding the lock
 * of every writer of that folder (then no temp file there can be a live write; a contender's pending
 * lock file is left while its process lives, for a minute at most).
 *
 * @returns the names removed
 */
export function removeTempFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const now = Date.now();
  const removed: string[] = [];
  for (const name of names) {
    if (!TEMP_FILE.test(name)) continue;
    try {
      const contender = LOCK_TEMP.exec(name)?.[1];
      const young = () => now - statSync(join(dir, name)).mtimeMs < LOCK_TEMP_AGE_MS;
      if (contender !== undefined && processAlive(Number(contender)) && young()) continue;
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // gone meanwhile
    }
  }
  return removed;
}

// The rename is durable only once the folder entry is; some file systems refuse to open a folder.
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort: the data file itself is already complete and fsynced
  }
}
