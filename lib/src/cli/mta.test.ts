import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MODEL, sampleWorkspace } from '../../../tests/helpers/sample-workspace';
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
