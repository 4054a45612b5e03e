import { InputError } from '../errors';
import type { Entry } from './entry';
import { eventEntries } from './event-entries';
import type { Frame } from './frame';
import type { DatasetKind } from './kinds';
import { populationRows } from './population';
import { schemaProblems } from './schema';
import { summaryEntries } from './summary-entries';
import { tableEntries } from './table-entries';

/**
 * Validates a frame against its kind's schema and cells and returns its long entries. Event data
 * already aggregated per day and channel (`date,channel,touches,conversions,value`, as the DuckDB path
 * writes) pass with `aggregated`. A population table has no dated entries: it is validated
 * ({@link populationRows}) and gives none.
 *
 * @param source the dataset name the entries carry
 * @throws InputError naming the file and the first schema problem, or the file, row, column and value of a bad cell
 * @example datasetEntries(toFrame(records, 'tv.csv'), 'summary', 'tv')
 */
export function datasetEntries(frame: Frame, kind: DatasetKind, source: string, aggregated = false): Entry[] {
  const problems = schemaProblems(frame.table.columnNames(), aggregated ? 'summary' : kind);
  if (problems.length > 0) {
    const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
    throw new InputError(`${frame.source} does not fit the ${kind} schema: ${problems.slice(0, 3).join('; ')}${more}`);
  }
  if (kind === 'summary' || aggregated) return summaryEntries(frame, source);
  if (kind === 'events') return eventEntries(frame, source);
  if (kind === 'population') {
    populationRows(frame);
    return [];
  }
  return tableEntries(frame, kind, source);
}
