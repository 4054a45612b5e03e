// Shared by the fault suite: the store's checksum, the CLI and lib in child processes, a sample workspace.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { errnoError, type FileOps } from '../../fs/file-ops';
import { installSample } from '../install-sample';

/** The built CLI and library (`tsc -b lib` runs before the tests). */
export const CLI = resolve(__dirname, '../../../bin/mixmodeler.js');
export const LIB = resolve(__dirname, '../../../dist/index.js');

/** A checksum of every file under `dir` (paths and bytes), to assert that a refused command wrote nothing. */
export function checksum(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(relative(dir, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex');
}

/** Every file name under `dir`, relative, sorted. */
export function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

let template: string | null = null;

/** A fresh copy of a workspace holding the built-in sample, imported and harmonized (made once). */
export function sampleWorkspace(): string {
  if (template === null) {
    template = mkdtempSync(join(tmpdir(), 'mm-faults-tpl-'));
    installSample(template);
  }
  const ws = mkdtempSync(join(tmpdir(), 'mm-faults-'));
  cpSync(template, ws, { recursive: true });
  return ws;
}

/** A model config over the sample's data. */
export const CONFIG = {
  name: 'Faults',
  conversion: 'revenue',
  touchpoints: ['tv', 'search', 'social'].map((channel) => ({ channel, metric: 'spend' })),
  lookbackWeeks: 4,
};

/** Writes {@link CONFIG} (or `doc`) to a file in `dir` and returns its path. */
export function configFile(dir: string, doc: object = CONFIG): string {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

/** The result of a child process. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Starts `node args…` and collects its output. */
export function start(args: string[]): { child: ChildProcess; done: Promise<Exit> } {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const done = new Promise<Exit>((r) => child.once('close', (code, signal) => r({ code, signal, out, err })));
  return { child, done };
}

/** Runs the CLI on a workspace. */
export function cli(ws: string, ...args: string[]): { child: ChildProcess; done: Promise<Exit> } {
  return start([CLI, '--workspace', ws, ...args]);
}

/** Runs a snippet of JavaScript with the built library bound to `lib`. */
export function script(code: string): { child: ChildProcess; done: Promise<Exit> } {
  return start(['-e', `const lib = require(${JSON.stringify(LIB)});\n${code}`]);
}

/** A disk with `budget` bytes free: writes past it make no progress, as `write(2)` on a full disk. */
export function fullDiskAfter(budget: number, only: (fd: number) => boolean = () => true): Partial<FileOps> {
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
export function fdsOf(re: RegExp): { ops: Partial<FileOps>; has: (fd: number) => boolean } {
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

export const READ_ONLY: Partial<FileOps> = {
  openSync: () => {
    throw errnoError('EROFS', 'read-only file system');
  },
  mkdirSync: () => {
    throw errnoError('EROFS', 'read-only file system');
  },
};
