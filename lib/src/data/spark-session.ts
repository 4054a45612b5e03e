import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, StoreError, show } from '../errors';
import { sqlString, withDuckDb } from './duckdb';
import { eachLine, sparkPython, SPARK_DIR, type SparkProgress } from './spark-setup';

/** Where a Spark input comes from: a Parquet file or folder (path or URI), or a table of the catalog. */
export type SparkInput = string | { table: string } | { parquet: string; rowIndex?: boolean; fileSchemas?: boolean };

/** One job in a {@link SparkSession}: new inputs as temp views, statements in order, then results. */
export interface SparkJob {
  /**
   * View name → a Parquet file or folder (a path, or a URI Spark reads: `hdfs://…`, `s3a://…`) or
   * `{ table }`. With `{ parquet, rowIndex: true }` the view also has `_file` (the file's name) and `_row`
   * (the row's index in it, 0-based); with `fileSchemas: true` a view `<view>_schemas` lists each file's
   * own columns (`file, col_name, data_type`), read from the files' footers.
   */
  inputs?: Record<string, SparkInput>;
  /** Spark SQL statements, run in order (`CACHE TABLE t AS …` keeps a relation for later jobs). */
  statements?: string[];
  /** Name → a query whose (small) result comes back as rows, through the runner's stdout. */
  collect?: Record<string, string>;
  /**
   * View name → the folder on this machine its rows are written to as Parquet (Spark's part files; on a
   * cluster the executors write them, so the folder must be on a file system they mount too). Each
   * folder appears whole or not at all: Spark writes beside it and it is moved into place at the end.
   */
  outputs?: Record<string, string>;
  /** Read the outputs back into rows through DuckDB (default true); false for large results. */
  read?: boolean;
}

/** A job's results: each `collect` query's rows and each output read back (BIGINT as number when exact). */
export interface SparkJobResult {
  tables: Record<string, Record<string, unknown>[]>;
}

/** Options of {@link openSparkSession}. */
export interface SparkSessionOptions {
  /**
   * Where Spark runs: `local[2]` (the default: this machine, 2 cores), `local[*]`, `yarn`,
   * `spark://host:7077`, `k8s://https://host:443`, or a Spark Connect server `sc://host:15002`.
   */
  master?: string;
  /** Spark settings (`spark.driver.memory`, `spark.sql.shuffle.partitions`, …); they win over ours. */
  conf?: Record<string, string>;
  onProgress?: (p: SparkProgress) => void;
}

/** A running SparkSession (one Python runner and its JVM) that takes jobs in turn. */
export interface SparkSession {
  readonly master: string;
  /** Runs one job after the ones before it; a failed job ends the session. */
  run(job: SparkJob): Promise<SparkJobResult>;
  /** Stops Spark (at the end of the jobs given) and waits for it. */
  close(): Promise<void>;
}

const VIEW = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface RunnerError {
  kind: 'input' | 'statement' | 'collect' | 'output' | 'job' | 'spark';
  message: string;
  view?: string;
  name?: string;
  parquet?: string;
  table?: string;
  statement?: number;
}

/**
 * Starts Spark through lib/spark/run_sql.py (PySpark, set up by scripts/setup-spark.sh on first use):
 * a SparkSession on `master` whose temp views and cached tables last from one job to the next, so the
 * JVM starts once (~10-20 s on 2 busy cores). Local masters run on 127.0.0.1 with Spark's UI off;
 * Spark's log (errors only, lib/spark/conf) is passed on as `log` progress.
 *
 * @throws StoreError when Spark cannot be set up
 * @example
 * const spark = await openSparkSession({ master: 'local[2]' });
 * const { tables } = await spark.run({ inputs: { ev: 'ev.parquet' }, collect: { n: 'SELECT count(*) AS n FROM ev' } });
 * await spark.close();
 */
export async function openSparkSession(options: SparkSessionOptions = {}): Promise<SparkSession> {
  const master = options.master ?? 'local[2]';
  const tell = options.onProgress ?? (() => {});
  const python = await sparkPython({ connect: master.startsWith('sc://'), onProgress: tell });
  const local = master.startsWith('local');
  const env = {
    ...process.env,
    SPARK_CONF_DIR: process.env.SPARK_CONF_DIR ?? join(SPARK_DIR, 'conf'),
    PYSPARK_PYTHON: process.env.PYSPARK_PYTHON ?? python,
    ...(local && !process.env.SPARK_LOCAL_IP ? { SPARK_LOCAL_IP: '127.0.0.1' } : {}),
  };
  const child = spawn(python, [join(SPARK_DIR, 'run_sql.py')], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const runner = new Runner(child, tell, python);
  child.stdin.write(JSON.stringify({ master, conf: options.conf ?? {} }) + '\n');
  let queue: Promise<unknown> = Promise.resolve();
  return {
    master,
    run(job) {
      const next = queue.then(() => runJob(runner, job, master));
      queue = next.catch(() => {});
      return next;
    },
    async close() {
      await queue;
      await runner.end();
    },
  };
}

/** The runner process: its line protocol, one job at a time. */
class Runner {
  private error: RunnerError | undefined;
  private exit: Promise<{ code: number | null; signal: string | null }>;
  private readonly log: string[] = [];
  private waiting: { job: number; rows: Record<string, unknown[]>; done: () => void } | undefined;
  private jobs = 0;
  private closed = false;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    tell: (p: SparkProgress) => void,
    python: string,
  ) {
    const flushOut = eachLine(child.stdout, (line) => {
      let event: { event: string; rows?: unknown[]; name?: string; job?: number };
      try {
        event = JSON.parse(line) as typeof event;
      } catch {
        return tell({ event: 'log', message: line });
      }
      if (event.event === 'rows') {
        if (this.waiting) this.waiting.rows[event.name!] = event.rows!;
        return;
      }
      if (event.event === 'done' && event.job !== undefined && this.waiting?.job === event.job) this.waiting.done();
      tell(event as SparkProgress);
    });
    const flushErr = eachLine(child.stderr, (line) => {
      if (line.startsWith('{"mixmodelerError"')) {
        this.error = (JSON.parse(line) as { mixmodelerError: RunnerError }).mixmodelerError;
        return;
      }
      this.log.push(line);
      if (this.log.length > 20) this.log.shift();
      tell({ event: 'log', message: line });
    });
    // A write after the runner died fails with EPIPE; the exit says why, so the stream's error is dropped.
    child.stdin.on('error', () => {});
    this.exit = new Promise((done) => {
      const finish = (code: number | null, signal: string | null) => {
        if (this.closed) return;
        flushOut();
        flushErr();
        this.closed = true;
        done({ code, signal });
      };
      child.on('error', (e) => {
        this.error = { kind: 'spark', message: `cannot start Spark's Python (${python}): ${e.message}` };
        finish(null, null);
      });
      child.on('close', finish);
    });
  }

  /** Sends a job and resolves with its collected rows once the runner says it is done. */
  async send(job: object): Promise<Record<string, unknown[]>> {
    if (this.closed) throw this.failure();
    const number = ++this.jobs;
    const rows: Record<string, unknown[]> = {};
    const finished = new Promise<void>((done) => (this.waiting = { job: number, rows, done }));
    this.child.stdin.write(JSON.stringify(job) + '\n');
    await Promise.race([finished, this.exit]);
    this.waiting = undefined;
    if (this.closed) throw this.failure();
    return rows;
  }

  /** Ends stdin (Spark stops) and waits; a runner that failed without a job to tell throws here. */
  async end(): Promise<void> {
    this.child.stdin.end();
    const { code } = await this.exit;
    if (code !== 0 && this.error?.kind === 'spark') throw this.failure();
  }

  private failure(): Error {
    const e = this.error;
    if (!e) return new StoreError(`Spark stopped; its last lines: ${this.log.slice(-5).join(' | ')}`);
    switch (e.kind) {
      case 'input':
        return new InputError(
          `Spark cannot read input \`${e.view}\` (${e.table ? `table ${e.table}` : e.parquet}): ${e.message}`,
        );
      case 'statement':
        return new InputError(`Spark SQL statement ${e.statement} fails: ${e.message}`);
      case 'collect':
        return new InputError(`Spark query \`${e.name}\` fails: ${e.message}`);
      case 'output':
        return new InputError(`Spark cannot compute output \`${e.view}\`: ${e.message}`);
      case 'job':
        return new InputError(`the Spark job is not valid: ${e.message}`);
      default:
        return new StoreError(e.message);
    }
  }
}

async function runJob(runner: Runner, job: SparkJob, master: string): Promise<SparkJobResult> {
  checkSparkJob(job, master);
  const outputs = job.outputs ?? {};
  const partial = new Map(
    Object.entries(outputs).map(([view, path]) => [
      view,
      join(dirname(resolve(path)), `.${basename(path)}.${Math.random().toString(36).slice(2)}.tmp`),
    ]),
  );
  let collected: Record<string, unknown[]>;
  try {
    for (const path of partial.values()) mkdirSync(dirname(path), { recursive: true });
    const inputs = Object.fromEntries(
      Object.entries(job.inputs ?? {}).map(([view, source]) => [
        view,
        typeof source === 'string' ? { parquet: source } : source,
      ]),
    );
    // file:// so that a cluster's default file system (HDFS) is not taken for this machine's.
    const written = Object.fromEntries([...partial].map(([view, temp]) => [view, `file://${temp}`]));
    collected = await runner.send({
      inputs,
      statements: job.statements ?? [],
      collect: job.collect ?? {},
      outputs: written,
    });
    for (const [view, temp] of partial) replaceFolder(temp, outputs[view]!);
  } finally {
    for (const temp of partial.values()) rmSync(temp, { recursive: true, force: true });
  }
  const tables: SparkJobResult['tables'] = {};
  for (const [name, rows] of Object.entries(collected)) tables[name] = rows as Record<string, unknown>[];
  if ((job.read ?? true) && partial.size > 0) {
    await withDuckDb(async (c) => {
      for (const [view, path] of Object.entries(outputs)) {
        const reader = await c.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(join(path, '*.parquet'))})`);
        tables[view] = reader.getRowObjectsJS().map(plainRow);
      }
    });
  }
  return { tables };
}

/**
 * Checks a job before Spark sees it: view names are identifiers, statements are text, outputs are
 * folders on this machine, and on a local master the input paths exist.
 *
 * @throws InputError naming the view, statement or output
 */
export function checkSparkJob(job: SparkJob, master: string): void {
  // On this machine a missing input is named before the JVM starts (~10-20 s); a cluster's paths are its own.
  if (master.startsWith('local')) {
    for (const [view, source] of Object.entries(job.inputs ?? {})) {
      const path = typeof source === 'string' ? source : 'parquet' in source ? source.parquet : null;
      if (path !== null && !/^[a-z][a-z0-9+.-]*:/i.test(path) && !existsSync(path)) {
        throw new InputError(`Spark input \`${view}\`: ${show(path)} does not exist`);
      }
    }
  }
  for (const view of [...Object.keys(job.inputs ?? {}), ...Object.keys(job.outputs ?? {})]) {
    if (!VIEW.test(view)) throw new InputError(`Spark view name ${show(view)} must be letters, digits and _`);
  }
  (job.statements ?? []).forEach((s, i) => {
    if (typeof s !== 'string' || !s.trim())
      throw new InputError(`Spark statement ${i + 1} must be SQL text; got ${show(s)}`);
  });
  for (const [view, path] of Object.entries(job.outputs ?? {})) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      throw new InputError(
        `output \`${view}\` must be a folder on this machine (on a cluster: one the executors mount too); got ${show(path)}`,
      );
    }
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
