import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/sample-workspace';
import { sparkPython } from '../data/spark-setup';
import { CONFOUNDED_JOURNEYS, generateJourneys } from '../synth/confounded-journeys';
import { runCaptured } from './run';

// `mta --engine spark` on a workspace whose events `data import --engine duckdb` keeps as Parquet:
// one Spark session on local[2] (set up by scripts/setup-spark.sh on first use).
let ws: string;
let csv: string;
const made: string[] = [];
const cli = (...argv: string[]) => runCaptured(['--workspace', ws, ...argv]);

beforeAll(async () => {
  await sparkPython({ connect: false, onProgress: (p) => console.error(p.message) });
  ws = tempDir('mm-cli-mta-spark-');
  made.push(ws);
  csv = join(ws, 'events.csv');
  const rows = generateJourneys({ ...CONFOUNDED_JOURNEYS, users: 1000, seed: 9 }).events;
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
  it('`mta --engine spark --out DIR` gives the shares and lookback of `--engine duckdb`, and Spark writes the scores', async () => {
    const duck = await cli(
      'mta',
      '--method',
      'latent-intent',
      '--lookback-days',
      'auto',
      '--engine',
      'duckdb',
      '--json',
    );
    expect(duck.code, duck.err).toBe(0);
    const out = join(ws, 'spark-scores');
    const spark = await cli(
      'mta',
      '--method',
      'latent-intent',
      '--lookback-days',
      'auto',
      '--engine',
      'spark',
      '--master',
      'local[2]',
      '--out',
      out,
      '--json',
    );
    expect(spark.code, spark.err).toBe(0);
    const [a, b] = [JSON.parse(spark.out), JSON.parse(duck.out)];
    expect(a.engine).toBe('spark');
    expect(Object.keys(a.channels)).toEqual(Object.keys(b.channels));
    expect(Object.keys(a.channels).length).toBe(4);
    for (const [c, v] of Object.entries(b.channels as Record<string, { share: number }>))
      expect(a.channels[c].share).toBeCloseTo(v.share, 9);
    expect(a.lookback).toEqual(b.lookback);
    expect(a.warnings).toEqual(b.warnings);
    expect(readdirSync(out).some((f) => f.endsWith('.parquet'))).toBe(true);
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
