import { basename } from 'node:path';
import type { DatasetInfo } from '../data/dataset-manifest';
import { importDataset } from '../data/import-dataset';
import { harmonizeEventsFile, type EventsFileOptions } from './harmonize-events-file';

/**
 * Imports an event file larger than memory: DuckDB aggregates it per day and channel
 * ({@link harmonizeEventsFile}) and the aggregates are stored as an `events` dataset marked
 * `aggregated`, which harmonize re-aggregates to its grain like the in-memory path.
 *
 * @throws InputError naming the file, row, column and value of the first bad event
 * @throws StoreError when the workspace cannot be written
 * @example await importEventsFile('/data/events.csv', { workspace: 'ws', name: 'web' })
 */
export async function importEventsFile(
  path: string,
  options: { name?: string; workspace?: string } & Pick<EventsFileOptions, 'memoryLimit'> = {},
): Promise<DatasetInfo> {
  const { rows } = await harmonizeEventsFile(path, {
    grain: 'day',
    ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
  });
  const name =
    options.name ??
    basename(path)
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9_.-]+/g, '-');
  return importDataset(rows, {
    kind: 'events',
    aggregated: true,
    name,
    source: basename(path),
    ...(options.workspace ? { workspace: options.workspace } : {}),
  });
}
