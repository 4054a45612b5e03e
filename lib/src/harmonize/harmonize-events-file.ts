import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { withDuckDb } from '../data/duckdb';
import { GEO, mixedGeosError } from '../data/geo-column';
import { InputError, show } from '../errors';
import { duckDbReadError, eventFileRelation } from './event-file-relation';
import { eventsAggregationSql } from './events-sql';
import type { Grain, Weekday } from '../math/calendar';

/** Options of {@link harmonizeEventsFile}. */
export interface EventsFileOptions {
  /** `day` (default, so harmonize can re-aggregate) or `week`. */
  grain?: Grain;
  /** Default `monday`. */
  weekStart?: Weekday;
  /** DuckDB's memory limit; default `2GB` (it spills to a temp folder beyond). */
  memoryLimit?: string;
}

/**
 * Per-period (per-geo) per-channel event aggregates: `date` is the period start, `value` sums conversion
 * values; `geo` only when the events have a `geo` column.
 */
export interface EventAggregate {
  date: string;
  geo?: string;
  channel: string;
  touches: number;
  conversions: number;
  value: number;
}

/**
 * Aggregates an event file larger than memory out of core with DuckDB: CSV/TSV (read as text), Parquet
 * or NDJSON with `timestamp` (ISO), `channel`, `event` (touch|conversion), optional `value`, and a
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
): Promise<{ rows: EventAggregate[]; events: number; sql: string }> {
  const file = basename(path);
  const relation = eventFileRelation(path);
  const temp = mkdtempSync(join(tmpdir(), 'mixmodeler-duckdb-'));
  try {
    return await withDuckDb(
      async (c) => {
        // A typed time (Parquet's TIMESTAMPTZ) is written out in UTC, as the journeys read it, whatever
        // this machine's zone.
        await c.run(`SET TimeZone = 'UTC'`);
        let types: Map<string, string>;
        try {
          const described = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`)).getRowObjectsJson();
          types = new Map(described.map((r) => [String(r['column_name']), String(r['column_type'])]));
        } catch (e) {
          throw duckDbReadError(e, file);
        }
        const columns = [...types.keys()];
        for (const col of ['timestamp', 'channel', 'event'])
          if (!columns.includes(col))
            throw new InputError(`${file} does not fit the events schema: no \`${col}\` column`);
        if (!columns.includes('user_id') && !columns.includes('journey_id'))
          throw new InputError(`${file} does not fit the events schema: no \`user_id\` or \`journey_id\` column`);
        const hasGeo = columns.includes(GEO);
        const sql = eventsAggregationSql(relation, {
          grain: options.grain ?? 'day',
          weekStart: options.weekStart ?? 'monday',
          hasValue: columns.includes('value'),
          hasGeo,
          typed: {
            timestamp: /^TIMESTAMP/.test(types.get('timestamp') ?? ''),
            value: NUMERIC.test(types.get('value') ?? ''),
          },
        });
        let rows: Record<string, unknown>[];
        try {
          rows = (await c.runAndReadAll(sql)).getRowObjectsJson();
        } catch (e) {
          throw duckDbReadError(e, file);
        }
        if (rows.some((r) => Number(r['bad']) > 0))
          throw await firstBadRow(c, relation, file, columns.includes('value'));
        // A `geo` column empty on every row is national data; empty beside named is refused.
        const named = hasGeo && rows.some((r) => r['geo'] !== '');
        if (named && rows.some((r) => r['geo'] === '')) throw await mixedGeos(c, relation, file);
        const out = rows.map((r) => ({
          date: String(r['date']),
          ...(named ? { geo: String(r['geo']) } : {}),
          channel: String(r['channel']),
          touches: Number(r['touches']),
          conversions: Number(r['conversions']),
          value: Number(r['value']),
        }));
        return { rows: out, events: out.reduce((s, r) => s + r.touches + r.conversions, 0), sql };
      },
      { memory_limit: options.memoryLimit ?? '2GB', temp_directory: temp },
    );
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

// DuckDB's numeric column types (a Parquet `value` read as a number, not through text).
const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL|U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)\b/;

type Connection = Parameters<Parameters<typeof withDuckDb>[0]>[0];

// The checks of the aggregation's `bad` count, in the order a row's cells are named, on the cells as text.
const CHECKS: [column: string, cell: string, condition: string, rule: string][] = [
  [
    'timestamp',
    'ts',
    'TRY_CAST(substr(ts, 1, 10) AS DATE) IS NULL',
    'must be an ISO timestamp such as 2024-01-31T10:00:00',
  ],
  ['event', 'ev', "coalesce(lower(trim(ev)), '') NOT IN ('touch', 'conversion')", 'must be touch or conversion'],
  [
    'channel',
    'ch',
    "lower(trim(ev)) = 'touch' AND coalesce(trim(ch), '') IN ('', '(none)')",
    'must name a channel on a touch (only a conversion may have none)',
  ],
  ['value', 'val', "TRY_CAST(val AS DOUBLE) IS NULL AND trim(coalesce(val, '')) <> ''", 'must be a number'],
  ['value', 'val', 'NOT isfinite(TRY_CAST(val AS DOUBLE))', 'must be a finite number'],
];

// Only on failure: the first row with an empty geo and the first naming one.
async function mixedGeos(c: Connection, relation: string, file: string): Promise<InputError> {
  const r = (
    await c.runAndReadAll(`SELECT
  min(CASE WHEN coalesce(trim(g), '') = '' THEN row END) AS empty,
  arg_min(coalesce(g, ''), CASE WHEN coalesce(trim(g), '') = '' THEN row END) AS cell,
  arg_min(g, CASE WHEN coalesce(trim(g), '') <> '' THEN row END) AS geo,
  min(CASE WHEN coalesce(trim(g), '') <> '' THEN row END) AS named
FROM (SELECT row_number() OVER () AS row, CAST(geo AS VARCHAR) AS g FROM ${relation})`)
  ).getRowObjectsJson()[0]!;
  const [empty, named] = [Number(r['empty']) + offset(relation), Number(r['named']) + offset(relation)];
  return mixedGeosError(String(r['cell']), `row ${empty} of ${file}`, named, String(r['geo']).trim());
}

// A CSV's header is row 1, so its first record is row 2.
const offset = (relation: string) => (relation.startsWith('read_csv') ? 1 : 0);

// Only on failure: a second pass finds the first bad row and names its column and value.
async function firstBadRow(c: Connection, relation: string, file: string, hasValue: boolean): Promise<InputError> {
  const val = hasValue ? 'CAST("value" AS VARCHAR)' : 'CAST(NULL AS VARCHAR)';
  const flags = CHECKS.map(([, , cond], k) => `coalesce(${cond}, false) AS bad_${k}`).join(', ');
  const sql = `SELECT row, ts, ch, ev, val, ${flags}
FROM (SELECT row_number() OVER () AS row, CAST("timestamp" AS VARCHAR) AS ts, CAST(channel AS VARCHAR) AS ch,
  CAST(event AS VARCHAR) AS ev, ${val} AS val FROM ${relation})
WHERE ${CHECKS.map(([, , cond]) => `coalesce(${cond}, false)`).join(' OR ')}
ORDER BY row LIMIT 1`;
  const bad = (await c.runAndReadAll(sql)).getRowObjectsJson()[0];
  const hit = CHECKS.findIndex((_, k) => bad?.[`bad_${k}`] === true);
  if (!bad || hit < 0) return new InputError(`${file} has rows that are not valid events`);
  const [col, cell, , rule] = CHECKS[hit]!;
  const row = Number(bad['row']) + offset(relation);
  return new InputError(`\`${col}\` ${rule}; got ${show(bad[cell] ?? '')} at row ${row} of ${file}`);
}
