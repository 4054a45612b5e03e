import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { sqlString, withDuckDb } from '../data/duckdb';
import { InputError } from '../errors';
import { eventsAggregationSql } from './events-sql';
import type { Grain, Weekday } from './grain';

/** Options of {@link harmonizeEventsFile}. */
export interface EventsFileOptions {
  /** `day` (default, so harmonize can re-aggregate) or `week`. */
  grain?: Grain;
  /** Default `monday`. */
  weekStart?: Weekday;
  /** DuckDB's memory limit; default `2GB` (it spills to a temp folder beyond). */
  memoryLimit?: string;
}

/** Per-period, per-channel event aggregates: `date` is the period start, `value` sums conversion values. */
export interface EventAggregate {
  date: string;
  channel: string;
  touches: number;
  conversions: number;
  value: number;
}

/**
 * Aggregates an event file larger than memory out of core with DuckDB: CSV/TSV (read as text), Parquet
 * or NDJSON with `timestamp` (ISO), `channel`, `event` (touch|conversion), optional `value`, and a
 * `user_id` or `journey_id`. Import the result with `importDataset(rows, { kind: 'events', aggregated: true })`.
 *
 * @returns the aggregates (sorted by date, channel), the event count and the SQL that ran
 * @throws InputError naming the file, row, column and value of the first bad row, or a missing column
 * @example const { rows } = await harmonizeEventsFile('/data/events.csv', { grain: 'week' })
 */
export async function harmonizeEventsFile(
  path: string,
  options: EventsFileOptions = {},
): Promise<{ rows: EventAggregate[]; events: number; sql: string }> {
  const file = basename(path);
  const relation = relationOf(path);
  const temp = mkdtempSync(join(tmpdir(), 'mixmodeler-duckdb-'));
  try {
    return await withDuckDb(
      async (c) => {
        let columns: string[];
        try {
          columns = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`))
            .getRowObjectsJson()
            .map((r) => String(r['column_name']));
        } catch (e) {
          throw new InputError(`${file} cannot be read as event data: ${(e as Error).message.split('\n')[0]}`);
        }
        for (const col of ['timestamp', 'channel', 'event'])
          if (!columns.includes(col))
            throw new InputError(`${file} does not fit the events schema: no \`${col}\` column`);
        if (!columns.includes('user_id') && !columns.includes('journey_id'))
          throw new InputError(`${file} does not fit the events schema: no \`user_id\` or \`journey_id\` column`);
        const sql = eventsAggregationSql(relation, {
          grain: options.grain ?? 'day',
          weekStart: options.weekStart ?? 'monday',
          hasValue: columns.includes('value'),
        });
        const rows = (await c.runAndReadAll(sql)).getRowObjectsJson();
        if (rows.some((r) => Number(r['bad']) > 0))
          throw await firstBadRow(c, relation, file, columns.includes('value'));
        const out = rows.map((r) => ({
          date: String(r['date']),
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

function relationOf(path: string): string {
  const ext = extname(path).toLowerCase();
  const p = sqlString(path);
  if (ext === '.parquet') return `read_parquet(${p})`;
  if (ext === '.ndjson' || ext === '.jsonl') return `read_json_auto(${p}, format = 'newline_delimited')`;
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return `read_csv(${p}, header = true, all_varchar = true)`;
  throw new InputError(
    `${basename(path)}: unknown event file type \`${ext || '(none)'}\`; expected .csv, .tsv, .parquet, .ndjson or .jsonl`,
  );
}

type Connection = Parameters<Parameters<typeof withDuckDb>[0]>[0];

// The checks of the aggregation's `bad` count, one per column, on the row's cells read as text.
const CHECKS: [column: string, condition: string, rule: string][] = [
  ['timestamp', 'TRY_CAST(substr(ts, 1, 10) AS DATE) IS NULL', 'must be an ISO timestamp such as 2024-01-31T10:00:00'],
  ['channel', "coalesce(trim(ch), '') = ''", 'must not be empty'],
  ['event', "coalesce(lower(trim(ev)), '') NOT IN ('touch', 'conversion')", 'must be touch or conversion'],
  ['value', "TRY_CAST(val AS DOUBLE) IS NULL AND trim(coalesce(val, '')) <> ''", 'must be a number'],
];

// Only on failure: a second pass finds the first bad row and names its column and value.
async function firstBadRow(c: Connection, relation: string, file: string, hasValue: boolean): Promise<InputError> {
  const val = hasValue ? 'CAST("value" AS VARCHAR)' : 'CAST(NULL AS VARCHAR)';
  const sql = `SELECT row, ts, ch, ev, val, ${CHECKS.map(([col, cond]) => `(${cond}) AS bad_${col}`).join(', ')}
FROM (SELECT row_number() OVER () AS row, CAST("timestamp" AS VARCHAR) AS ts, CAST(channel AS VARCHAR) AS ch,
  CAST(event AS VARCHAR) AS ev, ${val} AS val FROM ${relation})
WHERE ${CHECKS.map(([, cond]) => `(${cond})`).join(' OR ')}
ORDER BY row LIMIT 1`;
  const bad = (await c.runAndReadAll(sql)).getRowObjectsJson()[0];
  const hit = CHECKS.findIndex(([col]) => bad?.[`bad_${col}`] === true);
  if (!bad || hit < 0) return new InputError(`${file} has rows that are not valid events`);
  const [col, , rule] = CHECKS[hit]!;
  const cell = bad[['ts', 'ch', 'ev', 'val'][hit]!] ?? '';
  // A CSV's header is row 1, so its first record is row 2.
  const row = Number(bad['row']) + (relation.startsWith('read_csv') ? 1 : 0);
  return new InputError(`\`${col}\` ${rule}; got ${JSON.stringify(cell)} at row ${row} of ${file}`);
}
