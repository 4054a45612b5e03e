import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { openSparkSession, type SparkSession } from '../data/spark-session';
import type { SparkProgress } from '../data/spark-setup';
import { InputError, show } from '../errors';
import { checkMethod } from '../mta/attribute';
import {
  eventsSql,
  periodScoresSql,
  sourceTimeSql,
  sqlLiteral,
  touchScoresSql,
  type ScoreScaling,
  type TouchCredit,
} from '../mta/journey-sql';
import type { RuleMethod } from '../mta/rules';
import type { EventFilesAttribution, EventFilesOptions } from './journeys-duckdb';
import { checkFileSchemas } from './event-file-relation';
import { attributeEventTable } from './journey-summary';

/** One input of {@link attributeEventFilesSpark}: a Parquet file or folder (path or URI), or a catalog table. */
export type SparkEventSource = { path: string; label?: string } | { table: string; label?: string };

/** Options of {@link attributeEventFilesSpark}: those of the DuckDB path, where Spark runs, and progress. */
export interface SparkEventFilesOptions extends Omit<EventFilesOptions, 'memoryLimit' | 'threads'> {
  /** `local[2]` (default), `yarn`, `spark://host:7077`, or a Spark Connect URL `sc://host:15002`. */
  master?: string;
  /** Spark settings; they win over ours. */
  conf?: Record<string, string>;
  onProgress?: (p: SparkProgress) => void;
}

/** What {@link attributeEventFilesSpark} found and computed: the DuckDB path's report, field for field. */
export type SparkEventFilesAttribution = EventFilesAttribution & {
  /** The lookback `auto` would choose on these events (the histogram's 95%). */
  autoLookbackDays: number;
};

type Row = Record<string, unknown>;

/**
 * {@link attributeEventFiles} on Spark (`--engine spark`): the same journey statements
 * (`journey-sql.ts`, Spark dialect) run in one SparkSession, `mm_events` and `mm_touches` cached
 * there; only the checks, the gap histogram, the patterns and the transition counts come back, and
 * the methods run on them here ({@link attributePatterns}), so the shares are the DuckDB path's. Rows
 * are numbered as there: over the inputs in order, a folder's files by name (Parquet's row index);
 * a table's rows in Spark's order. With `out` (a folder) Spark writes one score per touch as Parquet.
 *
 * @throws InputError naming the input: a missing column, a bad timestamp or event (with its file and
 *   row), no conversion, no conversion with a touch within the lookback; or Spark's refusal of a path
 * @throws StoreError when Spark cannot be set up, started, or finish
 * @example await attributeEventFilesSpark([{ path: 'events/' }], { method: 'markov', lookbackDays: 28 })
 */
export async function attributeEventFilesSpark(
  inputs: readonly SparkEventSource[],
  options: SparkEventFilesOptions,
): Promise<SparkEventFilesAttribution> {
  checkMethod(options.method);
  if (options.out && /\.csv$/i.test(options.out)) {
    throw new InputError(
      `--out ${show(options.out)}: Spark writes the scores as a folder of Parquet files; give a folder`,
    );
  }
  const halfLifeDays = options.halfLifeDays ?? 7;
  const labels = inputs.map((s) => s.label ?? ('table' in s ? s.table : basename(s.path)));
  const label = labels.join(', ');
  // On this machine a missing input is named before the JVM starts.
  if ((options.master ?? 'local[2]').startsWith('local')) {
    inputs.forEach((s, i) => {
      if ('path' in s && !/^[a-z][a-z0-9+.-]*:/i.test(s.path) && !existsSync(s.path))
        throw new InputError(`${labels[i]}: ${show(s.path)} does not exist`);
    });
  }
  const sql: string[] = [];
  const seconds: number[] = [];
  const spark = await openSparkSession({ master: options.master, conf: options.conf, onProgress: options.onProgress });
  const timed = async (texts: string[], work: () => Promise<Row[]>) => {
    const t0 = performance.now();
    const out = await work();
    sql.push(...texts);
    seconds.push(...texts.map(() => (performance.now() - t0) / 1000 / texts.length));
    return out;
  };
  const run = (text: string) => timed([text], async () => (await spark.run({ statements: [text] }), []));
  const rows = (text: string) =>
    timed([text], async () => (await spark.run({ collect: { r: text } })).tables['r'] as Row[]);
  try {
    const files = await registerSources(spark, inputs, labels);
    await run(`CREATE OR REPLACE TEMP VIEW mm_source AS ${files.sql}`);
    await run(`CACHE TABLE mm_events AS ${eventsSql('spark')}`);
    const { attribution, summary, lookback, autoLookbackDays, warnings, events } = await attributeEventTable(
      {
        rows,
        createTable: (name, select) => run(`CACHE TABLE ${name} AS ${select}`),
        firstBadRow: () => firstBadRow(rows, files.locate),
      },
      label,
      options.method,
      options.lookbackDays,
      halfLifeDays,
    );
    const days = lookback.lookbackDays;
    if (options.out) {
      const credit: TouchCredit = attribution.weights
        ? { weights: attribution.weights, lookbackDays: days }
        : { rule: attribution.method as RuleMethod, halfLifeDays };
      // (a rule's scores read mm_touches, which readSummary cached; data-driven ones read mm_events)
      let scaling: ScoreScaling | null = null;
      if (options.scale) {
        const sums = (await rows(periodScoresSql('spark', credit, options.scale.weekStart))).map((r) => ({
          period: String(r['period']),
          channel: String(r['channel']),
          score: Number(r['score']),
        }));
        scaling = { weekStart: options.scale.weekStart, factors: options.scale.factors(sums) };
      }
      const select = `CREATE OR REPLACE TEMP VIEW mm_scores AS ${touchScoresSql('spark', credit, scaling)}`;
      await timed(
        [select],
        async () => (await spark.run({ statements: [select], outputs: { mm_scores: options.out! }, read: false }), []),
      );
    }
    return { ...attribution, summary, lookback, autoLookbackDays, warnings, events, sql, seconds };
  } finally {
    await spark.close().catch(() => {});
  }
}

interface Registered {
  /** `mm_source`'s query: every input's events with the row numbers of the DuckDB path. */
  sql: string;
  /** The input file and 1-based row of a row number. */
  locate: (row: number) => string;
}

/**
 * Registers each input as a view `mm_in_<i>` (Parquet with its file names and row indexes), checks its
 * columns and builds `mm_source`: rows numbered over the inputs in order and a folder's files by name.
 */
async function registerSources(
  spark: SparkSession,
  inputs: readonly SparkEventSource[],
  labels: readonly string[],
): Promise<Registered> {
  const views = Object.fromEntries(
    inputs.map((s, i) => [
      `mm_in_${i}`,
      'table' in s ? { table: s.table } : { parquet: s.path, rowIndex: true, fileSchemas: true },
    ]),
  );
  const collect: Record<string, string> = {};
  inputs.forEach((s, i) => {
    collect[`schema_${i}`] = `DESCRIBE mm_in_${i}`;
    if (!('table' in s)) collect[`file_schemas_${i}`] = `SELECT * FROM mm_in_${i}_schemas`;
    collect[`files_${i}`] =
      'table' in s
        ? `SELECT '' AS f, COUNT(*) AS n FROM mm_in_${i}`
        : `SELECT _file AS f, COUNT(*) AS n FROM mm_in_${i} GROUP BY _file`;
  });
  const { tables } = await spark.run({ inputs: views, collect });
  const parts: string[] = [];
  const starts: { at: number; label: string }[] = [];
  let offset = 0;
  inputs.forEach((s, i) => {
    const columns = new Map(
      (tables[`schema_${i}`] as Row[])
        .filter((r) => !String(r['col_name']).startsWith('#'))
        .map((r) => [String(r['col_name']), String(r['data_type'])]),
    );
    if (!('table' in s)) checkFileSchemas(tables[`file_schemas_${i}`] as Row[], labels[i]!);
    for (const col of ['timestamp', 'channel', 'event'])
      if (!columns.has(col)) throw new InputError(`${labels[i]} does not fit the events schema: no \`${col}\` column`);
    if (!columns.has('user_id') && !columns.has('journey_id'))
      throw new InputError(`${labels[i]} does not fit the events schema: no \`user_id\` or \`journey_id\` column`);
    const user = columns.has('user_id') ? 'user_id' : 'journey_id';
    const type = columns.get('timestamp')!;
    const time = sourceTimeSql(
      'spark',
      '`timestamp`',
      type === 'timestamp' ? 'timestamptz' : type === 'timestamp_ntz' ? 'timestamp' : 'text',
    );
    // Files in the order the DuckDB path reads a folder: by name, as JavaScript sorts.
    const files = (tables[`files_${i}`] as Row[]).map((r) => ({ f: String(r['f']), n: Number(r['n']) }));
    files.sort((a, b) => (a.f < b.f ? -1 : a.f > b.f ? 1 : 0));
    const cases = files.map((file) => {
      starts.push({ at: offset, label: 'table' in s || files.length === 1 ? labels[i]! : `${labels[i]}/${file.f}` });
      const when = `WHEN ${sqlLiteral(file.f)} THEN ${offset}`;
      offset += file.n;
      return when;
    });
    const row =
      'table' in s
        ? `row_number() OVER (ORDER BY monotonically_increasing_id()) - 1 + ${starts[starts.length - 1]!.at}`
        : `_row + CASE _file ${cases.join(' ')} END`;
    parts.push(
      `SELECT \`${user}\` AS user_id, \`timestamp\` AS ts, ${time.t} AS t, ${time.zoned} AS zoned, channel, event, ` +
        `CAST(${row} AS BIGINT) AS row FROM mm_in_${i}`,
    );
  });
  const locate = (row: number) => {
    const start = [...starts].reverse().find((s) => s.at <= row) ?? starts[0]!;
    return `row ${row - start.at + 1} of ${start.label}`;
  };
  return { sql: parts.join('\nUNION ALL\n'), locate };
}

// Only on failure: the first bad row, named by its file, row and column.
async function firstBadRow(
  rows: (text: string) => Promise<Row[]>,
  locate: (row: number) => string,
): Promise<InputError> {
  const r = (
    await rows(`SELECT m.row, CAST(s.ts AS STRING) AS ts, CAST(s.event AS STRING) AS event,
  CAST(s.channel AS STRING) AS channel, m.t IS NULL AS bad_time, s.user_id IS NULL AS bad_user
FROM mm_events m JOIN mm_source s ON m.row = s.row WHERE m.bad = 1 ORDER BY m.row LIMIT 1`)
  )[0]!;
  const at = locate(Number(r['row']));
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
