import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCaptured } from '../../lib/src/cli/run';
import { installSample } from '../../lib/src/workspace/install-sample';

/**
 * Shared set-up for tests that need a workspace: a fresh temporary folder, the built-in sample data
 * installed and harmonized in it, and the sample's revenue model config.
 */

/** The sample's paid channels, in the order of its summary data. */
export const SAMPLE_CHANNELS = ['tv', 'search', 'social', 'display', 'podcast', 'email'] as const;

/** A model.json on the sample data: revenue on every channel's spend, the holiday and price factors. */
export const SAMPLE_MODEL = {
  name: 'Revenue MMM',
  conversion: 'revenue',
  touchpoints: SAMPLE_CHANNELS.map((channel) => ({ channel, metric: 'spend' })),
  factors: { internal: ['holiday'], external: ['price'] },
};

/** A new empty folder under the system's temp folder, named `<prefix>XXXXXX`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A new workspace holding the sample data, installed and harmonized. */
export function sampleWorkspace(prefix: string): string {
  const ws = tempDir(prefix);
  installSample(ws);
  return ws;
}

/**
 * The CLI run in this process on a workspace: `cli(...argv)` gives the exit code and output, `json(...argv)`
 * the parsed `--json` document (failing the test on a non-zero exit).
 */
export function cliOn(ws: string) {
  const cli = (...argv: string[]) => runCaptured(['--workspace', ws, ...argv]);
  const json = async (...argv: string[]) => {
    const c = await cli(...argv, '--json');
    expect(c.code, c.err).toBe(0);
    return JSON.parse(c.out) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return { cli, json };
}

/** A sample workspace with the sample model created (trained) through `model create`. */
export async function sampleWorkspaceWithModel(prefix: string) {
  const ws = sampleWorkspace(prefix);
  const { cli, json } = cliOn(ws);
  const config = join(ws, 'model.json');
  writeFileSync(config, JSON.stringify(SAMPLE_MODEL));
  const modelId = (await json('model', 'create', '--config', config))['id'] as string;
  return { ws, cli, json, modelId };
}
