import { installSample } from '../workspace/install-sample';
import type { GlobalFlags, Out } from './options';

/**
 * `mixmodeler sample [--out DIR]`: writes the built-in example data with its truth (default
 * `<workspace>/sample`), imports it into the workspace and harmonizes it.
 *
 * @returns the exit code
 */
export async function sampleCommand(flags: { out?: string }, global: GlobalFlags, stdout: Out): Promise<number> {
  const { files, summary } = installSample(global.workspace, flags.out);
  if (global.json) {
    stdout.write(JSON.stringify({ files, summary }) + '\n');
    return 0;
  }
  stdout.write(`wrote the sample to ${Object.values(files).join(', ')}\n`);
  stdout.write(
    `harmonized ${summary.periods} weeks (${summary.from} to ${summary.to}) of ${summary.channels.join(', ')}\n`,
  );
  return 0;
}
