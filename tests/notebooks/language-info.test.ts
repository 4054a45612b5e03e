import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, projectEnv } from '../helpers/project-env';

const NOTEBOOKS = join(ROOT, 'notebooks');
const names = readdirSync(NOTEBOOKS)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();

/** What the tslab kernel reports about itself, asked through jupyter_client (tests/notebooks/kernel-info.py). */
let reported: { kernelspec: Record<string, string>; language_info: Record<string, unknown> };
beforeAll(() => {
  const run = spawnSync('python', [join(__dirname, 'kernel-info.py'), 'tslab'], {
    cwd: NOTEBOOKS, // tslab resolves @types/node from the notebooks' folder, as when JupyterLab starts it
    env: projectEnv(),
    encoding: 'utf8',
    timeout: 110_000,
  });
  expect(run.status, run.stderr.slice(-2000)).toBe(0);
  reported = JSON.parse(run.stdout.trim().split('\n').pop()!);
});

describe('notebooks stored as the kernel reports itself, so they do not open as modified', () => {
  it('tslab reports a TypeScript language_info', () => {
    expect(reported.language_info).toMatchObject({ name: 'typescript', file_extension: '.ts' });
  });

  it.each(names)('%s stores the language_info and kernelspec tslab reports', (name) => {
    const nb = JSON.parse(readFileSync(join(NOTEBOOKS, name), 'utf8'));
    expect(nb.metadata.language_info).toEqual(reported.language_info);
    expect(nb.metadata.kernelspec).toEqual(reported.kernelspec);
  });
});
