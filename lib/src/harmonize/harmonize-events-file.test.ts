import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasets } from '../data/dataset-store';
import { sqlString, withDuckDb } from '../data/duckdb';
import { loadCsv } from '../data/load-csv';
import { InputError } from '../errors';
import { harmonizeDatasets } from './harmonize-datasets';
import { harmonizeEventsFile } from './harmonize-events-file';
import { harmonize } from './harmonize-workspace';
import { importEventsFile } from './import-events-file';

const EVENTS =
  'user_id,timestamp,channel,event,value\nu1,2024-01-01T09:00:00Z,search,touch,\nu1,2024-01-02T10:00:00Z,search,conversion,20\nu2,2024-01-03 11:00,tv,touch,\nu2,2024-01-08T08:00:00,tv,touch,\nu2,2024-01-08T09:00:00,tv,conversion,5.5\n';

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mm-duck-')), name);
  writeFileSync(path, text);
  return path;
}

describe('harmonizeEventsFile (DuckDB, out of core)', () => {
  it('harmonizeEventsFile(csv, {grain: week}) gives the same aggregates as the in-memory path', async () => {
    const path = file('events.csv', EVENTS);
    const { rows, events } = await harmonizeEventsFile(path, { grain: 'week' });
    expect(events).toBe(5);
    const memory = harmonizeDatasets([
      { name: 'web', kind: 'events', data: loadCsv(EVENTS, { source: 'events.csv' }) },
    ]);
    const nonZero = memory.media
      .objects()
      .filter((r) => (r as { touches: number }).touches + (r as { conversions: number }).conversions > 0);
    expect(rows).toEqual(nonZero);
  });

  it('harmonizeEventsFile(typed Parquet: TIMESTAMPTZ, DOUBLE value) gives the aggregates of the same events as text', async () => {
    const csv = file('events.csv', EVENTS.replace('2024-01-03 11:00', '2024-01-03T11:00:00Z'));
    const parquet = join(dirname(csv), 'typed.parquet');
    await withDuckDb(async (c) => {
      await c.run(`SET TimeZone = 'America/New_York'`);
      await c.run(
        `COPY (SELECT user_id, CAST("timestamp" AS TIMESTAMPTZ) AS "timestamp", channel, event, TRY_CAST(value AS DOUBLE) AS value
         FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true)) TO ${sqlString(parquet)} (FORMAT PARQUET)`,
      );
    });
    for (const grain of ['week', 'day'] as const) {
      const text = await harmonizeEventsFile(csv, { grain });
      expect((await harmonizeEventsFile(parquet, { grain })).rows).toEqual(text.rows);
    }
  });

  it('harmonizeEventsFile(csv, {weekStart: sunday}) starts weeks on Sunday', async () => {
    const { rows } = await harmonizeEventsFile(file('events.csv', EVENTS), { grain: 'week', weekStart: 'sunday' });
    expect([...new Set(rows.map((r) => r.date))]).toEqual(['2023-12-31', '2024-01-07']);
  });

  it('harmonizeEventsFile(csv) names the row, column and value of the first bad event', async () => {
    const bad = file('bad.csv', EVENTS + 'u3,2024-01-09,tv,touch,\nu3,2024-01-09,tv,conversion,abc\n');
    const err = await harmonizeEventsFile(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('E_INPUT');
    expect((err as Error).message).toBe('`value` must be a number; got "abc" at row 8 of bad.csv');
    await expect(
      harmonizeEventsFile(file('t.csv', 'user_id,timestamp,channel,event\nu,31/01/2024,tv,touch\n')),
    ).rejects.toThrow(/`timestamp` must be an ISO timestamp.*got "31\/01\/2024" at row 2 of t\.csv/);
    await expect(harmonizeEventsFile(file('c.csv', 'user_id,timestamp,event\nu,2024-01-01,touch\n'))).rejects.toThrow(
      /c\.csv does not fit the events schema: no `channel` column/,
    );
  });

  it('importEventsFile(csv) stores daily aggregates that harmonize re-aggregates to weeks', async () => {
    const ws = join(mkdtempSync(join(tmpdir(), 'mm-duck-')), 'ws');
    const info = await importEventsFile(file('events.csv', EVENTS), { workspace: ws, name: 'web' });
    expect(info).toMatchObject({
      name: 'web',
      kind: 'events',
      aggregated: true,
      validated: true,
      channels: ['search', 'tv'],
    });
    expect(readDatasets(ws)[0]!.manifest.columns).toEqual(['date', 'channel', 'touches', 'conversions', 'value']);
    const summary = harmonize({ workspace: ws });
    expect(summary).toMatchObject({
      periods: 2,
      channels: ['search', 'tv'],
      metrics: ['touches', 'conversions', 'value'],
    });
  });

  it('harmonizeEventsFile rows fed back as long summary data harmonize like the in-memory events path', async () => {
    const { rows } = await harmonizeEventsFile(file('events.csv', EVENTS));
    const back = harmonizeDatasets([{ name: 'web', kind: 'summary', data: rows }]);
    const memory = harmonizeDatasets([
      { name: 'web', kind: 'events', data: loadCsv(EVENTS, { source: 'events.csv' }) },
    ]);
    expect(back.media.objects()).toEqual(memory.media.objects());
  });

  it('harmonizeEventsFile(csv) counts conversions with an empty channel under (none), like the in-memory path', async () => {
    const text = EVENTS + 'u3,2024-01-09T10:00:00,,conversion,7\nu4,2024-01-09T11:00:00,  ,conversion,\n';
    const { rows } = await harmonizeEventsFile(file('none.csv', text));
    expect(rows.filter((r) => r.channel === '(none)')).toEqual([
      { date: '2024-01-09', channel: '(none)', touches: 0, conversions: 2, value: 7 },
    ]);
    const memory = harmonizeDatasets([{ name: 'web', kind: 'events', data: loadCsv(text, { source: 'none.csv' }) }]);
    const none = memory.media
      .objects()
      .filter((r) => (r as { channel: string }).channel === '(none)' && (r as { conversions: number }).conversions > 0);
    expect(none).toEqual([{ date: '2024-01-08', channel: '(none)', touches: 0, conversions: 2, value: 7 }]);
  });

  it('importEventsFile(csv) with channel-less conversions imports and harmonizes them under (none)', async () => {
    const ws = join(mkdtempSync(join(tmpdir(), 'mm-duck-')), 'ws');
    const text = EVENTS + 'u3,2024-01-09T10:00:00,,conversion,7\n';
    const info = await importEventsFile(file('ga.csv', text), { workspace: ws, name: 'ga' });
    expect(info.channels).toEqual(['(none)', 'search', 'tv']);
    expect(harmonize({ workspace: ws }).channels).toEqual(['(none)', 'search', 'tv']);
  });

  it.each([
    [
      'touch with an empty channel',
      'u3,2024-01-09,,touch,\n',
      /`channel` must name a channel on a touch.*got "" at row 7 of e\.csv/,
    ],
    [
      'touch on (none)',
      'u3,2024-01-09,(none),touch,\n',
      /`channel` must name a channel on a touch.*got "\(none\)" at row 7/,
    ],
    ['1e309', 'u3,2024-01-09,tv,conversion,1e309\n', /`value` must be a finite number; got "1e309" at row 7 of e\.csv/],
    ['-inf', 'u3,2024-01-09,tv,conversion,-inf\n', /`value` must be a finite number; got "-inf" at row 7/],
    ['NaN', 'u3,2024-01-09,tv,conversion,NaN\n', /`value` must be a finite number; got "NaN" at row 7/],
    ['bad event', 'u3,2024-01-09,,click,\n', /`event` must be touch or conversion; got "click" at row 7/],
    ['more fields', 'u3,2024-01-09,tv,touch,,9\n', /row 7 of e\.csv has 6 fields; the header has 5/],
    ['fewer fields', 'u3,2024-01-09,tv,touch\n', /row 7 of e\.csv has 4 fields; the header has 5/],
    [
      'unclosed quote',
      'u3,"2024-01-09,tv,touch,\n' + 'u4,2024-01-10,tv,touch,\n'.repeat(50),
      /quoted value that starts at row 7 of e\.csv is never closed/,
    ],
  ])('harmonizeEventsFile(csv with %s) throws an InputError naming the row', async (_, extra, message) => {
    const err = await harmonizeEventsFile(file('e.csv', EVENTS + extra)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('E_INPUT');
    expect((err as Error).message).toMatch(message);
  });

  it('harmonizeEventsFile(binary bytes as .csv) refuses the file as not text', async () => {
    let seed = 11;
    const bytes = Buffer.alloc(4096).map(() => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed >> 23));
    const path = join(mkdtempSync(join(tmpdir(), 'mm-duck-')), 'r.csv');
    writeFileSync(path, bytes);
    await expect(harmonizeEventsFile(path)).rejects.toThrow(/r\.csv does not look like text \(CSV\)/);
  });

  it('harmonizeEventsFile(csv with a stray quote and 2 MB after it) names the row in a short message', async () => {
    const text = EVENTS + 'u3,"2024-01-09,tv,touch,\n' + 'u4,2024-01-10,tv,touch,\n'.repeat(80_000);
    const err = (await harmonizeEventsFile(file('big.csv', text)).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/row 7 of big\.csv/);
    expect(err.message.length).toBeLessThan(300);
  });
});
