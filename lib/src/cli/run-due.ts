import { runDue } from '../workspace/run-due';
import type { GlobalFlags, Out } from './options';

/**
 * `mixmodeler run-due`: re-trains and scores the scheduled models that are due (for cron).
 *
 * @returns the exit code
 */
export async function runDueCommand(global: GlobalFlags, stdout: Out): Promise<number> {
  const ran = await runDue(global.workspace);
  if (global.json) stdout.write(JSON.stringify({ ran }) + '\n');
  else if (ran.length === 0) stdout.write('no scheduled model is due\n');
  else for (const r of ran) stdout.write(`${r.id}\t${r.status}${r.skipped ? `\tskipped: ${r.skipped}` : ''}\n`);
  return 0;
}
