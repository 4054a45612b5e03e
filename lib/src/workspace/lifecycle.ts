import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ReplaceNotConfirmedError, StoreError } from '../errors';
import { fitMmmAsync } from '../mmm/fit';
import type { ProgressListener } from '../mmm/progress';
import type { FittedMmm } from '../mmm/fitted';
import type { MmmData } from '../mmm/spec';
import { scoreMmm } from '../mmm/score';
import { resolveWindow } from '../mmm/window';
import { removeTempFiles, writeFileAtomic } from '../fs/atomic-write';
import { withLock } from '../fs/lock';
import { readScores, removeUncommittedVersions, toStored, writeScores, type StoredScores } from './model-scores';
import { recordRun } from './run-progress';
import { withEventPriors } from './event-priors';
import { modelData, withGeoLevel } from './model-fit';
import { checkConfigAgainstData } from './config-against-data';
import { fitInputs, validateModelConfig, type ModelConfig } from './model-config';
import {
  modelDir,
  newModelId,
  readModel,
  readModelFile,
  wasInterrupted,
  writeModel,
  MODEL_SCHEMA,
  type ModelRecord,
} from './model-store';

export type { StoredScores } from './model-scores';

/**
 * Validates a config, checks it against the harmonized data (`checkConfigAgainstData`) and stores a
 * new model, `awaiting training`. Nothing is written on error.
 *
 * @throws ConfigError naming the field and value of a config that is malformed or does not fit the data
 * @throws StoreError when the workspace has no harmonized data
 */
export function registerModel(workspace: string, doc: unknown, file = 'model.json'): ModelRecord {
  const config = validateModelConfig(doc, file);
  checkConfigAgainstData(workspace, config, file);
  const m: ModelRecord = {
    schema: MODEL_SCHEMA,
    id: newModelId(),
    name: config.name,
    description: config.description,
    conversion: config.conversion,
    schedule: config.schedule,
    status: 'awaiting training',
    lastRun: null,
    reasons: [],
    error: null,
    config,
    versions: [],
    currentVersion: null,
    scoredThrough: null,
    runs: [],
  };
  writeModel(workspace, m);
  return m;
}

/** Options of a long run: a listener for its progress events. */
export interface RunOptions {
  onProgress?: ProgressListener;
}

/** Builds a model: stores it, trains it and scores it at once. */
export async function createModel(
  workspace: string,
  doc: unknown,
  file?: string,
  options: RunOptions = {},
): Promise<ModelRecord> {
  const m = registerModel(workspace, doc, file);
  return trainModel(workspace, m.id, undefined, options);
}

/**
 * Trains a model into a new version, then scores all its data. Allowed for a model never trained,
 * re-configured (`awaiting training`) or whose last training succeeded (`success` or `training
 * issue`). A custom window that does not span a year, or holds no data, is refused before anything
 * changes. The status is `running` meanwhile; an error is stored with status `failed` and the previous
 * version stays current.
 *
 * @throws StoreError when re-training is not allowed or the model is locked by another run
 * @throws InputError when the custom window is shorter than a year or outside the data
 */
export async function trainModel(
  workspace: string,
  id: string,
  window?: ModelConfig['trainingWindow'],
  options: RunOptions = {},
): Promise<ModelRecord> {
  const dir = modelDir(workspace, id);
  return withModelLock(workspace, id, async (m) => {
    const allowed = ['success', 'training issue', 'awaiting training'].includes(m.status) || wasInterrupted(m);
    if (m.versions.length > 0 && !allowed) {
      throw new StoreError(
        `model ${id} can be re-trained only when its last training succeeded; its status is ${m.status}${m.error ? ` (${m.error})` : ''}`,
      );
    }
    // A refused window leaves the model as it was: checked on the data before the run starts. The
    // data are read once: here for a custom window, else as the run's first step.
    let data: MmmData | undefined;
    if (window !== undefined && window !== 'last-2-years') {
      data = modelData(workspace, m.config);
      resolveWindow(data.dates, window);
    }
    const started = new Date().toISOString();
    writeModel(workspace, {
      ...m,
      status: 'running',
      runs: [...m.runs, { kind: 'train', started, finished: null, status: 'running' }],
    });
    const recorder = recordRun(dir, options.onProgress);
    const progress = recorder.listener;
    try {
      progress({ stage: 'reading data', done: 0, total: 1, message: 'reading the harmonized data' });
      data ??= modelData(workspace, m.config);
      let config = fitInputs(m.config, window).config;
      if (m.config.eventPriors) config = await withEventPriors(workspace, data, config, m.config.eventPriors, progress);
      const national = await fitMmmAsync(data, config, { onProgress: progress });
      const fit = await withGeoLevel(workspace, m.config, config, national, progress);
      const version = (m.versions[m.versions.length - 1]?.version ?? 0) + 1;
      // The version and its scores first; model.json, written last, is the commit that makes them current.
      writeFileAtomic(join(dir, 'versions', `${version}.json`), JSON.stringify(fit) + '\n');
      progress({ stage: 'scoring', done: 0, total: 1, message: `scoring ${data.dates.length} periods` });
      const scores = scoreMmm(fit, data);
      writeScores(workspace, id, toStored(version, scores));
      progress({ stage: 'finished', done: 1, total: 1, message: `version ${version}: ${fit.status}` });
      const finished = new Date().toISOString();
      const next: ModelRecord = {
        ...m,
        status: fit.status,
        reasons: fit.reasons,
        error: null,
        lastRun: finished,
        versions: [...m.versions, { version, trainedAt: finished, window: fit.window, status: fit.status }],
        currentVersion: version,
        scoredThrough: scores.dates[scores.dates.length - 1] ?? null,
        runs: [...m.runs, { kind: 'train', started, finished, status: fit.status, version, reasons: fit.reasons }],
      };
      writeModel(workspace, next);
      return next;
    } catch (e) {
      removeUncommittedVersions(workspace, m); // a version written before the failure is not kept
      const error = (e as Error).message;
      const finished = new Date().toISOString();
      const failed: ModelRecord = {
        ...m,
        status: 'failed',
        error,
        lastRun: finished,
        runs: [...m.runs, { kind: 'train', started, finished, status: 'failed', error }],
      };
      writeModel(workspace, failed);
      return failed;
    } finally {
      recorder.stop();
    }
  });
}

/**
 * Runs `work` with the model as read under its lock, after removing what killed runs left in its folder (temp files,
 * versions model.json never committed). A model deleted meanwhile is reported as missing.
 */
async function withModelLock<T>(workspace: string, id: string, work: (m: ModelRecord) => Promise<T> | T): Promise<T> {
  const dir = modelDir(workspace, id);
  readModel(workspace, id); // a missing model: "no model …", not a lock error
  try {
    return await withLock(dir, () => {
      const m = readModel(workspace, id, true);
      removeTempFiles(dir);
      removeTempFiles(join(dir, 'versions'));
      removeUncommittedVersions(workspace, m);
      return work(m);
    });
  } catch (e) {
    if (!existsSync(dir)) throw new StoreError(`no model ${id} in ${workspace} (it was deleted)`);
    throw e;
  }
}

/**
 * Scores a trained model with its current version. `{ from }` scores new periods from that date on
 * (default: after the last scored period); `{ from, to }` re-scores a range, which replaces stored
 * scores only with `replace: true`.
 *
 * @throws StoreError when the model has no version
 * @throws ReplaceNotConfirmedError when the range holds stored scores and replace is not set
 */
export async function scoreModel(
  workspace: string,
  id: string,
  range: { from?: string; to?: string; replace?: boolean } = {},
): Promise<{ model: ModelRecord; scored: { from: string; to: string; periods: number } }> {
  return withModelLock(workspace, id, async (m) => {
    if (m.currentVersion === null) throw new StoreError(`model ${id} has no trained version to score with`);
    const fit = readModelFile<FittedMmm>(workspace, id, `versions/${m.currentVersion}.json`);
    const data = modelData(workspace, m.config);
    const stored = readScores(workspace, m);
    const last = data.dates[data.dates.length - 1]!;
    const from = range.from ?? data.dates.find((d) => m.scoredThrough === null || d > m.scoredThrough);
    const to = range.to ?? last;
    // Nothing new is an outcome, not a failure (a cron job stays green).
    if (range.from === undefined && (from === undefined || from > to))
      return { model: m, scored: { from: last, to: last, periods: 0 } };
    if (from === undefined || from > to) throw new StoreError(`model ${id}: \`from\` ${from} is after \`to\` ${to}`);
    const overlap = stored.dates.filter((d) => d >= from && d <= to);
    if (overlap.length > 0 && !range.replace) {
      throw new ReplaceNotConfirmedError(
        `scoring ${from}..${to} would replace the stored scores of ${overlap.length} period(s) (${overlap[0]}..${overlap[overlap.length - 1]}); confirm with --replace`,
        overlap.length,
        overlap[0]!,
        overlap[overlap.length - 1]!,
      );
    }
    const s = scoreMmm(fit, data, { from, to });
    const keep = stored.dates.map((d, i) => [d, i] as const).filter(([d]) => d < from || d > to);
    const rows = [
      ...keep.map(([d, i]) => ({
        d,
        p: stored.predicted[i]!,
        b: stored.base[i]!,
        c: (n: string) => stored.contributions[n]?.[i] ?? 0,
      })),
      ...s.dates.map((d, i) => ({ d, p: s.predicted[i]!, b: s.base[i]!, c: (n: string) => s.contributions[n]![i]! })),
    ].sort((a, b) => a.d.localeCompare(b.d));
    const names = Object.keys(s.contributions);
    const merged: StoredScores = {
      version: m.currentVersion,
      dates: rows.map((r) => r.d),
      predicted: rows.map((r) => r.p),
      base: rows.map((r) => r.b),
      contributions: Object.fromEntries(names.map((n) => [n, rows.map((r) => r.c(n))])),
    };
    writeScores(workspace, id, merged);
    const now = new Date().toISOString();
    const next: ModelRecord = {
      ...m,
      lastRun: now,
      scoredThrough: merged.dates[merged.dates.length - 1] ?? null,
      runs: [...m.runs, { kind: 'score', started: now, finished: now, status: m.status, version: m.currentVersion }],
    };
    writeModel(workspace, next);
    return { model: next, scored: { from, to, periods: s.dates.length } };
  });
}

/** Copies a model's config into a new model, `awaiting training`, named "<name> (copy)". */
export function duplicateModel(workspace: string, id: string): ModelRecord {
  const m = readModel(workspace, id);
  // " (copy)" keeps the copy's name within the 200 characters a name may have.
  return registerModel(workspace, { ...m.config, name: `${Array.from(m.name).slice(0, 193).join('')} (copy)` });
}

/** Edits a model's name, description and schedule (nothing else). */
export async function editModel(
  workspace: string,
  id: string,
  changes: { name?: string; description?: string; schedule?: Partial<ModelConfig['schedule']> },
): Promise<ModelRecord> {
  return withModelLock(workspace, id, (m) => {
    const config = validateModelConfig(
      {
        ...m.config,
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        schedule: { ...m.config.schedule, ...changes.schedule },
      },
      `model ${id}`,
    );
    const next = { ...m, config, name: config.name, description: config.description, schedule: config.schedule };
    writeModel(workspace, next);
    return next;
  });
}

/**
 * Replaces a model's config with an edited one and trains it into a new version (the model canvas's
 * "edit and rebuild"). The new config is validated before anything changes; a model that is running
 * is refused. Versions and run history are kept.
 *
 * @throws ConfigError naming the field when the config does not validate
 * @throws StoreError when the model is running or locked
 */
export async function rebuildModel(
  workspace: string,
  id: string,
  doc: unknown,
  options: RunOptions = {},
): Promise<ModelRecord> {
  const config = validateModelConfig(doc, `model ${id}`);
  checkConfigAgainstData(workspace, config, `model ${id}`);
  await withModelLock(workspace, id, (m) => {
    writeModel(workspace, {
      ...m,
      config,
      name: config.name,
      description: config.description,
      conversion: config.conversion,
      schedule: config.schedule,
      status: 'awaiting training',
      reasons: [],
      error: null,
    });
  });
  return trainModel(workspace, id, undefined, options);
}
