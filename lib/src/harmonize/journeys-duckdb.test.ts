import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/sample-workspace';
import { sqlString, withDuckDb } from '../data/duckdb';
import { InputError } from '../errors';
import { attribute, MTA_METHODS } from '../mta/attribute';
import { autoLookbackDays, journeysFromEvents, lookbackReport, type EventRow } from '../mta/journeys';
import { seededRandom } from '../math/random';
import { CONFOUNDED_JOURNEYS, generateJourneys } from '../synth/confounded-journeys';
import { attributeEventFiles } from './journeys-duckdb';

const day = (d: number, h = 0) => new Date(Date.UTC(2025, 0, 1, h) + d * 86_400_000).toISOString();
const ev = (user: string, d: number, channel: string, event: 'touch' | 'conversion', h = 0): EventRow => ({
  user_id: user,
  timestamp: day(d, h),
  channel,
  event,
  value: event === 'conversion' ? 1 : 0,
});

// The generator's journeys, plus users with two conversions, touches older than the lookback, a touch and
// a conversion at one instant, and a conversion without any touch; rows shuffled.
function events(): EventRow[] {
  const rows = generateJourneys({ ...CONFOUNDED_JOURNEYS, users: 4000 }).events;
  rows.push(
    ev('x1', 0, 'tv', 'touch'),
    ev('x1', 35, 'search', 'touch'),
    ev('x1', 40, 'search', 'conversion'),
    ev('x1', 41, 'email', 'touch'),
    ev('x1', 44, 'email', 'touch'),
    ev('x1', 45, '', 'conversion'),
    ev('x1', 50, 'social', 'touch'),
    ev('x2', 3, 'tv', 'touch'),
    ev('x2', 3, 'tv', 'conversion'),
    ev('x3', 0, 'display', 'touch'),
    ev('x3', 90, 'display', 'conversion'),
    ev('x4', 5, '', 'conversion'),
  );
  const rand = seededRandom(7);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

function csvOf(rows: readonly EventRow[]): string {
  return (
    'user_id,timestamp,channel,event,value\n' +
    rows.map((r) => `${r.user_id},${r.timestamp},${r.channel},${r.event},${r.value ?? 0}`).join('\n') +
    '\n'
  );
}

async function toParquet(csv: string, parquet: string): Promise<void> {
  await withDuckDb((c) =>
    c.run(
      `COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true)) TO ${sqlString(parquet)} (FORMAT PARQUET)`,
    ),
  );
}

describe('attributeEventFiles(files, options): out of core, the same numbers as in memory', () => {
  const dir = tempDir('mm-journeys-sql-');
  const rows = events();
  const csv = join(dir, 'events.csv');
  writeFileSync(csv, csvOf(rows));

  it.each(MTA_METHODS)(
    '%s: the same shares (1e-9) and lookback report as journeysFromEvents + attribute, from CSV and Parquet',
    async (m) => {
      const report = lookbackReport(28);
      const memory = attribute(journeysFromEvents(rows, 28, report), m);
      // CSV, and Parquet (whose channels DuckDB holds as an ENUM)
      const parquet = join(dir, 'all.parquet');
      if (!existsSync(parquet)) await toParquet(csv, parquet);
      for (const path of [csv, parquet]) {
        const sql = await attributeEventFiles([{ path }], { method: m, lookbackDays: 28 });
        expect(Object.keys(sql.channels)).toEqual(Object.keys(memory.channels));
        for (const [c, v] of Object.entries(memory.channels)) {
          expect(sql.channels[c]!.share).toBeCloseTo(v.share, 9);
          expect(sql.channels[c]!.conversions).toBeCloseTo(v.conversions, 6);
        }
        const { gaps: _g, ...counts } = report;
        expect(sql.lookback).toEqual(counts);
      }
    },
  );

  it('auto picks the days autoLookbackDays picks from the gaps', async () => {
    const all = lookbackReport(Infinity);
    journeysFromEvents(rows, Infinity, all);
    const sql = await attributeEventFiles([{ path: csv }], { method: 'last', lookbackDays: 'auto' });
    expect(sql.lookback.lookbackDays).toBe(autoLookbackDays(all.gaps));
  });

  it('writes the touch scores as Parquet through DuckDB: the in-memory scores, row by row', async () => {
    const parquet = join(dir, 'events.parquet');
    await toParquet(csv, parquet);
    const out = join(dir, 'scores.parquet');
    for (const m of ['position', 'latent-intent'] as const) {
      await attributeEventFiles([{ path: parquet }], { method: m, lookbackDays: 28, out });
      const memory = attribute(journeysFromEvents(rows, 28), m).touches;
      const written = await withDuckDb(async (c) =>
        (await c.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(out)}) ORDER BY row`)).getRowObjectsJson(),
      );
      expect(written.length).toBe(memory.length);
      const byRow = new Map(memory.map((t) => [t.row, t]));
      for (const w of written) {
        const t = byRow.get(Number(w['row']))!;
        expect([w['user_id'], w['channel'], w['timestamp']]).toEqual([t.user, t.channel, t.time]);
        expect(Number(w['score'])).toBeCloseTo(t.score, 12);
      }
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads a folder of Parquet files as one input, rows numbered over the files in name order', async () => {
    const folder = join(dir, 'parts');
    mkdirSync(folder);
    const half = Math.floor(rows.length / 2);
    writeFileSync(join(dir, 'a.csv'), csvOf(rows.slice(0, half)));
    writeFileSync(join(dir, 'b.csv'), csvOf(rows.slice(half)));
    await toParquet(join(dir, 'a.csv'), join(folder, 'part-0.parquet'));
    await toParquet(join(dir, 'b.csv'), join(folder, 'part-1.parquet'));
    const one = await attributeEventFiles([{ path: csv }], { method: 'markov', lookbackDays: 28 });
    const parts = await attributeEventFiles([{ path: folder }], { method: 'markov', lookbackDays: 28 });
    expect(Object.keys(parts.channels)).toEqual(Object.keys(one.channels));
    for (const [c, v] of Object.entries(one.channels)) expect(parts.channels[c]!.share).toBeCloseTo(v.share, 12);
  });

  it('refuses a bad timestamp, naming the row and file, and writes nothing', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, csvOf(rows.slice(0, 5)).replace(/\n([^,\n]+),[^,\n]+,/, '\n$1,soon,'));
    const out = join(dir, 'never.parquet');
    await expect(attributeEventFiles([{ path: bad }], { method: 'last', lookbackDays: 28, out })).rejects.toThrow(
      /`timestamp` must be an ISO timestamp .*got "soon" at row 2 of bad\.csv/,
    );
    expect(readdirSync(dir)).not.toContain('never.parquet');
  });

  it('refuses an event file with no conversion, and one whose lookback leaves no conversion a touch', async () => {
    const none = join(dir, 'none.csv');
    writeFileSync(none, csvOf(rows.filter((r) => r.event === 'touch').slice(0, 20)));
    await expect(attributeEventFiles([{ path: none }], { method: 'last', lookbackDays: 28 })).rejects.toThrow(
      /none\.csv: no row has `event` conversion \(20 touches\)/,
    );
    const far = join(dir, 'far.csv');
    writeFileSync(far, csvOf([ev('u', 0, 'tv', 'touch'), ev('u', 40, 'tv', 'conversion')]));
    await expect(attributeEventFiles([{ path: far }], { method: 'last', lookbackDays: 28 })).rejects.toThrow(
      InputError,
    );
  });

  it('warns of users with only conversions, a channel seen only on conversions and mixed time zones', async () => {
    const mixed = join(dir, 'mixed.csv');
    writeFileSync(
      mixed,
      csvOf([
        ev('a', 0, 'tv', 'touch'),
        ev('a', 1, 'radio', 'conversion'),
        ev('b', 2, '', 'conversion'),
        { ...ev('c', 3, 'tv', 'touch'), timestamp: '2025-01-04T10:00:00' },
        ev('c', 4, 'tv', 'conversion'),
      ]),
    );
    const r = await attributeEventFiles([{ path: mixed }], { method: 'last', lookbackDays: 28 });
    expect(r.warnings.join('\n')).toMatch(
      /mixed\.csv: `timestamp` mixes times with a zone .*4 rows.* without \(1 rows\)/,
    );
    expect(r.warnings.join('\n')).toMatch(/1 users have conversions \(1\) but no touch at all/);
    expect(r.warnings.join('\n')).toMatch(/channel "radio" in column `channel` appears only on conversions \(1\)/);
  });

  it('refuses a Parquet folder whose files differ in their columns, naming both files', async () => {
    const folder = join(dir, 'mismatch');
    mkdirSync(folder);
    writeFileSync(join(dir, 'c.csv'), csvOf(rows.slice(0, 10)));
    await toParquet(join(dir, 'c.csv'), join(folder, 'part-0.parquet'));
    await withDuckDb((c) =>
      c.run(
        `COPY (SELECT user_id, "timestamp", channel, event FROM read_csv(${sqlString(join(dir, 'c.csv'))}, header = true, all_varchar = true)) TO ${sqlString(join(folder, 'part-1.parquet'))} (FORMAT PARQUET)`,
      ),
    );
    await expect(attributeEventFiles([{ path: folder }], { method: 'last', lookbackDays: 28 })).rejects.toThrow(
      /mismatch\/part-1\.parquet has no column `value`, which mismatch\/part-0\.parquet has/,
    );
  });

  it('orders by instant, not by the rows or the text: rows in any order and times in mixed zones', async () => {
    // a's tv touch is written after its conversion, in another zone, but comes first: 20:00Z < 22:00Z.
    const zoned = [
      { ...ev('a', 0, 'search', 'touch'), timestamp: '2025-01-01T10:00:00Z' },
      { ...ev('a', 0, '', 'conversion'), timestamp: '2025-01-01T22:00:00Z' },
      { ...ev('a', 0, 'tv', 'touch'), timestamp: '2025-01-02T01:00:00+05:00' },
      { ...ev('b', 0, 'tv', 'touch'), timestamp: '2025-01-03T00:00:00+01:00' },
      { ...ev('b', 0, '', 'conversion'), timestamp: '2025-01-02T23:30:00Z' },
      { ...ev('b', 0, 'search', 'touch'), timestamp: '2025-01-03T00:00:00Z' },
    ];
    const sorted = [...rows, ...zoned].sort((x, y) => Date.parse(x.timestamp) - Date.parse(y.timestamp));
    const results = [];
    for (const [name, order] of [
      ['sorted', sorted],
      ['reversed', [...sorted].reverse()],
    ] as const) {
      const path = join(dir, `${name}.csv`);
      writeFileSync(path, csvOf(order));
      const r = await attributeEventFiles([{ path }], { method: 'last', lookbackDays: 28 });
      const memory = attribute(journeysFromEvents(order, 28), 'last');
      for (const [c, v] of Object.entries(memory.channels)) expect(r.channels[c]!.share).toBeCloseTo(v.share, 9);
      results.push(r);
    }
    for (const [c, v] of Object.entries(results[0]!.channels))
      expect(results[1]!.channels[c]!.conversions).toBeCloseTo(v.conversions, 9);
    // Last touch by instant: a's conversion goes to tv (20:00Z), b's to tv (23:00Z), not to search.
    const only = join(dir, 'zoned.csv');
    writeFileSync(only, csvOf(zoned));
    const r = await attributeEventFiles([{ path: only }], { method: 'last', lookbackDays: 28 });
    expect(r.channels['tv']!.conversions).toBeCloseTo(2, 12);
    expect(r.channels['search']?.conversions ?? 0).toBeCloseTo(0, 12);
  });

  it('DuckDB out of memory at its limit is said so (E_RESOURCE), not blamed on the input, and writes nothing', async () => {
    const big = join(dir, 'big.parquet');
    await withDuckDb((c) =>
      c.run(`COPY (SELECT 'u' || CAST(hash(i, 1) % 30000 AS VARCHAR) AS user_id,
        TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_seconds(CAST(hash(i, 2) % 8640000 AS BIGINT)) AS "timestamp",
        CASE WHEN hash(i, 3) % 100 < 4 THEN 'conversion' ELSE 'touch' END AS event,
        ['tv', 'search', 'email'][CAST(hash(i, 4) % 3 AS INTEGER) + 1] AS channel
      FROM range(300000) t(i)) TO ${sqlString(big)} (FORMAT PARQUET)`),
    );
    const out = join(dir, 'oom.parquet');
    const err = await attributeEventFiles([{ path: big }], {
      method: 'last',
      lookbackDays: 28,
      memoryLimit: '8MB',
      out,
    }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(InputError);
    expect((err as { code: string }).code).toBe('E_RESOURCE');
    expect((err as Error).message).toMatch(
      /DuckDB ran out of memory at its memory limit .*give it a larger memory limit/,
    );
    expect(readdirSync(dir).filter((f) => f.startsWith('oom') || f.endsWith('.tmp'))).toEqual([]);
    // With room, the same file attributes.
    const ok = await attributeEventFiles([{ path: big }], { method: 'last', lookbackDays: 28, memoryLimit: '256MB' });
    expect(Object.keys(ok.channels).sort()).toEqual(['email', 'search', 'tv']);
  });
});
