import { runDue } from '../workspace/run-due';
import { parallelFlag } from './model';
import type { GlobalFlags, Out } from './options';
import { printable } from './printable';

/**
 * `mixmodeler run-due`: re-trains and scores the scheduled models that are due (for cron). A due model
 * whose scores already reach the data's last period is reported up to date: information, exit 0. The due
 * models train at the same time (`--parallel N` caps how many).
 *
 * @returns the exit code
 */
export async function runDueCommand(flags: { parallel?: string }, global: GlobalFlags, stdout: Out): Promise<number> {
  const ran = await runDue(
    global.workspace,
    Date.now(),
    flags.parallel === undefined ? {} : { parallel: parallelFlag(flags.parallel) },
  );
  if (global.json) stdout.write(JSON.stringify({ ran }) + '\n');
  else if (ran.length === 0) stdout.write('no scheduled model is due\n');
  else
    for (const r of ran) {
      const note = r.skipped ? `\tskipped: ${r.skipped}` : r.upToDate ? `\tup to date: ${r.upToDate}` : '';
      stdout.write(`${r.id}\t${printable(r.name)}\t${r.status}${note}\n`);
    }
  return 0;
}
