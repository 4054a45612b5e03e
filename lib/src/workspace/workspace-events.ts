import { readDatasets } from '../data/dataset-store';
import { InputError } from '../errors';
import type { EventRow } from '../mta/journeys';

/**
 * The event rows of every `events` dataset in the workspace (not the pre-aggregated ones), in the
 * canonical columns `user_id, timestamp, channel, event, value`.
 *
 * @throws InputError when the workspace holds no event-level dataset
 */
export function workspaceEvents(workspace: string): EventRow[] {
  const sets = readDatasets(workspace).filter((d) => d.manifest.kind === 'events' && !d.manifest.aggregated);
  if (sets.length === 0) {
    throw new InputError(
      `no event-level dataset in ${workspace}; import one with \`mixmodeler data import FILE --as events\``,
    );
  }
  const rows: EventRow[] = [];
  for (const { frame } of sets) {
    for (const r of frame.table.objects() as Record<string, unknown>[]) {
      const value = Number(r['value'] ?? 0);
      rows.push({
        user_id: String(r['user_id'] ?? r['journey_id']),
        timestamp: String(r['timestamp']),
        channel: String(r['channel']),
        event: String(r['event']) as EventRow['event'],
        value: Number.isFinite(value) ? value : 0,
      });
    }
  }
  return rows;
}
