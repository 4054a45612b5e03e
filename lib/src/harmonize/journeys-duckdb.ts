import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../data/duckdb';
import { InputError, StoreError, show } from '../errors';
import { checkMethod, type MtaMethod, type PatternAttribution } from '../mta/attribute';
import type { JourneyPatterns } from '../mta/journey-patterns';
import {
  eventsSql,
  periodScoresSql,
  sourceTimeSql,
  touchScoresSql,
  type ScoreScaling,
  type TouchCredit,
} from '../mta/journey-sql';
import type { LookbackReport } from '../mta/journeys';
import type { RuleMethod } from '../mta/rules';
import { checkSameSchema, duckDbMemoryError, duckDbReadError, eventFileRelation } from './event-file-relation';
import { attributeEventTable, type Rows } from './journey-summary';

/** One input of {@link attributeEventFiles}: an event file (CSV, NDJSON, Parquet) or a folder of Parquet files. */
export interface EventFileSource {
  path: string;
  /** The name errors and warnings use; default the file's or folder's base name. */
  label?: string;
}

/** Options of {@link attributeEventFiles}. */
export interface EventFilesOptions {
  method: MtaMethod;
  /** Days of touches before a conversion, or `auto` (95% of the gaps, as in memory). */
  lookbackDays: number | 'auto';
  /** Default 7, as `attribute`. */
  halfLifeDays?: number;
  /** DuckDB's memory limit (it spills to a temp folder beyond); default `1GB`. */
  memoryLimit?: string;
  /** DuckDB's threads; default 2. */
  threads?: number;
  /** Where to write one score per touch: `.parquet` (a file), `.csv`, or a folder of Parquet files. */
  out?: string;
  /**
   * With `out`: turns the score per week and channel into scaling factors (MMM → MTA); `weekStart`
   * Sunday = 0.
   */
  scale?: {
    weekStart: number;
    factors: (sums: { period: string; channel: string; score: number }[]) => ScoreScaling['factors'];
  };
}

/** What {@link attributeEventFiles} found and computed. */
export interface EventFilesAttribution extends PatternAttribution {
  summary: JourneyPatterns;
  lookback: Omit<LookbackReport, 'gaps'>;
  /** The days `auto` would choose (for the lookback's warning). */
  autoLookbackDays: number;
  /** Bad-input findings that did not stop the run, in words. */
  warnings: string[];
  events: number;
  /** The SQL statements that ran, in order, and the seconds each took. */
  sql: string[];
  seconds: number[];
}

interface Source {
  label: string;
  /** Per file: its relation, row expression base and row count. */
  files: { path: string; label: string; relation: string; parquet: boolean; rows: number; offset: number }[];
}

/**
 * Attributes conversions in event files out of core: DuckDB builds the journeys in SQL
 * (`journey-sql.ts`: per user by time, a conversion closes the touches within the lookback), reduces
 * them to the distinct patterns with weights and the transition counts, and only those come into
 * memory, where the methods run on them ({@link attributePatterns}: the same numbers as the in-memory
 * path). With `out`, the touch scores are written by DuckDB (never through the JS heap), whole or not
 * at all. Files are read in the order given, rows numbered over them as in memory (0-based).
 *
 * @throws InputError naming the file (and row, column or value): a missing column, a Parquet folder
 *   whose files differ in columns, a bad timestamp or event, no conversion, no conversion with a touch
 *   within the lookback
 * @throws StoreError when `out` cannot be written
 * @throws MixModelerError `E_RESOURCE` when DuckDB runs out of memory at `memoryLimit`
 * @example await attributeEventFiles([{ path: 'events.parquet' }], { method: 'markov', lookbackDays: 28 })
 */
export async function attributeEventFiles(
  inputs: readonly EventFileSource[],
  options: EventFilesOptions,
): Promise<EventFilesAttribution> {
  checkMethod(options.method);
  const halfLifeDays = options.halfLifeDays ?? 7;
  const temp = mkdtempSync(join(tmpdir(), 'mixmodeler-journeys-'));
  const sql: string[] = [];
  const seconds: number[] = [];
  const { DuckDBInstance } = await import('@duckdb/node-api');
  // In memory with a temp folder: beyond memory_limit the journey tables spill there instead of growing
  // (a database file was 2-3x slower: every table went through its write-ahead log).
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: options.memoryLimit ?? '1GB',
    temp_directory: join(temp, 'spill'),
    threads: String(options.threads ?? 2),
  });
  const c = await instance.connect();
  try {
    const timed = async <T>(text: string, work: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const out = await work().catch((e: unknown) => {
        throw duckDbMemoryError(e) ?? e;
      });
      sql.push(text);
      seconds.push((performance.now() - t0) / 1000);
      return out;
    };
    const run = (text: string) => timed(text, async () => void (await c.run(text)));
    const rows = (text: string) => timed(text, async () => (await c.runAndReadAll(text)).getRowObjectsJson());
    await run(`SET TimeZone = 'UTC'`);
    const sources = await describeSources(c, inputs);
    const files = sources.flatMap((s) => s.files);
    const allParquet = files.every((f) => f.parquet);
    // Rows are numbered by file_row_number for Parquet; a CSV needs the scan's order kept.
    if (allParquet) await run('SET preserve_insertion_order = false');
    await run(`CREATE VIEW mm_source AS ${sourceSql(files)}`);
    const label = sources.map((s) => s.label).join(', ');
    try {
      // Parquet's channel column is cheap to read alone: its values become an ENUM, so the sort and the
      // table (spilled at 100M rows) hold one byte for a channel, not sixteen (10M rows at a 200MB
      // memory limit: 25.5 -> 20.5 CPU-s, 1.1 -> 0.9 GB spilled). Sorted, as an ENUM orders by its values.
      if (allParquet) {
        await run(
          `CREATE TYPE mm_channel AS ENUM (SELECT DISTINCT trim(CAST(channel AS VARCHAR)) FROM mm_source WHERE channel IS NOT NULL ORDER BY 1)`,
        );
      }
      await run(`CREATE TABLE mm_events AS ${eventsSql('duckdb', allParquet ? 'mm_channel' : undefined)}`);
    } catch (e) {
      throw duckDbReadError(e, label);
    }
    const { attribution, summary, lookback, autoLookbackDays, warnings, events } = await attributeEventTable(
      {
        rows,
        createTable: (name, select) => run(`CREATE TABLE ${name} AS ${select}`),
        firstBadRow: () => firstBadRow(c, files),
      },
      label,
      options.method,
      options.lookbackDays,
      halfLifeDays,
    );
    const days = lookback.lookbackDays;
    if (options.out) await writeScores(run, rows, attribution, options, halfLifeDays, days);
    return { ...attribution, summary, lookback, autoLookbackDays, warnings, events, sql, seconds };
  } finally {
    c.closeSync();
    instance.closeSync();
    rmSync(temp, { recursive: true, force: true });
  }
}

async function writeScores(
  run: (text: string) => Promise<void>,
  rows: Rows,
  attribution: PatternAttribution,
  options: EventFilesOptions,
  halfLifeDays: number,
  days: number,
): Promise<void> {
  const out = options.out!;
  const credit: TouchCredit = attribution.weights
    ? { weights: attribution.weights, lookbackDays: days }
    : { rule: attribution.method as RuleMethod, halfLifeDays };
  let scaling: ScoreScaling | null = null;
  if (options.scale) {
    const sums = (await rows(periodScoresSql('duckdb', credit, options.scale.weekStart))).map((r) => ({
      period: String(r['period']),
      channel: String(r['channel']),
      score: Number(r['score']),
    }));
    scaling = { weekStart: options.scale.weekStart, factors: options.scale.factors(sums) };
  }
  const select = touchScoresSql('duckdb', credit, scaling);
  const csv = /\.csv$/i.test(out);
  const folder = !csv && !/\.parquet$/i.test(out);
  // Written beside the target under a temp name, then renamed over it: whole or not at all.
  const partial = join(dirname(out), `.${basename(out)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    if (folder && existsSync(out) && !statSync(out).isDirectory())
      throw new Error(`${out} is a file; give a folder, or a name ending in .parquet or .csv`);
    const format = csv ? 'FORMAT CSV, HEADER true' : 'FORMAT PARQUET';
    // (the channel as text, not the ENUM of mm_events)
    const text = `SELECT * REPLACE (CAST(channel AS VARCHAR) AS channel) FROM (${select}) scores`;
    await run(`COPY (${text}) TO ${sqlString(partial)} (${format}${folder ? ', PER_THREAD_OUTPUT true' : ''})`);
    if (folder && existsSync(out)) {
      // A folder cannot be renamed over another: the old one goes aside first, then away.
      const aside = `${partial}.old`;
      renameSync(out, aside);
      renameSync(partial, out);
      rmSync(aside, { recursive: true, force: true });
    } else renameSync(partial, out);
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw new StoreError(`cannot write ${out}: ${(e as Error).message.split('\n')[0]}`);
  }
}

// Each input as files with their relations, columns checked; a folder's Parquet files must agree.
async function describeSources(c: DuckDBConnection, inputs: readonly EventFileSource[]): Promise<Source[]> {
  const out: Source[] = [];
  let offset = 0;
  for (const input of inputs) {
    const label = input.label ?? basename(input.path);
    const isFolder = existsSync(input.path) && statSync(input.path).isDirectory();
    const paths = isFolder
      ? readdirSync(input.path)
          .filter((f) => /\.parquet$/i.test(f) && !f.startsWith('.'))
          .sort()
          .map((f) => join(input.path, f))
      : [input.path];
    if (paths.length === 0) throw new InputError(`${label} holds no .parquet files`);
    let first: { label: string; columns: Map<string, string> } | null = null;
    const files: Source['files'] = [];
    for (const path of paths) {
      const fileLabel = isFolder ? `${label}/${basename(path)}` : label;
      const relation = isFolder ? `read_parquet(${sqlString(path)})` : eventFileRelation(path);
      const parquet = relation.startsWith('read_parquet');
      let columns: Map<string, string>;
      try {
        const described = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`)).getRowObjectsJson();
        columns = new Map(described.map((r) => [String(r['column_name']), String(r['column_type'])]));
      } catch (e) {
        throw duckDbReadError(e, fileLabel);
      }
      for (const col of ['timestamp', 'channel', 'event'])
        if (!columns.has(col))
          throw new InputError(`${fileLabel} does not fit the events schema: no \`${col}\` column`);
      if (!columns.has('user_id') && !columns.has('journey_id'))
        throw new InputError(`${fileLabel} does not fit the events schema: no \`user_id\` or \`journey_id\` column`);
      if (first) checkSameSchema(first, { label: fileLabel, columns });
      else first = { label: fileLabel, columns };
      const rows = parquet
        ? Number(
            (
              await c.runAndReadAll(`SELECT SUM(num_rows) AS n FROM parquet_file_metadata(${sqlString(path)})`)
            ).getRowObjectsJson()[0]!['n'],
          )
        : Number((await c.runAndReadAll(`SELECT COUNT(*) AS n FROM ${relation}`)).getRowObjectsJson()[0]!['n']);
      const user = columns.has('user_id') ? 'user_id' : 'journey_id';
      const type = columns.get('timestamp')!;
      const time = sourceTimeSql(
        'duckdb',
        '"timestamp"',
        type === 'TIMESTAMP WITH TIME ZONE' ? 'timestamptz' : /^TIMESTAMP/.test(type) ? 'timestamp' : 'text',
      );
      files.push({
        path,
        label: fileLabel,
        relation: `SELECT "${user}" AS user_id, "timestamp" AS ts, ${time.t} AS t, ${time.zoned} AS zoned, channel, event, ${
          parquet ? 'file_row_number' : '(row_number() OVER () - 1)'
        } + ${offset} AS row FROM ${parquet ? `read_parquet(${sqlString(path)}, file_row_number = true)` : relation}`,
        parquet,
        rows,
        offset,
      });
      offset += rows;
    }
    out.push({ label, files });
  }
  return out;
}

function sourceSql(files: Source['files']): string {
  return files.map((f) => `SELECT * FROM (${f.relation}) s${f.offset}`).join('\nUNION ALL\n');
}

// Only on failure: the first bad row, named by its file, row and column.
async function firstBadRow(c: DuckDBConnection, files: Source['files']): Promise<InputError> {
  const r = (
    await c.runAndReadAll(`SELECT m.row, CAST(s.ts AS VARCHAR) AS ts, CAST(s.event AS VARCHAR) AS event,
  CAST(s.channel AS VARCHAR) AS channel, m.t IS NULL AS bad_time, CAST(s.user_id AS VARCHAR) IS NULL AS bad_user
FROM mm_events m JOIN mm_source s ON m.row = s.row WHERE m.bad = 1 ORDER BY m.row LIMIT 1`)
  ).getRowObjectsJson()[0];
  if (!r) return new InputError(`${files.map((f) => f.label).join(', ')} has rows that are not valid events`);
  const row = Number(r['row']);
  const file = [...files].reverse().find((f) => f.offset <= row) ?? files[0]!;
  // A CSV's header is row 1, so its first record is row 2.
  const at = `row ${row - file.offset + (file.parquet ? 1 : 2)} of ${file.label}`;
  const event = String(r['event'] ?? '')
    .trim()
    .toLowerCase();
  if (r['bad_user'] === true) return new InputError(`\`user_id\` must not be empty; got none at ${at}`);
  if (r['bad_time'] === true)
    return new InputError(
      `\`timestamp\` must be an ISO timestamp such as 2024-01-31T10:00:00Z; got ${show(r['ts'] ?? '')} at ${at}`,
    );
  if (event !== 'touch' && event !== 'conversion')
    return new InputError(`\`event\` must be touch or conversion; got ${show(r['event'] ?? '')} at ${at}`);
  return new InputError(
    `\`channel\` must name a channel on a touch (only a conversion may have none); got ${show(r['channel'] ?? '')} at ${at}`,
  );
}
