import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ConfigError, MixModelerError, ReplaceNotConfirmedError } from '../errors';
import { createModel, duplicateModel, editModel, scoreModel, trainModel } from '../workspace/lifecycle';
import { listModels } from '../workspace/models';
import { trainModels } from '../workspace/train-pool';
import { deleteModels, readModel, type ModelRecord } from '../workspace/model-store';
import type { GlobalFlags, Out } from './options';
import { printable } from './printable';
import { progressBar } from './progress-bar';
import type { TrainingWindow } from '../mmm/window';

const row = (m: ModelRecord) => ({
  id: m.id,
  name: m.name,
  description: m.description,
  conversion: m.conversion,
  runFrequency: m.schedule.enabled ? m.schedule.frequency : null,
  lastRun: m.lastRun,
  status: m.status,
  reasons: m.reasons,
  error: m.error,
  currentVersion: m.currentVersion,
});

function print(global: GlobalFlags, stdout: Out, doc: object, text: string): void {
  stdout.write(global.json ? JSON.stringify(doc) + '\n' : text + '\n');
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** Prints a model's row and returns the exit code: 1, with its error on stderr, when its run failed. */
function report(m: ModelRecord, global: GlobalFlags, stdout: Out, stderr: Out): number {
  print(
    global,
    stdout,
    row(m),
    `${m.id}\t${m.status}\t${printable(m.name)}${m.reasons.length ? '\n  - ' + m.reasons.join('\n  - ') : ''}`,
  );
  if (m.status === 'failed') stderr.write(`mixmodeler: model ${m.id} failed: ${m.error}\n`);
  return m.status === 'failed' ? 1 : 0;
}

/** `mixmodeler model list`: the models of the workspace. */
export function modelListCommand(global: GlobalFlags, stdout: Out): number {
  const models = listModels(global.workspace);
  if (global.json) stdout.write(JSON.stringify({ models }) + '\n');
  else if (models.length === 0) stdout.write(`no models in ${global.workspace}\n`);
  else for (const m of models) stdout.write(`${m.id}\t${m.status}\t${printable(m.name)}\n`);
  return 0;
}

/**
 * `mixmodeler model create --config FILE`: stores, trains and scores a new model.
 * @returns the exit code (1 when the training run failed: its error is on stderr and stored with the run)
 */
export async function modelCreateCommand(
  flags: { config?: string },
  global: GlobalFlags,
  stdout: Out,
  stderr: Out,
): Promise<number> {
  const file = flags.config;
  if (file === undefined) throw new MixModelerError('E_USAGE', '`model create` needs `--config FILE`');
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the model config (${(e as Error).message})`);
  }
  const bar = progressBar(stderr, !global.json);
  try {
    return report(await createModel(global.workspace, doc, file, { onProgress: bar.listener }), global, stdout, stderr);
  } finally {
    bar.end();
  }
}

/** `mixmodeler model show ID`: the model's whole record. */
export function modelShowCommand(id: string, global: GlobalFlags, stdout: Out): number {
  const m = readModel(global.workspace, id);
  print(global, stdout, m, JSON.stringify(m, null, 2));
  return 0;
}

/** `mixmodeler model duplicate ID`: a copy of the model's config, awaiting training. */
export function modelDuplicateCommand(id: string, global: GlobalFlags, stdout: Out, stderr: Out): number {
  return report(duplicateModel(global.workspace, id), global, stdout, stderr);
}

/** The options of `model edit`, as parsed. */
export interface ModelEditOptions {
  name?: string;
  description?: string;
  schedule?: string;
  frequency?: string;
}

/** `mixmodeler model edit ID [--name N] [--description D] [--schedule on|off] [--frequency F]`. */
export async function modelEditCommand(
  id: string,
  flags: ModelEditOptions,
  global: GlobalFlags,
  stdout: Out,
  stderr: Out,
): Promise<number> {
  const schedule = flags.schedule;
  if (schedule !== undefined && schedule !== 'on' && schedule !== 'off') {
    throw new MixModelerError('E_USAGE', `\`--schedule\` must be on or off; got ${schedule}`);
  }
  const m = await editModel(global.workspace, id, {
    ...(flags.name !== undefined ? { name: flags.name } : {}),
    ...(flags.description !== undefined ? { description: flags.description } : {}),
    schedule: {
      ...(schedule ? { enabled: schedule === 'on' } : {}),
      ...(flags.frequency !== undefined ? { frequency: flags.frequency as 'weekly' } : {}),
    },
  });
  return report(m, global, stdout, stderr);
}

/** `mixmodeler model delete ID...`: removes the models (all ids are checked first; at least one). */
export function modelDeleteCommand(ids: string[], global: GlobalFlags, stdout: Out): number {
  deleteModels(global.workspace, ids);
  print(global, stdout, { deleted: ids }, `deleted ${ids.join(', ')}`);
  return 0;
}

/**
 * `mixmodeler model train ID... [--last-2-years | --all-data | --from DATE --to DATE] [--parallel N]`: trains a new
 * version of each model. Several models train at the same time, each in its own worker thread
 * (`trainModels`); one model's failure does not stop the others.
 * @returns the exit code (1 when a training run failed or could not start: its error is on stderr)
 */
export async function modelTrainCommand(
  ids: string[],
  flags: { last2Years?: boolean; allData?: boolean; from?: string; to?: string; parallel?: string },
  global: GlobalFlags,
  stdout: Out,
  stderr: Out,
): Promise<number> {
  const custom = flags.from !== undefined && flags.to !== undefined;
  if ([flags.last2Years, flags.allData, custom].filter(Boolean).length > 1)
    throw new MixModelerError('E_USAGE', 'give one of `--last-2-years`, `--all-data` or `--from --to`');
  if (!custom && (flags.from || flags.to))
    throw new MixModelerError('E_USAGE', 'a custom window needs both `--from` and `--to`');
  // No flag: each model's own training window (its config's `trainingWindow`, by default the last 2 years).
  const window: TrainingWindow | undefined = custom
    ? { from: flags.from!, to: flags.to! }
    : flags.allData
      ? 'all'
      : flags.last2Years
        ? 'last-2-years'
        : undefined;
  const parallel = flags.parallel === undefined ? undefined : parallelFlag(flags.parallel);
  if (ids.length === 1) {
    const bar = progressBar(stderr, !global.json);
    try {
      return report(
        await trainModel(global.workspace, ids[0]!, window, { onProgress: bar.listener }),
        global,
        stdout,
        stderr,
      );
    } finally {
      bar.end();
    }
  }
  // Several runs at once: a line per model as each one's stage changes, instead of one bar.
  const stage: Record<string, string> = {};
  const onProgress = (id: string, p: { stage: string; message: string }) => {
    if (global.json || stage[id] === p.stage) return;
    stage[id] = p.stage;
    stderr.write(`${id}: ${p.message}\n`);
  };
  const out = await trainModels(
    global.workspace,
    ids.map((id) => ({ id, window })),
    { ...(parallel !== undefined && { parallel }), onProgress },
  );
  if (global.json) {
    const models = out.map((o) => ('model' in o ? row(o.model) : { id: o.id, error: o.error.message }));
    stdout.write(JSON.stringify({ models }) + '\n');
  }
  let code = 0;
  for (const o of out) {
    if ('model' in o) {
      if (!global.json) stdout.write(`${o.id}\t${o.model.status}\t${printable(o.model.name)}\n`);
      if (o.model.status === 'failed') stderr.write(`mixmodeler: model ${o.id} failed: ${o.model.error}\n`);
      if (o.model.status === 'failed') code = 1;
    } else {
      stderr.write(`mixmodeler: model ${o.id} did not train: ${o.error.message} [${o.error.code}]\n`);
      code = 1;
    }
  }
  return code;
}

/** `--parallel N`: how many trainings at once. @throws MixModelerError E_USAGE for anything but a whole number ≥ 1 */
export function parallelFlag(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n < 1)
    throw new MixModelerError('E_USAGE', `\`--parallel\` must be a whole number ≥ 1; got ${JSON.stringify(v)}`);
  return n;
}

/**
 * `mixmodeler model score ID [--from DATE | --from DATE --to DATE --replace]`: scores new periods with
 * the current version, or re-scores a range; on a terminal, asks before replacing stored scores.
 */
export async function modelScoreCommand(
  id: string,
  flags: { from?: string; to?: string; replace?: boolean },
  global: GlobalFlags,
  stdout: Out,
): Promise<number> {
  const range = {
    ...(flags.from !== undefined ? { from: flags.from } : {}),
    ...(flags.to !== undefined ? { to: flags.to } : {}),
  };
  let replace = flags.replace === true;
  for (;;) {
    try {
      const r = await scoreModel(global.workspace, id, { ...range, replace });
      print(
        global,
        stdout,
        { ...row(r.model), scored: r.scored },
        r.scored.periods === 0
          ? `${id}: no new periods to score after ${r.model.scoredThrough}; the scores are up to date`
          : `${id}: scored ${r.scored.periods} period(s), ${r.scored.from} to ${r.scored.to}`,
      );
      return 0;
    } catch (e) {
      const ask = e instanceof ReplaceNotConfirmedError && process.stdin.isTTY && !replace;
      if (
        !ask ||
        !(await confirm(
          `${e.message.replace('; confirm with --replace', '')}. Existing scores are replaced. Continue?`,
        ))
      )
        throw e;
      replace = true;
    }
  }
}
