import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ARTIFACTS, ROOT, projectEnv } from '../helpers/project-env';

declare module 'vitest' {
  export interface ProvidedContext {
    labUrl: string;
    labToken: string;
    labRoot: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, token: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`JupyterLab exited with ${server.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`${url}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`JupyterLab did not answer within 90 s; see ${logFile}`);
}

/**
 * Starts one real JupyterLab server on loopback for the browser tests, rooted at a fresh folder
 * inside the npm project (so tslab resolves `mixmodeler`) holding copies of the notebooks.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = join(ARTIFACTS, 'ui');
  const labRoot = join(dir, 'root');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(labRoot, { recursive: true });
  for (const f of readdirSync(join(ROOT, 'notebooks')).filter((n) => n.endsWith('.ipynb'))) {
    copyFileSync(join(ROOT, 'notebooks', f), join(labRoot, f));
  }
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const logFile = join(dir, 'jupyter.log');
  const log = openSync(logFile, 'w');
  // The app is exposed as window.jupyterapp so that tests wait for its layout restore, not retry clicks.
  const flags = ['--LabApp.expose_app_in_browser=True'];
  const server = spawn('bash', [join(ROOT, 'scripts/lab.sh'), labRoot, String(port), token, ...flags], {
    env: projectEnv({
      JUPYTERLAB_SETTINGS_DIR: join(dir, 'settings'),
      JUPYTERLAB_WORKSPACES_DIR: join(dir, 'workspaces'),
    }),
    stdio: ['ignore', log, log],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, token, server, logFile);
  project.provide('labUrl', url);
  project.provide('labToken', token);
  project.provide('labRoot', labRoot);
  return async () => {
    if (server.exitCode === null && server.pid) {
      process.kill(-server.pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 1000));
      if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
    }
  };
}
