import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MODEL, sampleWorkspace, tempDir } from '../../../tests/helpers/sample-workspace';
import { CONFOUNDED_JOURNEYS, generateJourneys } from '../synth/confounded-journeys';
import { sqlString, withDuckDb } from '../data/duckdb';
import { createModel } from '../workspace/lifecycle';
import { runCaptured } from './run';

let ws: string;
let modelId: string;
const cli = (...argv: string[]) => runCaptured(['--workspace', ws, ...argv]);

beforeAll(async () => {
  ws = sampleWorkspace('mm-cli-mta-');
  const m = await createModel(ws, { ...SAMPLE_MODEL, name: 'Revenue' });
  modelId = m.id;
}, 120_000);

describe('mixmodeler mta --model', () => {
  it('`mta --model ID` scales touch scores to the model per week and channel, reports the factors, writes Parquet', async () => {
    const file = join(ws, 'scores.parquet');
    const r = await cli('mta', '--model', modelId, '--out', file, '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.model).toEqual({ id: modelId, version: 1 });
    expect(Object.keys(doc.scaling).sort()).toEqual(['display', 'email', 'search', 'social']);
    for (const f of doc.factors) expect(f.mtaScore * f.factor).toBeCloseTo(f.mmmContribution, 6);
    const total = (ch: string) => doc.factors.filter((f: { channel: string }) => f.channel === ch);
    const searchMmm = total('search').reduce((s: number, f: { mmmContribution: number }) => s + f.mmmContribution, 0);
    expect(doc.scaling.search.mmmContribution).toBeCloseTo(searchMmm, 3);
    expect(searchMmm).toBeGreaterThan(0);
    // The Parquet file holds one typed row per touch whose incremental scores add up to the model's.
    const rows = await withDuckDb(async (c) => {
      const reader = await c.runAndReadAll(
        `select count(*)::double as n, sum(incremental) as inc, any_value(typeof(score)) as t ` +
          `from read_parquet(${sqlString(file)}) where channel = 'search'`,
      );
      return reader.getRowObjectsJson()[0] as { n: number; inc: number; t: string };
    });
    expect(rows.t).toBe('DOUBLE');
    expect(rows.n).toBeGreaterThan(1000);
    // Touches in weeks the model does not score (before its data) get no incremental credit.
    expect(Number(rows.inc)).toBeCloseTo(searchMmm, -2);
  });

  it('`mta --model` of an unknown model fails before attributing, naming it', async () => {
    const r = await cli('mta', '--model', 'm-none-none');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no model m-none-none/);
  });
});

describe('mixmodeler mta --engine duckdb (out of core)', () => {
  it('`mta --engine duckdb --model ID` gives the in-memory shares and factors, and DuckDB writes the scores', async () => {
    const memory = JSON.parse((await cli('mta', '--model', modelId, '--engine', 'memory', '--json')).out);
    const file = join(ws, 'scores-out-of-core.parquet');
    const r = await cli('mta', '--model', modelId, '--engine', 'duckdb', '--out', file, '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.engine).toBe('duckdb');
    expect(Object.keys(doc.channels)).toEqual(Object.keys(memory.channels));
    for (const [c, v] of Object.entries(memory.channels as Record<string, { share: number }>))
      expect(doc.channels[c].share).toBeCloseTo(v.share, 9);
    expect(doc.lookback).toEqual(memory.lookback);
    expect(doc.factors.length).toBe(memory.factors.length);
    doc.factors.forEach((f: { period: string; factor: number }, i: number) => {
      expect(f.period).toBe(memory.factors[i].period);
      expect(f.factor).toBeCloseTo(memory.factors[i].factor, 6);
    });
    const inc = await withDuckDb(async (c) =>
      (
        await c.runAndReadAll(
          `select channel, sum(incremental) as inc from read_parquet(${sqlString(file)}) group by channel order by channel`,
        )
      ).getRowObjectsJson(),
    );
    for (const row of inc)
      expect(Number(row['inc'])).toBeCloseTo(memory.scaling[String(row['channel'])].mmmContribution, 3);
  });

  it('`data import --engine duckdb` keeps the events as Parquet in the workspace, and `mta` runs on them out of core by default', async () => {
    const fresh = tempDir('mm-cli-mta-ooc-');
    const events = join(fresh, 'events.csv');
    const rows = generateJourneys({ ...CONFOUNDED_JOURNEYS, users: 1500 }).events;
    writeFileSync(
      events,
      'user_id,timestamp,channel,event,value\n' +
        rows.map((e) => `${e.user_id},${e.timestamp},${e.channel},${e.event},${e.value ?? 0}`).join('\n') +
        '\n',
    );
    const run = (...argv: string[]) => runCaptured(['--workspace', fresh, ...argv]);
    const imported = await run('data', 'import', events, '--as', 'events', '--engine', 'duckdb', '--json');
    expect(imported.code, imported.err).toBe(0);
    const manifest = JSON.parse(readFileSync(join(fresh, 'datasets', 'events', 'manifest.json'), 'utf8'));
    expect(manifest.events.rows).toBe(rows.length);
    expect(existsSync(join(fresh, 'datasets', 'events', manifest.events.file))).toBe(true);
    const ooc = JSON.parse((await run('mta', '--method', 'markov', '--json')).out);
    expect(ooc.engine).toBe('duckdb');
    const memory = JSON.parse((await run('mta', '--method', 'markov', '--engine', 'memory', '--json')).out);
    expect(memory.engine).toBe('memory');
    for (const [c, v] of Object.entries(memory.channels as Record<string, { share: number }>))
      expect(ooc.channels[c].share).toBeCloseTo(v.share, 9);
    // A second import replaces the first: one events file in the folder, the one the manifest names.
    expect((await run('data', 'import', events, '--as', 'events', '--engine', 'duckdb')).code).toBe(0);
    const files = readdirSync(join(fresh, 'datasets', 'events')).filter((f) => f.endsWith('.parquet'));
    const again = JSON.parse(readFileSync(join(fresh, 'datasets', 'events', 'manifest.json'), 'utf8'));
    expect(files).toEqual([again.events.file]);
  });

  it('`mta --engine duckdb --out x.arrow` is refused before anything runs, and a bad engine is named', async () => {
    expect((await cli('mta', '--engine', 'duckdb', '--out', join(ws, 'x.arrow'))).err).toMatch(
      /Arrow is written in memory only/,
    );
    expect((await cli('mta', '--engine', 'spark-ish')).err).toMatch(
      /`--engine` must be memory, duckdb or spark; got spark-ish/,
    );
    expect(existsSync(join(ws, 'x.arrow'))).toBe(false);
  });
});
