import { MixModelerError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { attribute, DEFAULT_MTA_METHOD, MTA_METHODS, type MtaMethod } from '../mta/attribute';
import { journeysFromEvents } from '../mta/journeys';
import { scaleToMmm, touchScoresArrow, touchScoresCsv, type ScalingFactor } from '../mta/transfer';
import { writeTouchScoresParquet } from '../data/touch-scores-parquet';
import { readHarmonized } from '../harmonize/harmonized-store';
import { readScores } from '../workspace/model-scores';
import { readModel } from '../workspace/model-store';
import { workspaceEvents } from '../workspace/workspace-events';
import { checkEventMemory, workspaceEventCount, type EventMemoryOptions } from '../workspace/event-memory';
import type { GlobalFlags, Out } from './options';

/** The lookback of `mta` without `--lookback-days`. */
export const DEFAULT_LOOKBACK_DAYS = 28;

/** The options of `mta`, as parsed. */
export interface MtaOptions {
  method?: string;
  lookbackDays?: string;
  model?: string;
  out?: string;
}
import { printable } from './printable';

/** Per channel over all periods: MTA score, MMM contribution and their ratio (the mean scaling factor). */
function scalingByChannel(
  factors: readonly ScalingFactor[],
): Record<string, { mtaScore: number; mmmContribution: number; factor: number }> {
  const out: Record<string, { mtaScore: number; mmmContribution: number; factor: number }> = {};
  for (const f of factors) {
    const o = (out[f.channel] ??= { mtaScore: 0, mmmContribution: 0, factor: 0 });
    o.mtaScore += f.mtaScore;
    o.mmmContribution += f.mmmContribution;
  }
  for (const o of Object.values(out)) o.factor = o.mtaScore > 0 ? o.mmmContribution / o.mtaScore : 0;
  return out;
}

/**
 * `mixmodeler mta [--method M (default latent-intent)] [--lookback-days N] [--model ID] [--out FILE]`:
 * attributes the workspace's event-level conversions to channels; `--json` prints
 * `{method, channels: {<name>: {conversions, share}}}`. With `--model ID` the touch scores are scaled
 * so that per week and channel they add up to the model's stored incremental contribution, and the
 * scaling factors are reported (`model`, `scaling` in the JSON). `--out` writes one score per
 * touchpoint as CSV, Parquet (`.parquet`) or Arrow (`.arrow`, `.feather`). Event data too large for
 * the heap are refused before they are loaded (`memory.heapLimit` sets the limit planned against).
 *
 * @throws InputError when the events would not fit in memory (see `checkEventMemory`)
 */
export async function mtaCommand(
  flags: MtaOptions,
  global: GlobalFlags,
  stdout: Out,
  memory: EventMemoryOptions = {},
): Promise<number> {
  const method = (flags.method ?? DEFAULT_MTA_METHOD) as MtaMethod;
  if (!MTA_METHODS.includes(method)) {
    throw new MixModelerError('E_USAGE', `\`--method\` must be one of ${MTA_METHODS.join(', ')}; got ${method}`);
  }
  const days = Number(flags.lookbackDays ?? DEFAULT_LOOKBACK_DAYS);
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new MixModelerError(
      'E_USAGE',
      `\`--lookback-days\` must be an integer in [1, 365]; got ${flags.lookbackDays}`,
    );
  }
  const modelId = flags.model;
  // Check the model before the (longer) attribution: a typo fails at once.
  const model = modelId ? readModel(global.workspace, modelId) : null;
  if (model && model.currentVersion === null) {
    throw new MixModelerError(
      'E_STORE',
      `model ${model.id} has no scores yet (status ${model.status}); train it first`,
    );
  }
  // Refused before loading: outgrowing the heap kills the process with SIGABRT and no message.
  checkEventMemory(workspaceEventCount(global.workspace), memory);
  const result = attribute(journeysFromEvents(workspaceEvents(global.workspace), days), method);
  let touches: Parameters<typeof touchScoresCsv>[0] = result.touches;
  let scaling: ReturnType<typeof scalingByChannel> | null = null;
  let factors: ScalingFactor[] = [];
  if (model) {
    const scores = readScores(global.workspace, model);
    const weekStart = readHarmonized(global.workspace)?.summary.weekStart ?? undefined;
    const scaled = scaleToMmm(result, scores, weekStart ? { weekStart } : {});
    touches = scaled.touches;
    factors = scaled.factors;
    scaling = scalingByChannel(factors);
  }
  const out = flags.out;
  if (out) {
    if (/\.(arrow|feather)$/i.test(out)) writeFileAtomic(out, touchScoresArrow(touches));
    else if (/\.parquet$/i.test(out)) await writeTouchScoresParquet(touches, out);
    else writeFileAtomic(out, touchScoresCsv(touches));
  }
  if (global.json) {
    const doc = { method: result.method, channels: result.channels };
    const withModel = model
      ? { ...doc, model: { id: model.id, version: model.currentVersion }, scaling, factors }
      : doc;
    stdout.write(JSON.stringify(withModel) + '\n');
    return 0;
  }
  stdout.write(`attribution by ${method} over a ${days}-day lookback\n`);
  for (const [name, c] of Object.entries(result.channels)) {
    const s = scaling?.[name];
    stdout.write(
      `${printable(name).padEnd(12)} ${c.conversions.toFixed(1).padStart(10)} conversions  ${(100 * c.share).toFixed(1)}%` +
        (s ? `  × ${s.factor.toFixed(2)} → ${s.mmmContribution.toFixed(0)} incremental` : '') +
        '\n',
    );
  }
  return 0;
}
