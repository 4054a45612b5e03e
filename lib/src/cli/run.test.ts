import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { write: (t: string) => (out += t) }, { write: (t: string) => (err += t) });
  return { code, out, err };
}

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
