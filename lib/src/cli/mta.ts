import { MixModelerError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { formatNumber, formatPercent } from '../format';
import { DEFAULT_MTA_METHOD, MTA_METHODS, type MtaMethod } from '../mta/attribute';
import { touchScoresArrow, touchScoresCsv } from '../mta/transfer';
import { writeTouchScoresParquet } from '../data/touch-scores-parquet';
import { attributeWorkspaceWith, defaultMtaEngine, type MtaEngine } from '../workspace/attribution';
import type { EventMemoryOptions } from '../workspace/event-memory';
import type { GlobalFlags, Out } from './options';

/**
 * The lookback of `mta` without `--lookback-days`: from the data, the days that cover 95% of the
 * touch-to-conversion gaps (issue 23: a fixed 28 days dropped most causal touches of long journeys
 * without a word). The result's `lookback` says what it chose and what fell outside.
 */
export const DEFAULT_LOOKBACK_DAYS = 'auto';

/** The options of `mta`, as parsed. */
export interface MtaOptions {
  method?: string;
  lookbackDays?: string;
  model?: string;
  out?: string;
  engine?: string;
  master?: string;
}
import { printable } from './printable';

/**
 * `mixmodeler mta [--method M (default intent-factor)] [--lookback-days N] [--model ID] [--out FILE]
 * [--engine memory|duckdb|spark] [--master URL]`: attributes the workspace's event-level conversions to channels; `--json`
 * prints `{method, channels: {<name>: {conversions, share}}, lookback, warning, engine, warnings}`. With
 * `--model ID` the touch scores are scaled so that per week and channel they add up to the model's
 * stored incremental contribution, and the scaling factors are reported (`model`, `scaling` in the
 * JSON). `--out` writes one score per touchpoint as CSV, Parquet (`.parquet`) or Arrow (`.arrow`,
 * `.feather`; in memory only), or out of core a folder of Parquet files. The engine defaults to
 * `duckdb` (out of core, the journeys built in SQL and the scores written by DuckDB) when an event
 * dataset was imported with `--engine duckdb`, else `memory`; in memory, event data too large for the
 * heap are refused before they are loaded (`memory.heapLimit` sets the limit planned against).
 *
 * @throws InputError when the events would not fit in memory (see `checkEventMemory`), or are bad
 */
export async function mtaCommand(
  flags: MtaOptions,
  global: GlobalFlags,
  stdout: Out,
  memory: EventMemoryOptions = {},
  stderr: Out = { write: () => undefined },
): Promise<number> {
  const method = (flags.method ?? DEFAULT_MTA_METHOD) as MtaMethod;
  if (!MTA_METHODS.includes(method)) {
    throw new MixModelerError('E_USAGE', `\`--method\` must be one of ${MTA_METHODS.join(', ')}; got ${method}`);
  }
  const asked = flags.lookbackDays ?? DEFAULT_LOOKBACK_DAYS;
  const days = asked === 'auto' ? 'auto' : Number(asked);
  if (days !== 'auto' && (!Number.isInteger(days) || days < 1 || days > 365)) {
    throw new MixModelerError(
      'E_USAGE',
      `\`--lookback-days\` must be auto or an integer in [1, 365]; got ${flags.lookbackDays}`,
    );
  }
  const engine = (flags.engine ?? defaultMtaEngine(global.workspace)) as MtaEngine;
  if (engine !== 'memory' && engine !== 'duckdb' && engine !== 'spark') {
    throw new MixModelerError('E_USAGE', `\`--engine\` must be memory, duckdb or spark; got ${flags.engine}`);
  }
  if (flags.master && engine !== 'spark') {
    throw new MixModelerError('E_USAGE', `\`--master\` is for \`--engine spark\`; got --engine ${engine}`);
  }
  const out = flags.out;
  if (out && engine !== 'memory' && /\.(arrow|feather)$/i.test(out)) {
    throw new MixModelerError(
      'E_USAGE',
      `\`--out\` out of core writes .parquet, .csv or a folder of Parquet files; got ${out} (Arrow is written in memory only: add --engine memory)`,
    );
  }
  const { result, touches, model, factors, scaling, lookback, warning, warnings } = await attributeWorkspaceWith(
    global.workspace,
    {
      method,
      lookbackDays: days,
      engine,
      ...(flags.model ? { modelId: flags.model } : {}),
      ...(out && engine !== 'memory' ? { out } : {}),
      ...(flags.master ? { master: flags.master } : {}),
    },
    memory,
  );
  if (out && engine === 'memory') {
    if (/\.(arrow|feather)$/i.test(out)) writeFileAtomic(out, touchScoresArrow(touches));
    else if (/\.parquet$/i.test(out)) await writeTouchScoresParquet(touches, out);
    else writeFileAtomic(out, touchScoresCsv(touches));
  }
  for (const w of warnings) stderr.write(`mixmodeler: warning: ${w}\n`);
  if (warning) stderr.write(`mixmodeler: warning: ${warning}\n`);
  // Where the events cannot separate intent from effect, the method says so (intent-factor).
  const reasons = result.reasons ?? [];
  for (const r of reasons) stderr.write(`mixmodeler: warning: ${r}\n`);
  if (global.json) {
    const doc = { method: result.method, channels: result.channels, reasons, lookback, warning, engine, warnings };
    const withModel = model ? { ...doc, model, scaling, factors } : doc;
    stdout.write(JSON.stringify(withModel) + '\n');
    return 0;
  }
  stdout.write(
    `attribution by ${method} over a ${lookback.lookbackDays}-day lookback${days === 'auto' ? ' (auto)' : ''}: ` +
      `${lookback.outside} of ${lookback.touches} touches before a conversion fall outside it\n`,
  );
  for (const [name, c] of Object.entries(result.channels)) {
    const s = scaling?.[name];
    stdout.write(
      `${printable(name).padEnd(12)} ${formatNumber(c.conversions, 1).padStart(10)} conversions  ${formatPercent(c.share)}` +
        (s ? `  × ${formatNumber(s.factor)} → ${formatNumber(s.mmmContribution, 0)} incremental` : '') +
        '\n',
    );
  }
  return 0;
}
