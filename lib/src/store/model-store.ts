import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../errors';
import { writeFileAtomic } from './atomic-write';
import { MODEL_FILE, MODELS_FOLDER } from './layout';
import { isLocked } from './lock';
import type { ModelConfig } from './model-config';
import type { ModelStatus } from './model-summary';

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

/** Brings a model.json document to the current schema. @throws StoreError on a schema from the future */
export function migrate(doc: Record<string, unknown>, file: string): ModelRecord {
  let d = doc;
  let schema = typeof d['schema'] === 'number' ? (d['schema'] as number) : 1;
  if (schema > MODEL_SCHEMA)
    throw new StoreError(`${file}: schema ${schema} is newer than this mixmodeler (${MODEL_SCHEMA})`);
  while (schema < MODEL_SCHEMA) {
    const step = MIGRATIONS[schema];
    if (!step) throw new StoreError(`${file}: no migration from schema ${schema}`);
    d = step(d);
    schema++;
  }
  return { ...d, schema } as unknown as ModelRecord;
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
  if (m.status === 'running' && (holdingLock || !isLocked(dir))) {
    const error = 'the run was interrupted (its process ended before it finished)';
    return {
      ...m,
      status: 'failed',
      error,
      runs: m.runs.map((r) => (r.finished === null ? { ...r, status: 'failed', error } : r)),
    };
  }
  return m;
}

/** Writes model.json atomically. */
export function writeModel(workspace: string, m: ModelRecord): void {
  const dir = modelDir(workspace, m.id);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, MODEL_FILE), JSON.stringify(m, null, 2) + '\n');
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

/** Deletes models at once (all ids are checked first, so a typo deletes nothing). */
export function deleteModels(workspace: string, ids: string[]): void {
  for (const id of ids) readModel(workspace, id);
  for (const id of ids) rmSync(modelDir(workspace, id), { recursive: true, force: true });
}
