import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DatasetInfo } from '../data/dataset-manifest';
import { sqlString, withDuckDb } from '../data/duckdb';
import { importDataset } from '../data/import-dataset';
import { InputError, StoreError } from '../errors';
import { DATASETS_FOLDER, DEFAULT_WORKSPACE } from '../fs/layout';
import { duckDbReadError, eventFileRelation } from './event-file-relation';
import { harmonizeEventsFile, type EventsFileOptions } from './harmonize-events-file';
import { harmonizeEventsSpark, type SparkEventsFileOptions } from './harmonize-events-spark';

/** Options of {@link importEventsFile}. */
export interface ImportEventsOptions
  extends
    Pick<EventsFileOptions, 'memoryLimit'>,
    Pick<SparkEventsFileOptions, 'master' | 'conf' | 'onProgress' | 'session'> {
  name?: string;
  workspace?: string;
  /**
   * `duckdb` (default): aggregated by an embedded DuckDB, the events copied beside; `spark`: aggregated
   * by Spark on `master` from a Parquet file or folder (path or URI), no copy (the events stay where
   * they are).
   */
  engine?: 'duckdb' | 'spark';
}

/**
 * Imports an event file larger than memory: DuckDB aggregates it per day (geo) and channel
 * ({@link harmonizeEventsFile}) for harmonize and the MMM, and copies the events themselves into the
 * dataset's folder as Parquet (the source's columns and rows, in order), which `mta` reads out of core.
 * The dataset is an `events` dataset marked `aggregated` whose manifest names the copy (`events`).
 * With `engine: 'spark'` Spark aggregates them ({@link harmonizeEventsSpark}) and only the aggregates
 * are stored. Nothing is stored when the file is bad; the copy is written whole (staged, fsynced,
 * renamed) before the manifest that names it. The aggregation's findings (no conversion, users with
 * only conversions, channels only on conversions) are added to the dataset's `warnings`; an empty
 * user is refused (`userChecks`).
 *
 * @throws InputError naming the file, row, column and value of the first bad event
 * @throws StoreError when the workspace cannot be written
 * @example await importEventsFile('/data/events.csv', { workspace: 'ws', name: 'web' })
 */
export async function importEventsFile(path: string, options: ImportEventsOptions = {}): Promise<DatasetInfo> {
  const spark = options.engine === 'spark';
  const { rows, events, warnings } = spark
    ? await harmonizeEventsSpark(path, {
        grain: 'day',
        userChecks: true,
        ...(options.session ? { session: options.session } : {}),
        ...(options.master ? { master: options.master } : {}),
        ...(options.conf ? { conf: options.conf } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      })
    : await harmonizeEventsFile(path, {
        grain: 'day',
        userChecks: true,
        ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
      });
  const name =
    options.name ??
    basename(path)
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9_.-]+/g, '-');
  const workspace = options.workspace ?? DEFAULT_WORKSPACE;
  const file = `events-${new Date().toISOString().replace(/[-:.]/g, '')}-${Math.random().toString(36).slice(2, 8)}.parquet`;
  const dir = join(workspace, DATASETS_FOLDER, name);
  const fresh = !existsSync(dir);
  let copy: string | null = null;
  try {
    if (!spark) copy = await copyEvents(path, workspace, dir, file);
    const info = importDataset(rows, {
      kind: 'events',
      aggregated: true,
      name,
      source: basename(path),
      workspace,
      ...(spark ? {} : { events: { file, rows: events } }),
    });
    return { ...info, warnings: [...info.warnings, ...warnings] };
  } catch (e) {
    // Nothing half: the copy goes, and the dataset's folder when this import made it.
    if (copy) rmSync(copy, { force: true });
    if (fresh) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

// Staged in a folder of the workspace's own (the lock's sweep of temp files never looks inside it), so
// the rename into the dataset folder stays on one file system.
async function copyEvents(path: string, workspace: string, dir: string, file: string): Promise<string> {
  const relation = eventFileRelation(path);
  const stage = join(workspace, `.staging-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const staged = join(stage, file);
  try {
    mkdirSync(stage, { recursive: true });
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new StoreError(`cannot write the workspace ${workspace}: ${(e as Error).message}`);
  }
  try {
    await withDuckDb(async (c) => {
      try {
        await c.run(`COPY (SELECT * FROM ${relation}) TO ${sqlString(staged)} (FORMAT PARQUET)`);
      } catch (e) {
        throw duckDbReadError(e, basename(path));
      }
    });
    const fd = openSync(staged, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const target = join(dir, file);
    renameSync(staged, target);
    return target;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new StoreError(`cannot write the events of ${basename(path)} into ${dir}: ${(e as Error).message}`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
