import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
