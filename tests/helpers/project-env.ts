import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(__dirname, '../..');

/** Where tests write what a person may want to look at: screenshots, reports, server logs. */
export const ARTIFACTS = resolve(ROOT, 'artifacts');

/**
 * The environment the project's scripts run in (scripts/env.sh: the venv on PATH, Jupyter folders
 * isolated from the user's), so tests start Jupyter exactly as `npm start` does.
 */
export function projectEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dump = execFileSync('bash', ['-c', `source "${ROOT}/scripts/env.sh" && env -0`], { encoding: 'utf8' });
  const env: NodeJS.ProcessEnv = {};
  for (const entry of dump.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return { ...env, ...extra };
}
