import { columnName } from './cells';
import { GEO } from './geo-column';
import type { DatasetKind } from './kinds';

/** The columns an event dataset needs besides a journey id (`user_id` or `journey_id`). */
export const EVENT_COLUMNS: readonly string[] = ['timestamp', 'channel', 'event'];

/**
 * Lists what keeps columns from fitting a kind's canonical schema (DESIGN §5): missing required columns,
 * wide summary columns not named `<channel>_<metric>`, a long factors table with extra columns, a
 * population table that is not `geo,population`. A `geo` column is a key beside `date`, never a metric.
 * An empty list means the frame can be validated cell by cell.
 *
 * @example schemaProblems(['date', 'cost'], 'summary') // ['column `cost` of a wide summary must be named <channel>_<metric>']
 */
export function schemaProblems(columns: readonly string[], kind: DatasetKind): string[] {
  const has = (c: string) => columns.includes(c);
  const problems: string[] = [];
  if (kind === 'events') {
    for (const c of EVENT_COLUMNS) if (!has(c)) problems.push(`no \`${c}\` column`);
    if (!has('user_id') && !has('journey_id')) problems.push('no `user_id` or `journey_id` column');
    return problems;
  }
  if (kind === 'population') {
    for (const c of [GEO, 'population']) if (!has(c)) problems.push(`no \`${c}\` column`);
    if (problems.length === 0 && columns.length !== 2)
      problems.push('a population table has exactly the columns geo, population');
    return problems;
  }
  if (!has('date')) problems.push('no `date` column');
  const rest = columns.filter((c) => c !== 'date' && c !== GEO);
  if (kind === 'summary' && has('channel')) {
    if (rest.length < 2) problems.push('no metric column besides `date` and `channel`');
  } else if (kind === 'summary') {
    for (const c of rest) {
      const cut = c.lastIndexOf('_');
      if (cut <= 0 || cut === c.length - 1)
        problems.push(`column ${columnName(c)} of a wide summary must be named <channel>_<metric>`);
    }
    if (rest.length === 0) problems.push('no `<channel>_<metric>` column');
  } else if (kind === 'factors' && has('factor')) {
    if (!has('value') || rest.length !== 2)
      problems.push('a long factors table has exactly the columns date, [geo,] factor, value');
  } else if (rest.length === 0) {
    problems.push(kind === 'factors' ? 'no factor column besides `date`' : 'no metric column besides `date`');
  }
  return problems;
}
