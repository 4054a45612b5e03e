import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROGRESS_FILE } from '../fs/layout';
import type { Progress } from '../mmm/progress';
import { PROGRESS_WRITE_MS, recordRun } from './run-progress';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('recordRun(dir, outer)', () => {
  it('writes a new stage at once, a burst within a stage at most every PROGRESS_WRITE_MS and its last event after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-progress-'));
    dirs.push(dir);
    const told: Progress[] = [];
    const run = recordRun(dir, (p) => told.push(p));
    const read = () => JSON.parse(readFileSync(join(dir, PROGRESS_FILE), 'utf8')) as Progress & { at: string };
    const event = (stage: string, done: number): Progress => ({ stage, done, total: 800, message: `${done}` });
    run.listener(event('refine', 1));
    expect(read().stage).toBe('refine');
    run.listener(event('sampling', 1));
    for (let i = 2; i <= 800; i++) run.listener(event('sampling', i));
    // The burst's first event went out at once; the next write waits.
    expect(read()).toMatchObject({ stage: 'sampling', done: 1 });
    expect(told).toHaveLength(801); // the outer listener hears every event
    await new Promise((r) => setTimeout(r, PROGRESS_WRITE_MS + 100));
    expect(read()).toMatchObject({ stage: 'sampling', done: 800 });
    run.listener(event('done', 800));
    expect(read().stage).toBe('done');
    run.stop();
  });
});
