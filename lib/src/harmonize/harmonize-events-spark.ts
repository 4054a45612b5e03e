import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { sqlString, withDuckDb } from '../data/duckdb';
import { checkSparkJob, openSparkSession, type SparkSession, type SparkSessionOptions } from '../data/spark-session';
import { InputError, show } from '../errors';
import { checkFileSchemas } from './event-file-relation';
import { readAggregation } from './events-sql';
import {
  aggregationSql,
  aggregationWarnings,
  badEventError,
  mixedGeosFound,
  type EventsFileAggregates,
  type EventsFileOptions,
} from './harmonize-events-file';

/** Where Spark reads the events: a Parquet file or folder (a path, or a URI: `hdfs://…`, `s3a://…`), or a table. */
export type SparkEventsSource = string | { table: string };

/** Options of {@link harmonizeEventsSpark}: the DuckDB path's grain and week start, and where Spark runs. */
export interface SparkEventsFileOptions extends Omit<EventsFileOptions, 'memoryLimit'>, SparkSessionOptions {
  /** The name errors and warnings use; default the file's, folder's or table's name. */
  label?: string;
  /** A session to run in (left open; `master` and `conf` are then its own), instead of one of its own. */
  session?: SparkSession;
}

type Row = Record<string, unknown>;

/**
 * {@link harmonizeEventsFile} on Spark (`data import --engine spark`): the same aggregation statement
 * ({@link eventsAggregationSql} in the Spark dialect, from the same rules) runs in one SparkSession over
 * a Parquet file, a folder of Parquet files (each file's own columns checked to agree) or a catalog
 * table, and its rows (per period, geo and channel) are written as Parquet to a temp folder and read
 * back; only on failure a second query names the first bad row (`row N of folder/part-….parquet`).
 *
 * @returns the aggregates (sorted by date, geo, channel), the event count, the SQL and the warnings
 * @throws InputError naming the input (and its file, row, column and value): not Parquet, missing, a
 *   folder whose files differ in columns or types, a missing column, a bad row, a geo left empty on some
 *   rows and named on others; or Spark's refusal of the path
 * @throws StoreError when Spark cannot be set up, started, or finish
 * @example const { rows } = await harmonizeEventsSpark('/data/events/', { grain: 'day', master: 'local[2]' })
 */
export async function harmonizeEventsSpark(
  source: SparkEventsSource,
  options: SparkEventsFileOptions = {},
): Promise<EventsFileAggregates> {
  const table = typeof source === 'string' ? null : source.table;
  const path = typeof source === 'string' ? source : null;
  const label = options.label ?? table ?? basename(path!);
  const master = options.session?.master ?? options.master ?? 'local[2]';
  const input = path === null ? { table: table! } : { parquet: path, rowIndex: true, fileSchemas: true };
  // On this machine a missing path or a file Spark would not read as Parquet is named before the JVM starts.
  checkSparkJob({ inputs: { mm_in: input } }, master);
  if (path !== null && !/^[a-z][a-z0-9+.-]*:/i.test(path) && master.startsWith('local')) {
    if (existsSync(path) && statSync(path).isFile() && extname(path).toLowerCase() !== '.parquet')
      throw new InputError(
        `${label}: Spark reads event data as Parquet (a .parquet file or a folder of them) or a table; ` +
          `got ${show(extname(path) || '(no extension)')}; import it with --engine duckdb, or write it as Parquet`,
      );
  }
  const spark =
    options.session ?? (await openSparkSession({ master, conf: options.conf, onProgress: options.onProgress }));
  const stage = mkdtempSync(join(tmpdir(), 'mixmodeler-spark-events-'));
  try {
    const { tables } = await spark.run({
      inputs: { mm_in: input },
      collect: { schema: 'DESCRIBE mm_in', ...(path === null ? {} : { file_schemas: 'SELECT * FROM mm_in_schemas' }) },
    });
    const types = new Map(
      (tables['schema'] as Row[])
        .filter((r) => !String(r['col_name']).startsWith('#'))
        .map((r) => [String(r['col_name']), String(r['data_type'])]),
    );
    if (path !== null) checkFileSchemas(tables['file_schemas'] as Row[], label);
    const { sql, user, hasValue } = aggregationSql('mm_in', types, label, options, 'spark');
    const out = join(stage, 'aggregates');
    await spark.run({
      statements: [`CREATE OR REPLACE TEMP VIEW mm_aggregates AS ${sql}`],
      outputs: { mm_aggregates: out },
      read: false,
    });
    const result = readAggregation(
      await withDuckDb(async (c) =>
        (await c.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(join(out, '*.parquet'))})`)).getRowObjectsJson(),
      ),
    );
    if (result.bad > 0 || result.mixedGeos) {
      const rows = async (text: string) => (await spark.run({ collect: { r: text } })).tables['r'] as Row[];
      // A file's rows by Parquet's row index, a folder's files by name; a table's rows in Spark's order.
      const numbered =
        path === null
          ? '(SELECT *, row_number() OVER (ORDER BY monotonically_increasing_id()) - 1 AS _row FROM mm_in)'
          : 'mm_in';
      const at = path === null ? ['_row'] : ['_file', '_row'];
      const file = (r: Row) =>
        path === null || String(r['_file']) === basename(path) ? label : `${label}/${String(r['_file'])}`;
      const place = (r: Row) => `row ${Number(r['_row']) + 1} of ${file(r)}`;
      if (result.bad > 0)
        throw await badEventError(rows, numbered, { dialect: 'spark', hasValue, user, at }, place, label);
      throw await mixedGeosFound(rows, numbered, { dialect: 'spark', at }, place, (r) => place(r));
    }
    return { rows: result.rows, events: result.events, sql, warnings: aggregationWarnings(label, result) };
  } finally {
    rmSync(stage, { recursive: true, force: true });
    if (!options.session) await spark.close().catch(() => {});
  }
}
