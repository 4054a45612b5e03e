import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'lib/bin/mixmodeler.js');

/** The `npx mixmodeler …` lines of the README's CLI walkthrough, comments removed. */
function walkthrough(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The CLI'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith('npx mixmodeler '));
}

describe('the README CLI walkthrough', () => {
  it('runs as written from a copy of examples/, with ID the id model create printed', () => {
    const lines = walkthrough();
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const cwd = mkdtempSync(join(tmpdir(), 'mm-readme-'));
    cpSync(join(ROOT, 'examples'), cwd, { recursive: true });
    let id = '';
    for (const line of lines) {
      const args = line
        .slice('npx mixmodeler '.length)
        .split(/\s+/)
        .map((w) => (w === 'ID' ? id : w));
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
      expect([line, r.status, r.stderr]).toEqual([line, 0, '']);
      if (args.includes('create') && args.includes('model')) id = r.stdout.split('\t')[0] ?? '';
    }
    expect(id).toMatch(/^m-/);
    // The rules mapped the export's own words: radio is a harmonized channel with spend.
    const list = spawnSync(process.execPath, [CLI, '--workspace', 'ws', 'data', 'list', '--json'], {
      cwd,
      encoding: 'utf8',
    });
    expect(JSON.parse(list.stdout).datasets.map((d: { name: string }) => d.name)).toContain('spend');
    const manifest = JSON.parse(readFileSync(join(cwd, 'ws', 'harmonized', 'manifest.json'), 'utf8'));
    expect(manifest.summary.channels).toContain('radio');
  }, 120_000);
});
