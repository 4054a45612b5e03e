import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../../../tests/helpers/sample-workspace';
import { createModel } from '../workspace/lifecycle';

const MAIN = resolve(__dirname, '../../dist/cli/main.js');

/** Runs the built CLI with its stdout closed before it writes (a reader that went away), or read whole. */
function cli(argv: string[], closeStdout: boolean): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [MAIN, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    if (closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

let ws: string;
let id: string;
beforeAll(async () => {
  ws = sampleWorkspace('mm-cli-main-');
  id = (
    await createModel(ws, {
      name: 'Revenue',
      conversion: 'revenue',
      touchpoints: [{ channel: 'tv' }, { channel: 'search' }],
    })
  ).id;
}, 120_000);

describe('mixmodeler … | head -1 (stdout closed by its reader)', () => {
  it.each([
    ['help', () => ['help']],
    ['insights ID', () => ['--workspace', ws, 'insights', id]],
    ['insights ID --json', () => ['--workspace', ws, 'insights', id, '--json']],
    ['model list', () => ['--workspace', ws, 'model', 'list']],
  ])('`mixmodeler %s` exits 0 without a stack trace', async (_, argv) => {
    const r = await cli(argv(), true);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('`mixmodeler insights BAD-ID` still exits 1 with its error when stdout is closed', async () => {
    const r = await cli(['--workspace', ws, 'insights', 'm-none-none'], true);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^mixmodeler: .*m-none-none.* \[E_STORE\]\n$/);
  });

  it('`mixmodeler insights ID` read whole prints the table', async () => {
    const r = await cli(['--workspace', ws, 'insights', id], false);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Revenue \(m-/);
  });
});
