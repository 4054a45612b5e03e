import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StoreError } from '../errors';

/**
 * Writes a file atomically (text or bytes): the content goes to a temp file in the same folder, is fsynced, then renamed
 * over `path`, so a reader sees the old file or the new one, never a part. Creates the folder.
 *
 * @throws StoreError naming the path when the folder or file cannot be written
 * @example writeFileAtomic('ws/datasets/tv/manifest.json', '{}')
 */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      if (typeof text === 'string') writeSync(fd, text);
      else writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    syncFolder(dir);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new StoreError(`cannot write ${path}: ${(e as Error).message}`);
  }
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
    // best effort
  }
}
