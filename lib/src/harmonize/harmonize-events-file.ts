import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sqlString, withDuckDb } from '../data/duckdb';
import { NO_CHANNEL } from '../data/event-entries';
import { GEO, mixedGeosError } from '../data/geo-column';
import { InputError, show } from '../errors';
import { formatInteger } from '../format';
import type { Grain, Weekday } from '../math/calendar';
import type { SqlDialect } from '../mta/journey-sql';
import {
  checkEventColumns,
  checkSameSchema,
  duckDbReadError,
  eventFileRelation,
  parquetFolderFiles,
  typedEventColumns,
} from './event-file-relation';
import {
  eventRuleOf,
  eventsAggregationSql,
  firstBadEventSql,
  mixedGeosSql,
  readAggregation,
  type AggregationResult,
  type EventAggregate,
  type EventRowsSqlOptions,
} from './events-sql';
import { eventWarnings } from './journey-summary';

export type { EventAggregate } from './events-sql';

/** Options of {@link harmonizeEventsFile}. */
export interface EventsFileOptions {
  /** `day` (default, so harmonize can re-aggregate) or `week`. */
  grain?: Grain;
  /** Default `monday`. */
  weekStart?: Weekday;
  /** DuckDB's memory limit; default `2GB` (it spills to a temp folder beyond). */
  memoryLimit?: string;
  /**
   * Also group the rows by user in the same scan (default false; `importEventsFile` turns it on): an
   * empty user is refused, users with only conversions are a warning. It costs a second hash
   * aggregation over every row (10M rows of CSV: 3.4 → 6.9 CPU-s).
   */
  userChecks?: boolean;
}

/** What {@link harmonizeEventsFile} gives (and the Spark path alike). */
export interface EventsFileAggregates {
  /** Sorted by date, geo and channel. */
  rows: EventAggregate[];
  /** Touches and conversions. */
  events: number;
  /** The aggregation's SQL, as it ran. */
  sql: string;
  /** Findings that do not stop the import, in words (no conversion; users with only conversions; …). */
  warnings: string[];
}

/**
 * Aggregates an event file larger than memory out of core with DuckDB: CSV/TSV (read as text), Parquet
 * (a file, or a folder of files that share one schema) or NDJSON with `timestamp` (ISO), `channel`, `event` (touch|conversion), optional `value`, and a
 * `user_id` or `journey_id`, and an optional `geo` (then aggregated per geo too, named on every row or
 * on none as in summary data). A conversion's channel may be empty: it is counted under `(none)`. CSV is
 * read strictly ({@link eventFileRelation}). Import the result with
 * `importDataset(rows, { kind: 'events', aggregated: true })`.
 *
 * @returns the aggregates (sorted by date, channel), the event count and the SQL that ran
 * @throws InputError naming the file, row, column and value of the first bad row, the file and row of
 *   an unbalanced quote or a row with another field count than the header, a missing column, or a
 *   `geo` left empty on some rows and named on others
 * @example const { rows } = await harmonizeEventsFile('/data/events.csv', { grain: 'week' })
 */
export async function harmonizeEventsFile(
  path: string,
  options: EventsFileOptions = {},
): Promise<EventsFileAggregates> {
  const file = basename(path);
  const relation = eventFileRelation(path);
  const temp = mkdtempSync(join(tmpdir(), 'mixmodeler-duckdb-'));
  try {
    return await withDuckDb(
      async (c) => {
        // A typed time (Parquet's TIMESTAMPTZ) is written out in UTC, as the journeys read it, whatever
        // this machine's zone.
        await c.run(`SET TimeZone = 'UTC'`);
        const describe = async (from: string, label: string) => {
          try {
            const described = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJson();
            return new Map(described.map((r) => [String(r['column_name']), String(r['column_type'])]));
          } catch (e) {
            throw duckDbReadError(e, label);
          }
        };
        // A folder's files must share one schema, each file's own columns read (as on Spark).
        const folder = parquetFolderFiles(path);
        let first: { label: string; columns: Map<string, string> } | null = null;
        for (const f of folder ?? []) {
          const at = {
            label: `${file}/${basename(f)}`,
            columns: await describe(`read_parquet(${sqlString(f)})`, file),
          };
          if (first) checkSameSchema(first, at);
          else first = at;
        }
        const types = await describe(relation, file);
        const { sql, user, hasValue } = aggregationSql(relation, types, file, options);
        let result: AggregationResult;
        try {
          result = readAggregation((await c.runAndReadAll(sql)).getRowObjectsJson());
        } catch (e) {
          throw duckDbReadError(e, file);
        }
        // A CSV's header is row 1, so its first record is row 2; a folder's rows by file and row.
        const numbered = folder
          ? `(SELECT parse_filename(filename) AS file, file_row_number + 1 AS row, * EXCLUDE (filename, file_row_number)
  FROM read_parquet([${folder.map(sqlString).join(', ')}], filename = true, file_row_number = true))`
          : `(SELECT row_number() OVER () + ${relation.startsWith('read_csv') ? 1 : 0} AS row, * FROM ${relation})`;
        const placeAt = folder ? ['file', 'row'] : ['row'];
        const at = (r: Record<string, unknown>) =>
          `row ${String(r['row'])} of ${file}${folder ? `/${String(r['file'])}` : ''}`;
        const rows = async (text: string) => (await c.runAndReadAll(text)).getRowObjectsJson();
        if (result.bad > 0) throw await badEventError(rows, numbered, { hasValue, user, at: placeAt }, at, file);
        if (result.mixedGeos)
          throw await mixedGeosFound(rows, numbered, { at: placeAt }, at, (r) => (folder ? at(r) : Number(r['row'])));
        return { rows: result.rows, events: result.events, sql, warnings: aggregationWarnings(file, result) };
      },
      { memory_limit: options.memoryLimit ?? '2GB', temp_directory: temp },
    );
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * The aggregation statement for an event relation of these column types (DuckDB's or Spark's), its
 * columns checked first.
 *
 * @throws InputError naming `label` and a missing column
 */
export function aggregationSql(
  relation: string,
  types: Map<string, string>,
  label: string,
  options: Pick<EventsFileOptions, 'grain' | 'weekStart' | 'userChecks'>,
  dialect: SqlDialect = 'duckdb',
): { sql: string; user: string; hasValue: boolean } {
  const user = checkEventColumns(types, label);
  const hasValue = types.has('value');
  const sql = eventsAggregationSql(relation, {
    grain: options.grain ?? 'day',
    weekStart: options.weekStart ?? 'monday',
    hasValue,
    hasGeo: types.has(GEO),
    ...(options.userChecks ? { user } : {}),
    typed: typedEventColumns(types),
    dialect,
  });
  return { sql, user, hasValue };
}

/**
 * The error naming the first bad row of an event relation, its column and value (read only on failure).
 *
 * @param at the row's place in words, from its `at` columns
 */
export async function badEventError(
  rows: (text: string) => Promise<Record<string, unknown>[]>,
  relation: string,
  options: EventRowsSqlOptions,
  at: (row: Record<string, unknown>) => string,
  label: string,
): Promise<InputError> {
  const bad = (await rows(firstBadEventSql(relation, options)))[0];
  const rule = bad ? eventRuleOf(bad, options.user) : null;
  if (!bad || !rule) return new InputError(`${label} has rows that are not valid events`);
  return new InputError(`\`${rule.column}\` ${rule.rule}; got ${show(bad[rule.cell] ?? '')} at ${at(bad)}`);
}

/**
 * The summary data's error for a geo left empty on some rows and named on others (read only on
 * failure): the first row of each kind.
 */
export async function mixedGeosFound(
  rows: (text: string) => Promise<Record<string, unknown>[]>,
  relation: string,
  options: Pick<EventRowsSqlOptions, 'dialect' | 'at'>,
  at: (row: Record<string, unknown>) => string,
  place: (row: Record<string, unknown>) => number | string,
): Promise<InputError> {
  const found = await rows(mixedGeosSql(relation, options));
  const empty = found.find((r) => r['kind'] === 'empty')!;
  const named = found.find((r) => r['kind'] === 'named')!;
  return mixedGeosError(String(empty['g']), at(empty), place(named), String(named['g']).trim());
}

/**
 * The findings of an aggregation that do not stop an import, in words: no conversion at all, users
 * with conversions but no touch, channels named only on conversions (as `mta` words them).
 */
export function aggregationWarnings(label: string, result: AggregationResult): string[] {
  const channels = new Map<string, { touches: number; conversions: number }>();
  for (const r of result.rows) {
    if (r.channel === NO_CHANNEL) continue;
    const c = channels.get(r.channel) ?? { touches: 0, conversions: 0 };
    c.touches += r.touches;
    c.conversions += r.conversions;
    channels.set(r.channel, c);
  }
  const counts = [...channels].sort(([a], [b]) => (a < b ? -1 : 1)).map(([channel, c]) => ({ channel, ...c }));
  const n = (k: string) =>
    k === 'only_users' ? result.onlyUsers : k === 'only_conversions' ? result.onlyConversions : 0;
  const conversions = result.rows.reduce((s, r) => s + r.conversions, 0);
  return [
    ...(conversions === 0 && result.events > 0
      ? [
          `${label}: no row has \`event\` conversion (${formatInteger(result.events)} touches); the touches are kept, but attribution needs conversions`,
        ]
      : []),
    ...eventWarnings(label, n, counts),
  ];
}
