import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { mtaCommand } from '../cli/mta';
import { InputError } from '../errors';
import { installSample } from './install-sample';
import { checkEventMemory, HEAP_BYTES_PER_EVENT, workspaceEventCount } from './event-memory';

let ws: string;
beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'mm-event-memory-'));
  installSample(ws);
});

describe('checkEventMemory', () => {
  it('workspaceEventCount(ws) is the event rows of the manifests (117,215 in the sample)', () => {
    expect(workspaceEventCount(ws)).toBe(117_215);
    expect(workspaceEventCount(mkdtempSync(join(tmpdir(), 'mm-event-memory-empty-')))).toBe(0);
  });

  it('checkEventMemory(events, { heapLimit }) passes when the events fit and refuses naming the out-of-core path', () => {
    const used = getHeapStatistics().used_heap_size;
    expect(() => checkEventMemory(1000, { heapLimit: used + 1000 * HEAP_BYTES_PER_EVENT + 1e6 })).not.toThrow();
    let error: unknown;
    try {
      checkEventMemory(10_000_000, { heapLimit: used + 1e9 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('E_INPUT');
    expect((error as Error).message).toMatch(/^10,000,000 event rows need about 5\.00 GB of memory/);
    expect((error as Error).message).toMatch(/1\.00 GB is available/);
    expect((error as Error).message).toContain('--engine duckdb');
  });

  it('checkEventMemory(10M events) is refused on a 4.3 GB heap, where the 10M-event run died', () => {
    expect(() => checkEventMemory(10_000_000, { heapLimit: 4.3e9 })).toThrow(/--max-old-space-size/);
  });
});

describe('mtaCommand(options, global, stdout, { heapLimit })', () => {
  it('mta on more events than the heap holds is refused before loading them, with an InputError', async () => {
    let out = '';
    const stdout = { write: (t: string) => (out += t) };
    const heapLimit = getHeapStatistics().used_heap_size + 117_215 * HEAP_BYTES_PER_EVENT - 1e6;
    await expect(mtaCommand({ method: 'last' }, { workspace: ws, json: true }, stdout, { heapLimit })).rejects.toThrow(
      /117,215 event rows need about 0\.06 GB .*`mixmodeler data import FILE --as events --engine duckdb`/,
    );
    expect(out).toBe('');
  });

  it('mta on events that fit runs as before', async () => {
    let out = '';
    const stdout = { write: (t: string) => (out += t) };
    const code = await mtaCommand({ method: 'last' }, { workspace: ws, json: true }, stdout, { heapLimit: 64e9 });
    expect(code).toBe(0);
    expect(JSON.parse(out).method).toBe('last');
  });
});
