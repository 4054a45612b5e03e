import { checkSparkJob, openSparkSession, type SparkInput, type SparkSessionOptions } from './spark-session';

/** A Spark SQL job on a session of its own: inputs as temp views, statements in order, outputs as Parquet. */
export interface SparkSqlJob extends SparkSessionOptions {
  /** View name → a Parquet file or folder (a path, or a URI Spark reads: `hdfs://…`, `s3a://…`) or a table. */
  inputs: Record<string, SparkInput>;
  /** Spark SQL statements, run in order (`CREATE OR REPLACE TEMP VIEW name AS …` makes an output view). */
  statements: string[];
  /**
   * View name → the folder on this machine its rows are written to as Parquet (on a cluster: one the
   * executors mount too), whole or not at all.
   */
  outputs: Record<string, string>;
  /** Read the outputs back into rows (default true); false for large results read elsewhere. */
  read?: boolean;
}

/** What a Spark job gave: each output's rows (BIGINT as number when exact), and the wall time. */
export interface SparkSqlResult {
  tables: Record<string, Record<string, unknown>[]>;
  seconds: number;
}

/**
 * Runs Spark SQL through a real Spark (PySpark, set up by scripts/setup-spark.sh on first use): starts
 * a session on `master` (default `local[2]`), registers the inputs as temp views, runs the statements,
 * writes each output view as Parquet to its folder and reads it back through DuckDB, then stops Spark.
 * For several jobs over the same relations, {@link openSparkSession} starts the JVM once.
 *
 * @throws InputError naming the input view and path, the statement (1-based) or the output view when
 *   Spark refuses them (a missing path, a SQL error, a runtime error such as a bad cast)
 * @throws StoreError when Spark cannot be set up or started, or dies, or an output cannot be moved into place
 * @example
 * const { tables } = await runSparkSql({
 *   inputs: { events: '/data/events.parquet' },
 *   statements: ['CREATE OR REPLACE TEMP VIEW n AS SELECT channel, count(*) AS n FROM events GROUP BY channel'],
 *   outputs: { n: '/tmp/n' },
 * });
 */
export async function runSparkSql(job: SparkSqlJob): Promise<SparkSqlResult> {
  const started = performance.now();
  const { inputs, statements, outputs, read, ...options } = job;
  checkSparkJob({ inputs, statements, outputs }, options.master ?? 'local[2]');
  const spark = await openSparkSession(options);
  let result;
  try {
    result = await spark.run({ inputs, statements, outputs, read });
  } finally {
    await spark.close().catch(() => {});
  }
  return { tables: result.tables, seconds: (performance.now() - started) / 1000 };
}
