import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, StoreError, show } from '../errors';
import { sqlString, withDuckDb } from './duckdb';
import { eachLine, sparkPython, SPARK_DIR, type SparkProgress } from './spark-setup';

/** A Spark SQL job: inputs as temp views, statements in order, output views written as Parquet. */
export interface SparkSqlJob {
  /**
   * Where Spark runs: `local[2]` (the default: this machine, 2 cores), `local[*]`, `yarn`,
   * `spark://host:7077`, `k8s://https://host:443`, or a Spark Connect server `sc://host:15002`.
   */
  master?: string;
  /** View name → a Parquet file or folder (a path, or a URI Spark reads: `hdfs://…`, `s3a://…`) or a table. */
  inputs: Record<string, string | { table: string }>;
  /** Spark SQL statements, run in order (`CREATE OR REPLACE TEMP VIEW name AS …` makes an output view). */
  statements: string[];
  /**
   * View name → the folder on this machine its rows are written to as Parquet (Spark's part files; on a
   * cluster the executors write them, so the folder must be on a file system they mount too). Each
   * folder appears whole or not at all: Spark writes beside it and it is moved into place at the end.
   */
  outputs: Record<string, string>;
  /** Read the outputs back into rows (default true); false for large results read elsewhere. */
  read?: boolean;
  /** Spark settings (`spark.driver.memory`, `spark.sql.shuffle.partitions`, …); they win over ours. */
  conf?: Record<string, string>;
  onProgress?: (p: SparkProgress) => void;
}

/** What a Spark job gave: each output's rows (BIGINT as number when exact), and the wall time. */
export interface SparkSqlResult {
  tables: Record<string, Record<string, unknown>[]>;
  seconds: number;
}

const VIEW = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Runs Spark SQL through a real Spark (PySpark, set up by scripts/setup-spark.sh on first use; see
 * lib/spark/run_sql.py): registers the inputs as temp views, runs the statements, writes each output
 * view as Parquet to its folder and reads it back through DuckDB. Local masters run on 127.0.0.1 with
 * Spark's UI off; Spark's log is passed on as `log` progress, errors only (lib/spark/conf).
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
  const master = job.master ?? 'local[2]';
  checkJob(job);
  const tell = job.onProgress ?? (() => {});
  const python = await sparkPython({ connect: master.startsWith('sc://'), onProgress: tell });
  const partial = new Map(
    Object.entries(job.outputs).map(([view, path]) => [
      view,
      join(dirname(resolve(path)), `.${basename(path)}.${Math.random().toString(36).slice(2)}.tmp`),
    ]),
  );
  try {
    for (const path of partial.values()) mkdirSync(dirname(path), { recursive: true });
    const inputs = Object.fromEntries(
      Object.entries(job.inputs).map(([view, source]) => [
        view,
        typeof source === 'string' ? { parquet: source } : source,
      ]),
    );
    // file:// so that a cluster's default file system (HDFS) is not taken for this machine's.
    const outputs = Object.fromEntries([...partial].map(([view, temp]) => [view, `file://${temp}`]));
    const runnerJob = { master, inputs, statements: job.statements, outputs, conf: job.conf ?? {} };
    await runRunner(python, runnerJob, job, tell);
    for (const [view, temp] of partial) replaceFolder(temp, job.outputs[view]!);
  } finally {
    for (const temp of partial.values()) rmSync(temp, { recursive: true, force: true });
  }
  const tables: SparkSqlResult['tables'] = {};
  if (job.read ?? true) {
    await withDuckDb(async (c) => {
      for (const [view, path] of Object.entries(job.outputs)) {
        const reader = await c.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(join(path, '*.parquet'))})`);
        tables[view] = reader.getRowObjectsJS().map(plainRow);
      }
    });
  }
  return { tables, seconds: (performance.now() - started) / 1000 };
}

function checkJob(job: SparkSqlJob): void {
  for (const view of [...Object.keys(job.inputs), ...Object.keys(job.outputs)]) {
    if (!VIEW.test(view)) throw new InputError(`Spark view name ${show(view)} must be letters, digits and _`);
  }
  job.statements.forEach((s, i) => {
    if (typeof s !== 'string' || !s.trim())
      throw new InputError(`Spark statement ${i + 1} must be SQL text; got ${show(s)}`);
  });
  for (const [view, path] of Object.entries(job.outputs)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      throw new InputError(
        `output \`${view}\` must be a folder on this machine (on a cluster: one the executors mount too); got ${show(path)}`,
      );
    }
  }
}

interface RunnerError {
  kind: 'input' | 'statement' | 'output' | 'job' | 'spark';
  message: string;
  view?: string;
  parquet?: string;
  table?: string;
  path?: string;
  statement?: number;
}

/** Spawns lib/spark/run_sql.py with the job on stdin; resolves when it exits 0, else throws its error. */
function runRunner(
  python: string,
  runnerJob: object,
  job: SparkSqlJob,
  tell: (p: SparkProgress) => void,
): Promise<void> {
  const local = (runnerJob as { master: string }).master.startsWith('local');
  const env = {
    ...process.env,
    SPARK_CONF_DIR: process.env.SPARK_CONF_DIR ?? join(SPARK_DIR, 'conf'),
    PYSPARK_PYTHON: process.env.PYSPARK_PYTHON ?? python,
    ...(local && !process.env.SPARK_LOCAL_IP ? { SPARK_LOCAL_IP: '127.0.0.1' } : {}),
  };
  return new Promise((done, fail) => {
    const child = spawn(python, [join(SPARK_DIR, 'run_sql.py')], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let error: RunnerError | undefined;
    const log: string[] = [];
    const flushOut = eachLine(child.stdout, (line) => {
      try {
        tell(JSON.parse(line) as SparkProgress);
      } catch {
        tell({ event: 'log', message: line });
      }
    });
    const flushErr = eachLine(child.stderr, (line) => {
      if (line.startsWith('{"mixmodelerError"')) {
        error = (JSON.parse(line) as { mixmodelerError: RunnerError }).mixmodelerError;
        return;
      }
      log.push(line);
      if (log.length > 20) log.shift();
      tell({ event: 'log', message: line });
    });
    child.on('error', (e) => fail(new StoreError(`cannot start Spark's Python (${python}): ${e.message}`)));
    child.on('close', (code, signal) => {
      flushOut();
      flushErr();
      if (code === 0) done();
      else
        fail(
          error
            ? runnerError(error, job)
            : new StoreError(
                `Spark stopped (${signal ?? `exit ${code}`}); its last lines: ${log.slice(-5).join(' | ')}`,
              ),
        );
    });
    child.stdin.end(JSON.stringify(runnerJob));
  });
}

/** The runner's error in the user's words: which input, statement or output, and Spark's message. */
function runnerError(e: RunnerError, job: SparkSqlJob): Error {
  switch (e.kind) {
    case 'input':
      return new InputError(
        `Spark cannot read input \`${e.view}\` (${e.table ? `table ${e.table}` : e.parquet}): ${e.message}`,
      );
    case 'statement':
      return new InputError(`Spark SQL statement ${e.statement} fails: ${e.message}`);
    case 'output':
      return new InputError(`Spark cannot compute output \`${e.view}\` (for ${job.outputs[e.view!]}): ${e.message}`);
    case 'job':
      return new InputError(`the Spark job is not valid: ${e.message}`);
    default:
      return new StoreError(e.message);
  }
}

/** Moves a finished folder over `target`: the old one (if any) aside first, then the new one in, then the old removed. */
function replaceFolder(temp: string, target: string): void {
  const old = `${temp}.old`;
  try {
    if (existsSync(target)) renameSync(target, old);
    renameSync(temp, target);
  } catch (e) {
    if (existsSync(old) && !existsSync(target)) renameSync(old, target);
    throw new StoreError(`cannot move Spark's output into ${target}: ${(e as Error).message}`);
  }
  rmSync(old, { recursive: true, force: true });
}

/** A DuckDB row with BIGINT/HUGEINT as numbers where they are exact, as strings where they are not. */
function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v;
  }
  return out;
}
