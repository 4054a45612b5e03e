import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlString, withDuckDb } from '../data/duckdb';
import { sparkPython } from '../data/spark-setup';
import { attributePatterns } from '../mta/attribute';
import type { EventRow } from '../mta/journeys';
import { seededRandom } from '../math/random';
import { CONFOUNDED_JOURNEYS, generateJourneys } from '../synth/confounded-journeys';
import { attributeEventFiles } from './journeys-duckdb';
import { attributeEventFilesSpark } from './journeys-spark';

// `--engine spark` against the DuckDB path on the same Parquet folder: one Spark session (local[2],
// set up by scripts/setup-spark.sh on first use), ~30 s here on 2 shared cores after the install.
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
  const rows = generateJourneys({ ...CONFOUNDED_JOURNEYS, users: 600, seed: 5 }).events;
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

let folder: string;
let dir: string;

beforeAll(async () => {
  await sparkPython({ connect: false, onProgress: (p) => console.error(p.message) });
  dir = mkdtempSync(join(tmpdir(), 'mm-spark-journeys-'));
  const rows = events();
  const csv = join(dir, 'events.csv');
  writeFileSync(
    csv,
    'user_id,timestamp,channel,event,value\n' +
      rows.map((r) => `${r.user_id},${r.timestamp},${r.channel},${r.event},${r.value ?? 0}`).join('\n') +
      '\n',
  );
  // A folder of two Parquet files, timestamps as text (as exports carry them); rows split mid-file.
  folder = join(dir, 'events');
  mkdirSync(folder);
  await withDuckDb(async (c) => {
    const all = `SELECT *, row_number() OVER () AS i FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true)`;
    const parts: [string, string][] = [
      ['part-0.parquet', `i <= ${Math.floor(rows.length / 2)}`],
      ['part-1.parquet', `i > ${Math.floor(rows.length / 2)}`],
    ];
    for (const [name, where] of parts) {
      await c.run(
        `COPY (SELECT user_id, timestamp, channel, event, value FROM (${all}) WHERE ${where} ORDER BY i) ` +
          `TO ${sqlString(join(folder, name))} (FORMAT PARQUET)`,
      );
    }
  });
}, 900_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('attributeEventFilesSpark', () => {
  it('attributeEventFilesSpark(folder, markov, auto, out) gives the patterns, shares, lookback and touch scores of the DuckDB path', async () => {
    const options = { method: 'markov' as const, lookbackDays: 'auto' as const };
    const duck = await attributeEventFiles([{ path: folder }], { ...options, out: join(dir, 'duck-scores') });
    const spark = await attributeEventFilesSpark([{ path: folder }], { ...options, out: join(dir, 'spark-scores') });
    expect(spark.summary.channels).toEqual(duck.summary.channels);
    expect(spark.summary.patterns).toEqual(duck.summary.patterns);
    expect(spark.summary.transitions).toEqual(duck.summary.transitions);
    expect(spark.lookback).toEqual(duck.lookback);
    expect(spark.warnings).toEqual(duck.warnings);
    expect(spark.events).toBe(duck.events);
    // Not a trivial agreement: the lookback drops x1's and x3's old touches, x4 has nothing to credit.
    expect(spark.lookback.outside).toBeGreaterThan(0);
    expect(spark.summary.patterns.length).toBeGreaterThan(20);
    const names = Object.keys(duck.channels);
    expect(Object.keys(spark.channels)).toEqual(names);
    for (const c of names) expect(spark.channels[c]!.share).toBeCloseTo(duck.channels[c]!.share, 9);
    // The methods that need only the patterns give the same shares on Spark's patterns.
    for (const method of ['shapley', 'latent-intent'] as const) {
      const a = attributePatterns(spark.summary, method).channels;
      const b = attributePatterns(duck.summary, method).channels;
      for (const c of names) expect(a[c]!.share).toBeCloseTo(b[c]!.share, 9);
    }
    const scores = await withDuckDb(async (c) => {
      const read = async (folderName: string) =>
        (
          await c.runAndReadAll(
            `SELECT row, user_id, channel, "timestamp", score FROM read_parquet(${sqlString(join(dir, folderName, '*.parquet'))}) ORDER BY row`,
          )
        ).getRowObjectsJson();
      return { duck: await read('duck-scores'), spark: await read('spark-scores') };
    });
    expect(scores.spark.length).toBe(scores.duck.length);
    expect(scores.spark.length).toBeGreaterThan(150);
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
});
