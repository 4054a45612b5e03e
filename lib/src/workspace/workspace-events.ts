import { join } from 'node:path';
import { readDatasets, readManifests } from '../data/dataset-store';
import { sqlString, withDuckDb } from '../data/duckdb';
import { InputError } from '../errors';
import { DATASETS_FOLDER } from '../fs/layout';
import type { EventFileSource } from '../harmonize/journeys-duckdb';
import type { EventRow } from '../mta/journeys';

const NO_EVENTS = (workspace: string) =>
  new InputError(
    `no event-level dataset in ${workspace}; import one with \`mixmodeler data import FILE --as events\` ` +
      `(add \`--engine duckdb\` for files larger than memory)`,
  );

/**
 * The event rows of every in-memory `events` dataset in the workspace (not the pre-aggregated ones), in
 * the canonical columns `user_id, timestamp, channel, event, value`. With `fileBacked`, the events of
 * datasets imported out of core (their Parquet copy) are read in too, through DuckDB, in dataset order.
 *
 * @throws InputError when the workspace holds no event-level dataset
 */
export function workspaceEvents(workspace: string): EventRow[] {
  const sets = readDatasets(workspace).filter((d) => d.manifest.kind === 'events' && !d.manifest.aggregated);
  if (sets.length === 0) throw NO_EVENTS(workspace);
  const rows: EventRow[] = [];
  for (const { frame } of sets)
    for (const r of frame.table.objects() as Record<string, unknown>[]) rows.push(eventRow(r));
  return rows;
}

function eventRow(r: Record<string, unknown>): EventRow {
  const value = Number(r['value'] ?? 0);
  return {
    user_id: String(r['user_id'] ?? r['journey_id']),
    timestamp: String(r['timestamp']),
    channel: String(r['channel'] ?? ''),
    event: String(r['event']) as EventRow['event'],
    value: Number.isFinite(value) ? value : 0,
  };
}

/**
 * The event rows of every event-level dataset, in-memory and imported out of core (the latter read from
 * their Parquet copies through DuckDB), in dataset order: what `mta --engine memory` attributes.
 *
 * @throws InputError when the workspace holds no event-level dataset
 */
export async function workspaceEventsWithFiles(workspace: string): Promise<EventRow[]> {
  const rows: EventRow[] = [];
  let any = false;
  for (const { manifest, frame } of readDatasets(workspace)) {
    if (manifest.kind !== 'events') continue;
    if (manifest.events) {
      any = true;
      const path = join(workspace, DATASETS_FOLDER, manifest.name, manifest.events.file);
      const read = await withDuckDb(async (c) =>
        (
          await c.runAndReadAll(
            `SELECT * REPLACE (CAST("timestamp" AS VARCHAR) AS "timestamp") FROM read_parquet(${sqlString(path)})`,
          )
        ).getRowObjectsJson(),
      );
      for (const r of read) rows.push(eventRow(r));
    } else if (!manifest.aggregated) {
      any = true;
      for (const r of frame.table.objects() as Record<string, unknown>[]) rows.push(eventRow(r));
    }
  }
  if (!any) throw NO_EVENTS(workspace);
  return rows;
}

/**
 * The workspace's event-level data as files for the out-of-core path, in dataset order: an in-memory
 * dataset's stored CSV (named by its source) and an out-of-core dataset's Parquet copy.
 *
 * @throws InputError when the workspace holds no event-level dataset
 */
export function workspaceEventFiles(workspace: string): EventFileSource[] {
  const out: EventFileSource[] = [];
  for (const manifest of readManifests(workspace)) {
    if (manifest.kind !== 'events') continue;
    const dir = join(workspace, DATASETS_FOLDER, manifest.name);
    if (manifest.events) out.push({ path: join(dir, manifest.events.file), label: manifest.source });
    else if (!manifest.aggregated) out.push({ path: join(dir, manifest.file), label: manifest.source });
  }
  if (out.length === 0) throw NO_EVENTS(workspace);
  return out;
}

/** The event rows of the datasets imported out of core (their Parquet copies), from the manifests. */
export function fileBackedEventRows(workspace: string): number {
  return readManifests(workspace).reduce((n, m) => n + (m.events?.rows ?? 0), 0);
}

/** True when an event dataset of the workspace was imported out of core (`mta` then runs out of core). */
export function hasFileBackedEvents(workspace: string): boolean {
  return readManifests(workspace).some((m) => m.kind === 'events' && m.events !== undefined);
}
