import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured } from './run';

const cli = (...argv: string[]) => runCaptured(argv);

describe('mixmodeler CLI', () => {
  it('`model list --json` prints {models: []} for an empty workspace', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mm-cli-'));
    const r = await cli('--workspace', ws, 'model', 'list', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ models: [] });
  });

  it('an unknown command exits 2 with a message on stderr', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('unknown command `frobnicate`');
  });
});

describe('mixmodeler sample', () => {
  it('`sample --json` writes the files, imports and harmonizes 164 weeks of 6 channels', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mm-cli-'));
    const r = await cli('--workspace', ws, 'sample', '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.summary.periods).toBe(164);
    expect(doc.summary.channels).toHaveLength(6);
    expect(doc.summary.factors.sort()).toEqual(['holiday', 'price']);
    expect(doc.files.truth).toBe(join(ws, 'sample', 'truth.json'));
  });
});

describe('mixmodeler mta', () => {
  it('`mta --json` on the sample attributes every event conversion; --out writes touch scores', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mm-cli-'));
    await cli('--workspace', ws, 'sample');
    const out = join(ws, 'scores.csv');
    const r = await cli('--workspace', ws, 'mta', '--method', 'markov', '--out', out, '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.method).toBe('markov');
    expect(Object.keys(doc.channels).sort()).toEqual(['display', 'email', 'search', 'social']);
    const shares = Object.values(doc.channels as Record<string, { share: number }>).reduce((s, c) => s + c.share, 0);
    expect(shares).toBeCloseTo(1, 9);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('row,user_id,channel,timestamp,period,score,incremental');
  });

  it('`mta --method magic` exits 2 naming the methods', async () => {
    const r = await cli('mta', '--method', 'magic');
    expect(r.code).toBe(2);
    expect(r.err).toContain('`--method` must be one of last, first');
  });
});
