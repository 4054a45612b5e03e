import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/sample-workspace';
import { sqlString, withDuckDb } from '../data/duckdb';
import { sparkPython } from '../data/spark-setup';
import { seededRandom } from '../math/random';
import type { EventRow } from '../mta/journeys';
import { CONFOUNDED_JOURNEYS, generateJourneys } from '../synth/confounded-journeys';
import { runCaptured } from './run';

// `mta --engine spark` on a workspace whose events `data import --engine duckdb` keeps as Parquet,
// against `--engine duckdb`: one Spark session on local[2] (set up by scripts/setup-spark.sh on first use).
const day = (d: number, h = 0) => new Date(Date.UTC(2025, 0, 1, h) + d * 86_400_000).toISOString();
const ev = (user: string, d: number, channel: string, event: 'touch' | 'conversion', h = 0): EventRow => ({
  user_id: user,
  timestamp: day(d, h),
  channel,
  event,
  value: event === 'conversion' ? 1 : 0,
});

// Generated journeys, plus a user with two conversions and touches after them, a touch and a
// conversion at one instant, a touch older than the lookback and a conversion without a touch; shuffled.
function events(): EventRow[] {
  const rows = generateJourneys({ ...CONFOUNDED_JOURNEYS, users: 1000, seed: 9 }).events;
  rows.push(
    ev('x1', 0, 'tv', 'touch'),
    ev('x1', 35, 'search', 'touch'),
    ev('x1', 40, 'search', 'conversion'),
    ev('x1', 41, 'email', 'touch'),
    ev('x1', 45, '', 'conversion'),
    ev('x1', 50, 'social', 'touch'),
    ev('x2', 3, 'tv', 'touch'),
    ev('x2', 3, 'tv', 'conversion'),
    ev('x3', 0, 'display', 'touch'),
    ev('x3', 90, 'display', 'conversion'),
    ev('x4', 5, '', 'conversion'),
  );
  const rand = seededRandom(3);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}
let ws: string;
let csv: string;
const made: string[] = [];
const cli = (...argv: string[]) => runCaptured(['--workspace', ws, ...argv]);

beforeAll(async () => {
  await sparkPython({ connect: false, onProgress: (p) => console.error(p.message) });
  ws = tempDir('mm-cli-mta-spark-');
  made.push(ws);
  csv = join(ws, 'events.csv');
  const rows = events();
  writeFileSync(
    csv,
    'user_id,timestamp,channel,event,value\n' +
      rows.map((e) => `${e.user_id},${e.timestamp},${e.channel},${e.event},${e.value ?? 0}`).join('\n') +
      '\n',
  );
  const imported = await cli('data', 'import', csv, '--as', 'events', '--engine', 'duckdb', '--json');
  expect(imported.code, imported.err).toBe(0);
}, 900_000);

afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('mixmodeler mta --engine spark', () => {
  it('`mta --engine spark --out DIR` gives the shares, lookback, warnings and touch scores of `--engine duckdb`', async () => {
    const mta = (engine: string, out: string) =>
      cli('mta', '--method', 'markov', '--lookback-days', 'auto', '--engine', engine, '--out', out, '--json');
    const duck = await mta('duckdb', join(ws, 'duck-scores'));
    expect(duck.code, duck.err).toBe(0);
    const spark = await cli(
      'mta',
      '--method',
      'markov',
      '--lookback-days',
      'auto',
      '--engine',
      'spark',
      '--master',
      'local[2]',
      '--out',
      join(ws, 'spark-scores'),
      '--json',
    );
    expect(spark.code, spark.err).toBe(0);
    const [a, b] = [JSON.parse(spark.out), JSON.parse(duck.out)];
    expect(a.engine).toBe('spark');
    expect(Object.keys(a.channels)).toEqual(Object.keys(b.channels));
    expect(Object.keys(a.channels).length).toBe(5);
    for (const [c, v] of Object.entries(b.channels as Record<string, { share: number }>))
      expect(a.channels[c].share).toBeCloseTo(v.share, 9);
    expect(a.lookback).toEqual(b.lookback);
    expect(a.warnings).toEqual(b.warnings);
    // Not a trivial agreement: the lookback drops x1's and x3's old touches, x4 has nothing to credit.
    expect(a.lookback.outside).toBeGreaterThan(0);
    expect(a.warnings.join(' ')).toMatch(/no touch at all/);
    // The same touch scores, row by row: Spark numbers the rows as DuckDB does.
    const scores = await withDuckDb(async (c) => {
      const read = async (folder: string) =>
        (
          await c.runAndReadAll(
            `SELECT row, user_id, channel, "timestamp", score FROM read_parquet(${sqlString(join(ws, folder, '*.parquet'))}) ORDER BY row`,
          )
        ).getRowObjectsJson();
      return { duck: await read('duck-scores'), spark: await read('spark-scores') };
    });
    expect(scores.spark.length).toBe(scores.duck.length);
    expect(scores.spark.length).toBeGreaterThan(300);
    scores.spark.forEach((r, i) => {
      const d = scores.duck[i]!;
      expect([r['row'], r['user_id'], r['channel'], r['timestamp']]).toEqual([
        d['row'],
        d['user_id'],
        d['channel'],
        d['timestamp'],
      ]);
      expect(Number(r['score'])).toBeCloseTo(Number(d['score']), 12);
    });
  }, 300_000);

  it('`mta --engine spark` on events imported in memory, `--master` without spark, and `--out x.csv` are refused by name', async () => {
    const memoryWs = tempDir('mm-cli-mta-spark-mem-');
    made.push(memoryWs);
    const run = (...argv: string[]) => runCaptured(['--workspace', memoryWs, ...argv]);
    expect((await run('data', 'import', csv, '--as', 'events')).code).toBe(0);
    const refused = await run('mta', '--engine', 'spark');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/`--engine spark` reads the events as Parquet, and events\.csv was imported in memory/);
    expect((await cli('mta', '--engine', 'duckdb', '--master', 'yarn')).err).toMatch(
      /`--master` is for `--engine spark`/,
    );
    const csvOut = await cli('mta', '--engine', 'spark', '--out', join(ws, 'x.csv'));
    expect(csvOut.err).toMatch(/Spark writes the scores as a folder of Parquet files/);
    expect(existsSync(join(ws, 'x.csv'))).toBe(false);
  });
});
