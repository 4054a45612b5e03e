import * as fs from 'node:fs';

/**
 * The file-system calls every store write goes through: one small seam, so a test can make a write
 * short, fail with ENOSPC or EROFS, or die between two calls, without touching the real disk.
 */
export interface FileOps {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  linkSync(existing: string, link: string): void;
  unlinkSync(path: string): void;
  mkdirSync(path: string, options: { recursive: true }): void;
}

const REAL: FileOps = {
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  linkSync: (existing, link) => fs.linkSync(existing, link),
  unlinkSync: (path) => fs.unlinkSync(path),
  mkdirSync: (path, options) => void fs.mkdirSync(path, options),
};

let current: FileOps = REAL;

/** The file operations in force (the real ones unless a test replaced some). */
export function fileOps(): FileOps {
  return current;
}

/**
 * Replaces some file operations until the returned function is called (for fault tests).
 *
 * @example const restore = replaceFileOps({ writeSync: () => 0 }); try { … } finally { restore(); }
 */
export function replaceFileOps(override: Partial<FileOps>): () => void {
  const before = current;
  current = { ...before, ...override };
  return () => {
    current = before;
  };
}

/** Whether a process of this host is alive (a process of another user counts as alive). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** An error carrying an errno code, as Node's own fs errors do. */
export function errnoError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * Writes every byte of `bytes` to `fd`, looping on the count `writeSync` returns; a write that makes
 * no progress is a full disk.
 *
 * @throws the fs error (ENOSPC when no byte could be written)
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  const ops = current;
  let offset = 0;
  while (offset < bytes.length) {
    const n = ops.writeSync(fd, bytes, offset, bytes.length - offset);
    if (!(n > 0)) throw errnoError('ENOSPC', `no space left: ${offset} of ${bytes.length} bytes written`);
    offset += n;
  }
}

/** Why a write failed, in a user's words, from the errno code. */
export function writeFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EIO') return 'an I/O error';
  return (e as Error).message;
}
