import { MixModelerError } from '../errors';
import { writeFileAtomic } from '../store/atomic-write';
import { attribute, DEFAULT_MTA_METHOD, MTA_METHODS, type MtaMethod } from '../mta/attribute';
import { journeysFromEvents } from '../mta/journeys';
import { touchScoresArrow, touchScoresCsv } from '../mta/transfer';
import { workspaceEvents } from '../mta/workspace-events';
import { commandFlags, type GlobalFlags, type Out } from './options';

/**
 * `mixmodeler mta [--method M (default latent-intent)] [--lookback-days N] [--out FILE]`: attributes the workspace's event-level
 * conversions to channels; `--json` prints `{method, channels: {<name>: {conversions, share}}}`;
 * `--out` writes one score per touchpoint as CSV.
 */
export async function mtaCommand(words: readonly string[], global: GlobalFlags, stdout: Out): Promise<number> {
  const { flags } = commandFlags(words, ['method', 'lookback-days', 'out', 'model'], 0);
  const method = (flags['method'] ?? DEFAULT_MTA_METHOD) as MtaMethod;
  if (!MTA_METHODS.includes(method)) {
    throw new MixModelerError('E_USAGE', `\`--method\` must be one of ${MTA_METHODS.join(', ')}; got ${method}`);
  }
  const days = Number(flags['lookback-days'] ?? 28);
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new MixModelerError(
      'E_USAGE',
      `\`--lookback-days\` must be an integer in [1, 365]; got ${flags['lookback-days']}`,
    );
  }
  const result = attribute(journeysFromEvents(workspaceEvents(global.workspace), days), method);
  const out = flags['out'];
  if (out) {
    if (/\.(arrow|feather)$/i.test(out)) writeFileAtomic(out, touchScoresArrow(result.touches));
    else writeFileAtomic(out, touchScoresCsv(result.touches));
  }
  if (global.json) {
    stdout.write(JSON.stringify({ method: result.method, channels: result.channels }) + '\n');
    return 0;
  }
  stdout.write(`attribution by ${method} over a ${days}-day lookback\n`);
  for (const [name, c] of Object.entries(result.channels)) {
    stdout.write(
      `${name.padEnd(12)} ${c.conversions.toFixed(1).padStart(10)} conversions  ${(100 * c.share).toFixed(1)}%\n`,
    );
  }
  return 0;
}
