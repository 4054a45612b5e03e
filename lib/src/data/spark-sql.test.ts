import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, StoreError } from '../errors';
import { CONFOUNDED_JOURNEYS, generateJourneys } from '../synth/confounded-journeys';
import { sqlString, withDuckDb } from './duckdb';
import { sparkPython } from './spark-setup';
import { openSparkSession } from './spark-session';
import { runSparkSql } from './spark-sql';

// The Spark path (issue 23) on a real Spark in local mode: set up through scripts/setup-spark.sh on
// first use (Java if missing, PySpark into .venv-spark, ~1 minute once), then each Spark job starts a
// JVM (~10-20 s on 2 shared cores).
const SPARK_TIMEOUT = 240_000;

/**
 * Journeys from event rows, as one SQL text for both engines (only the ordered string aggregate is
 * spelled per dialect): per user, the touches in the 28 days up to the first conversion (all touches
 * for a user who never converts), sessions split at gaps over 30 minutes, reduced to distinct channel
 * patterns with their users, sessions and touches.
 */
function patternSql(dialect: 'duckdb' | 'spark'): string {
  const pattern =
    dialect === 'duckdb'
      ? "string_agg(channel, '>' ORDER BY timestamp, channel)"
      : "listagg(channel, '>') WITHIN GROUP (ORDER BY timestamp, channel)";
  return `CREATE OR REPLACE TEMP VIEW patterns AS
WITH firsts AS (
  SELECT user_id, MIN(timestamp) AS converted_at FROM events WHERE event = 'conversion' GROUP BY user_id
), touches AS (
  SELECT e.user_id, e.timestamp, e.channel, f.converted_at
  FROM events e LEFT JOIN firsts f ON f.user_id = e.user_id
  WHERE e.event = 'touch' AND (f.converted_at IS NULL
    OR (e.timestamp <= f.converted_at AND e.timestamp >= f.converted_at - INTERVAL '28' DAY))
), gaps AS (
  SELECT user_id, timestamp, channel, converted_at,
    LAG(timestamp) OVER (PARTITION BY user_id ORDER BY timestamp, channel) AS previous
  FROM touches
), journeys AS (
  SELECT user_id, ${pattern} AS pattern,
    SUM(CASE WHEN previous IS NULL OR timestamp > previous + INTERVAL '30' MINUTE THEN 1 ELSE 0 END) AS sessions,
    COUNT(*) AS touches, MAX(CASE WHEN converted_at IS NULL THEN 0 ELSE 1 END) AS converted
  FROM gaps GROUP BY user_id
)
SELECT pattern, converted, COUNT(*) AS users, SUM(sessions) AS sessions, SUM(touches) AS touches
FROM journeys GROUP BY pattern, converted`;
}

type Row = Record<string, unknown>;
interface Pattern {
  pattern: string;
  converted: number;
  users: number;
  sessions: number;
  touches: number;
}
const byPattern = (rows: Row[]): Pattern[] =>
  rows
    .map((r) => ({
      pattern: String(r.pattern),
      converted: Number(r.converted),
      users: Number(r.users),
      sessions: Number(r.sessions),
      touches: Number(r.touches),
    }))
    .sort((a, b) => `${a.pattern}|${a.converted}`.localeCompare(`${b.pattern}|${b.converted}`));

let dir: string;
let eventsFolder: string;
let users: number;

beforeAll(async () => {
  await sparkPython({ connect: false, onProgress: (p) => console.error(p.message) });
  dir = mkdtempSync(join(tmpdir(), 'mm-spark-'));
  const { events } = generateJourneys({ ...CONFOUNDED_JOURNEYS, users: 400, seed: 11 });
  // A few second touches within minutes of a first one, so that sessions are not just touches.
  const events2 = events.flatMap((e, i) =>
    e.event === 'touch' && i % 7 === 0
      ? [e, { ...e, timestamp: new Date(Date.parse(e.timestamp) + 600_000).toISOString(), channel: 'email' }]
      : [e],
  );
  users = new Set(events2.map((e) => e.user_id)).size;
  const csv = join(dir, 'events.csv');
  writeFileSync(
    csv,
    'user_id,timestamp,channel,event,value\n' +
      events2.map((e) => `${e.user_id},${e.timestamp},${e.channel},${e.event},${e.value ?? ''}`).join('\n'),
  );
  // A folder of two Parquet files, as exports come.
  eventsFolder = join(dir, 'events');
  mkdirSync(eventsFolder);
  await withDuckDb(async (c) => {
    const typed =
      `SELECT user_id, CAST(timestamp AS TIMESTAMP) AS timestamp, channel, event, CAST(value AS DOUBLE) AS value ` +
      `FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true)`;
    for (const [part, where] of [
      ['a', "user_id < 'u2'"],
      ['b', "user_id >= 'u2'"],
    ]) {
      await c.run(
        `COPY (${typed} WHERE ${where}) TO ${sqlString(join(eventsFolder, `part-${part}.parquet`))} (FORMAT PARQUET)`,
      );
    }
  });
}, 900_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('runSparkSql / openSparkSession', () => {
  it(
    'openSparkSession on local[2]: the sessionize + pattern-count SQL gives the patterns and counts DuckDB gives; a failing job after it is named and leaves the old output',
    async () => {
      const out = join(dir, 'patterns');
      const steps: string[] = [];
      const spark = await openSparkSession({ master: 'local[2]', onProgress: (p) => steps.push(p.event) });
      const { tables } = await spark.run({
        inputs: { events: eventsFolder },
        statements: [patternSql('spark')],
        outputs: { patterns: out },
      });
      const duck = await withDuckDb(async (c) => {
        await c.run(`CREATE VIEW events AS SELECT * FROM read_parquet(${sqlString(join(eventsFolder, '*.parquet'))})`);
        await c.run(patternSql('duckdb').replace('TEMP VIEW', 'VIEW'));
        return (await c.runAndReadAll('SELECT * FROM patterns')).getRowObjectsJS();
      });
      const fromSpark = byPattern(tables.patterns!);
      const fromDuck = byPattern(duck);
      expect(fromSpark).toEqual(fromDuck);
      // Not a trivial agreement: many patterns, every user with a touch in one, sessions fewer than touches.
      expect(fromSpark.length).toBeGreaterThan(30);
      const sum = (k: 'users' | 'sessions' | 'touches') => fromSpark.reduce((a, r) => a + r[k], 0);
      expect(sum('users')).toBeGreaterThan(users * 0.5);
      expect(sum('users')).toBeLessThanOrEqual(users);
      expect(sum('sessions')).toBeLessThan(sum('touches'));
      expect(fromSpark.some((r) => r.converted === 1)).toBe(true);
      expect(steps).toEqual(expect.arrayContaining(['session', 'input', 'statement', 'output', 'done']));
      expect(readdirSync(out).some((f) => f.endsWith('.parquet'))).toBe(true);

      // A second job on the same session (the view `events` is still there) fails in Spark's analysis.
      const kept = join(dir, 'kept');
      mkdirSync(kept);
      writeFileSync(join(kept, 'marker'), 'old');
      const failed = spark.run({
        statements: ['CREATE OR REPLACE TEMP VIEW kept AS SELECT nope FROM events'],
        outputs: { kept },
      });
      await expect(failed).rejects.toThrow(InputError);
      await expect(failed).rejects.toThrow(/statement 1 fails: \[UNRESOLVED_COLUMN/);
      await expect(spark.run({ collect: { n: 'SELECT 1 AS n' } })).rejects.toThrow(InputError);
      await spark.close();
      expect(readdirSync(kept)).toEqual(['marker']);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
    SPARK_TIMEOUT,
  );

  it('runSparkSql with a missing input on a local master names the view and path before starting Spark', async () => {
    const out = join(dir, 'untouched');
    mkdirSync(out);
    writeFileSync(join(out, 'marker'), 'old');
    const run = runSparkSql({
      inputs: { events: join(dir, 'no-such-events') },
      statements: ['CREATE OR REPLACE TEMP VIEW untouched AS SELECT * FROM events'],
      outputs: { untouched: out },
    });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(/Spark input `events`: ".*no-such-events" does not exist/);
    expect(readdirSync(out)).toEqual(['marker']);
  });

  it('runSparkSql refuses a bad view name or an output off this machine before starting Spark', async () => {
    const job = { inputs: { events: eventsFolder }, statements: ['SELECT 1'] };
    await expect(runSparkSql({ ...job, outputs: { 'my-view': join(dir, 'x') } })).rejects.toThrow(
      /view name "my-view" must be letters, digits and _/,
    );
    await expect(runSparkSql({ ...job, outputs: { x: 'hdfs:///out/x' } })).rejects.toThrow(
      /output `x` must be a folder on this machine/,
    );
    await expect(runSparkSql({ ...job, statements: [' '], outputs: {} })).rejects.toThrow(
      /Spark statement 1 must be SQL text/,
    );
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('sparkPython reports a failed setup as a StoreError', async () => {
    const saved = process.env.MIXMODELER_SPARK_VENV;
    // A venv path under a file cannot be created: the setup fails and says so.
    writeFileSync(join(dir, 'a-file'), '');
    process.env.MIXMODELER_SPARK_VENV = join(dir, 'a-file', 'venv');
    try {
      await expect(sparkPython({ connect: false })).rejects.toThrow(StoreError);
    } finally {
      if (saved === undefined) delete process.env.MIXMODELER_SPARK_VENV;
      else process.env.MIXMODELER_SPARK_VENV = saved;
    }
  }, 60_000);
});
