import { getHeapStatistics } from 'node:v8';
import { listDatasets } from '../data/dataset-store';
import { InputError } from '../errors';
import { formatInteger, formatNumber } from '../format';

/**
 * Heap bytes that in-memory attribution holds per event row at its peak: the dataset's cells, the
 * event rows and the journeys (about 570 measured on the sample; 10M events peaked at 4.5 GB).
 */
export const HEAP_BYTES_PER_EVENT = 500;

/** Options of {@link checkEventMemory}: the heap limit to plan against (default V8's own). */
export interface EventMemoryOptions {
  /** Bytes the heap may grow to; default `v8.getHeapStatistics().heap_size_limit`. */
  heapLimit?: number;
}

/** The event rows of the workspace's event-level datasets, from their manifests (nothing is loaded). */
export function workspaceEventCount(workspace: string): number {
  return listDatasets(workspace)
    .datasets.filter((d) => d.kind === 'events' && !d.aggregated)
    .reduce((n, d) => n + d.rows, 0);
}

/**
 * Refuses an in-memory attribution of `events` event rows that would not fit the heap, before any is
 * loaded: the need is `events · HEAP_BYTES_PER_EVENT`, the room is the heap limit less what is in use.
 * A run that would outgrow the heap dies with SIGABRT and no error; this one fails with a message that
 * names the out-of-core path.
 *
 * @throws InputError naming the event count, the memory needed and available, and `--engine duckdb`
 * @example checkEventMemory(workspaceEventCount('mixmodeler-workspace'))
 */
export function checkEventMemory(events: number, options: EventMemoryOptions = {}): void {
  const heap = getHeapStatistics();
  const room = (options.heapLimit ?? heap.heap_size_limit) - heap.used_heap_size;
  const need = events * HEAP_BYTES_PER_EVENT;
  if (need <= room) return;
  const gb = (b: number) => `${formatNumber(Math.max(b, 0) / 1e9)} GB`;
  throw new InputError(
    `${formatInteger(events)} event rows need about ${gb(need)} of memory to build their journeys; ` +
      `${gb(room)} is available. Attribute fewer events (import a shorter period) or give Node more heap ` +
      `(NODE_OPTIONS=--max-old-space-size=MB); or import them out of core with ` +
      `\`mixmodeler data import FILE --as events --engine duckdb\` (mta then builds the journeys in DuckDB, ` +
      `and an MMM reads them per day and channel)`,
  );
}
