import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { MODEL_FILE, MODELS_FOLDER } from '../fs/layout';
import { checkSchema } from '../fs/schemas';
import { isLocked, lockHolder, withLockSync } from '../fs/lock';
import type { ModelConfig } from './model-config';
import { INTERRUPTED_ERROR, runInterrupted, type ModelStatus } from './model-summary';

/** The schema version of model.json; `migrate` brings older documents up to it. */
export const MODEL_SCHEMA = 1;

/** One run of a model (train or score), kept as its history. */
export interface ModelRun {
  kind: 'train' | 'score';
  started: string;
  finished: string | null;
  status: ModelStatus;
  version?: number;
  reasons?: string[];
  error?: string;
}

/** models/<id>/model.json: the models-table fields, the config, versions and run history. */
export interface ModelRecord {
  schema: number;
  id: string;
  name: string;
  description: string;
  conversion: string;
  schedule: ModelConfig['schedule'];
  status: ModelStatus;
  lastRun: string | null;
  reasons: string[];
  error: string | null;
  config: ModelConfig;
  /** Trained versions, 1, 2, …; each in versions/<n>.json. */
  versions: { version: number; trainedAt: string; window: { from: string; to: string }; status: ModelStatus }[];
  currentVersion: number | null;
  /** The last period start with stored scores. */
  scoredThrough: string | null;
  runs: ModelRun[];
}

/** Migrations by the schema they upgrade from (none yet: schema 1 is the first). */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * Brings a model.json document to the current schema, then checks it against
 * `schemas/model-record.schema.json`.
 *
 * @throws StoreError on a schema from the future, or naming the field that does not fit the schema
 */
export function migrate(doc: Record<string, unknown>, file: string): ModelRecord {
  let d = doc;
  let schema = typeof d['schema'] === 'number' ? d['schema'] : 1;
  if (schema > MODEL_SCHEMA)
    throw new StoreError(`${file}: schema ${schema} is newer than this mixmodeler (${MODEL_SCHEMA})`);
  while (schema < MODEL_SCHEMA) {
    const step = MIGRATIONS[schema];
    if (!step) throw new StoreError(`${file}: no migration from schema ${schema}`);
    d = step(d);
    schema++;
  }
  return checkSchema<ModelRecord>('model-record', { ...d, schema }, file, StoreError);
}

const ID = /^m-[a-z0-9]+-[a-z0-9]+$/;

/** A new model id: never derived from the model's (free-text) name. */
export function newModelId(): string {
  return `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The folder of a model. @throws StoreError on an id that is not a model id (no path tricks) */
export function modelDir(workspace: string, id: string): string {
  if (!ID.test(id)) throw new StoreError(`${JSON.stringify(id)} is not a model id (m-xxxx-xxxx)`);
  return join(workspace, MODELS_FOLDER, id);
}

/**
 * Reads a model. A model left `running` by a process that died (kill -9) reads as `failed` with the
 * reason that the run was interrupted; its previous version stays current.
 *
 * @param holdingLock true when the caller holds the model's lock (then `running` means interrupted)
 * @throws StoreError when the model does not exist or its file is unreadable
 */
export function readModel(workspace: string, id: string, holdingLock = false): ModelRecord {
  const dir = modelDir(workspace, id);
  const file = join(dir, MODEL_FILE);
  if (!existsSync(file)) throw new StoreError(`no model ${id} in ${workspace}`);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new StoreError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const m = migrate(doc, file);
  // Under the caller's own lock, `running` on disk can only be a run that died.
  if (runInterrupted(m.status, { live: !holdingLock && isLocked(dir) })) {
    const error = INTERRUPTED_ERROR;
    return {
      ...m,
      status: 'failed',
      error,
      runs: m.runs.map((r) => (r.finished === null ? { ...r, status: 'failed', error } : r)),
    };
  }
  return m;
}

/** True when a model read as failed because its run was interrupted (it may be re-run). */
export function wasInterrupted(m: ModelRecord): boolean {
  return m.status === 'failed' && m.error === INTERRUPTED_ERROR;
}

/** Writes model.json atomically (the folder is created). */
export function writeModel(workspace: string, m: ModelRecord): void {
  writeFileAtomic(join(modelDir(workspace, m.id), MODEL_FILE), JSON.stringify(m, null, 2) + '\n');
}

/** Reads a JSON file of a model's folder (a version or scores). */
export function readModelFile<T>(workspace: string, id: string, name: string): T {
  const file = join(modelDir(workspace, id), name);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new StoreError(`${file}: cannot read (${(e as Error).message})`);
  }
}

/**
 * Deletes models at once. All ids are checked first, so a typo deletes nothing, and a model that is
 * running is refused. Each model is deleted under its lock: its folder is renamed aside (atomic, so a
 * run waiting for the lock finds no model rather than a half-deleted one), then removed.
 *
 * @throws StoreError naming the model when it does not exist or is running
 */
export function deleteModels(workspace: string, ids: string[]): void {
  for (const id of ids) {
    readModel(workspace, id);
    const holder = lockHolder(modelDir(workspace, id));
    if (holder !== null)
      throw new StoreError(`model ${id} is running (process ${holder.pid}); delete it when the run has finished`);
  }
  for (const id of ids) {
    const dir = modelDir(workspace, id);
    const aside = join(workspace, MODELS_FOLDER, `.deleted-${id}-${Math.random().toString(36).slice(2, 8)}`);
    withLockSync(dir, () => renameSync(dir, aside), 2_000);
    rmSync(aside, { recursive: true, force: true });
  }
}
