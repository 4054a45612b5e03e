import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/sample-workspace';
import { sqlString, withDuckDb } from '../data/duckdb';
import { loadCsv } from '../data/load-csv';
import { dateOfDay, dayNumber } from '../math/calendar';
import { seededRandom } from '../math/random';
import { harmonizeDatasets, type DatasetInput } from './harmonize-datasets';
import { harmonizeEventsFile, type EventAggregate } from './harmonize-events-file';
import { importEventsFile } from './import-events-file';

// Event data with a `geo` column (issue 23): aggregated per period × geo × channel in memory and out of
// core alike, under the summary data's geo rules, so the geo-level MMM can read event data.

const GEOS = ['north', 'south', 'west'];
const CHANNELS = ['search', 'social', 'tv'];

/** `n` events over 53 weeks from Monday 2024-01-01: users living in one geo, zoned and naive times, shuffled. */
function eventsCsv(n: number, seed: number): string {
  const rand = seededRandom(seed);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const user = Math.floor(rand() * 300);
    const geo = GEOS[user % GEOS.length]!;
    const conv = rand() < 0.1;
    const ms = Date.UTC(2024, 0, 1) + Math.floor(rand() * 371 * 86_400_000);
    const ts = new Date(ms).toISOString().slice(0, 19) + (i % 3 === 0 ? '' : 'Z');
    const channel = conv && rand() < 0.5 ? '' : CHANNELS[Math.floor(rand() * CHANNELS.length)]!;
    const value = conv ? (1 + Math.floor(rand() * 500) / 10).toString() : '';
    lines.push(`u${user},${ts},${geo},${channel},${conv ? 'conversion' : 'touch'},${value}`);
  }
  return `user_id,timestamp,geo,channel,event,value\n${lines.join('\n')}\n`;
}

const dir = tempDir('mm-events-geo-');
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The in-memory harmonized media rows that have events (DuckDB writes only those). */
function memoryRows(csv: string, grain: 'week' | 'day', extra: DatasetInput[] = []) {
  const h = harmonizeDatasets(
    [{ name: 'web', kind: 'events', data: loadCsv(csv, { source: 'web.csv' }) }, ...extra],
    grain === 'week' ? { grain, weekStart: 'monday' } : { grain },
  );
  return {
    h,
    rows: (h.media.objects() as { touches: number; conversions: number }[]).filter(
      (r) => r.touches + r.conversions > 0,
    ),
  };
}

// Sums of values in another order differ in the last bits: compared to 1e-6.
const rounded = (rows: readonly EventAggregate[]) => rows.map((r) => ({ ...r, value: Number(r.value.toFixed(6)) }));

describe('event data with a geo column', () => {
  it.each([
    [1, 'week'],
    [2, 'day'],
    [3, 'week'],
  ] as const)(
    'seed %i, %s: DuckDB (CSV and Parquet) gives the in-memory aggregates per period × geo × channel',
    async (seed, grain) => {
      const csv = eventsCsv(4000, seed);
      const { h, rows } = memoryRows(csv, grain);
      expect(h.media.columnNames()).toEqual(['date', 'geo', 'channel', 'touches', 'conversions', 'value']);
      expect(h.summary.geos).toEqual(GEOS);
      const path = file(`web-${seed}.csv`, csv);
      const duck = await harmonizeEventsFile(path, { grain, weekStart: 'monday' });
      expect(duck.events).toBe(4000);
      expect(rounded(duck.rows)).toEqual(rounded(rows as unknown as EventAggregate[]));
      const parquet = join(dir, `web-${seed}.parquet`);
      await withDuckDb((c) =>
        c.run(
          `COPY (SELECT * FROM read_csv(${sqlString(path)}, header = true, all_varchar = true)) TO ${sqlString(parquet)} (FORMAT PARQUET)`,
        ),
      );
      expect(rounded((await harmonizeEventsFile(parquet, { grain, weekStart: 'monday' })).rows)).toEqual(
        rounded(duck.rows),
      );
      // Summed over the geos, the national aggregates of the same events without the column.
      const national = await harmonizeEventsFile(file(`nat-${seed}.csv`, csv.replace(/^([^,]*,[^,]*),[^,]*/gm, '$1')), {
        grain,
      });
      const sums = new Map<string, number>();
      for (const r of duck.rows)
        sums.set(`${r.date}|${r.channel}`, (sums.get(`${r.date}|${r.channel}`) ?? 0) + r.touches);
      expect(national.rows.every((r) => r.geo === undefined)).toBe(true);
      expect(national.rows.map((r) => [`${r.date}|${r.channel}`, r.touches])).toEqual(
        [...sums].sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    },
  );

  it('a geo column empty on every row is national data, in memory and out of core', async () => {
    const csv = eventsCsv(300, 4)
      .replace(/^([^,]*,[^,]*),[^,\n]*/gm, '$1,')
      .replace(/^user_id,timestamp,,/, 'user_id,timestamp,geo,');
    const duck = await harmonizeEventsFile(file('blank.csv', csv), { grain: 'week' });
    expect(duck.rows.every((r) => r.geo === undefined)).toBe(true);
    const { h, rows } = memoryRows(csv, 'week');
    expect(h.media.columnNames()).not.toContain('geo');
    expect(rounded(duck.rows)).toEqual(rounded(rows as unknown as EventAggregate[]));
  });

  it('refuses a geo left empty on some rows and named on others, with the summary data message, in both paths', async () => {
    const lines = eventsCsv(50, 5).split('\n');
    lines[6] = lines[6]!.replace(/^([^,]*,[^,]*),[^,]*/, '$1,');
    const csv = lines.join('\n');
    const message =
      /`geo` must be given on every row or on none \(national and geo rows cannot share a file\); got "" at row 7 of web\.csv, but row 2 has "(north|south|west)"/;
    expect(() => memoryRows(csv, 'week')).toThrow(message);
    await expect(harmonizeEventsFile(file('web.csv', csv), { grain: 'week' })).rejects.toThrow(message);
  });

  it('event data per geo sit beside geo spend; beside national spend they are refused as summary data are', () => {
    const csv = eventsCsv(3000, 6);
    const weeks = Array.from({ length: 53 }, (_, t) => dateOfDay(dayNumber('2024-01-01') + 7 * t));
    const spend = (geos: string[]) =>
      weeks.flatMap((date, t) =>
        geos.length === 0
          ? [{ date, channel: 'radio', spend: 5 + t }]
          : geos.map((geo) => ({ date, geo, channel: 'radio', spend: 5 + t })),
      );
    const sales = weeks.flatMap((date) => GEOS.map((geo) => ({ date, geo, revenue: 100 })));
    const geoSpend: DatasetInput = { name: 'media', kind: 'summary', data: spend(GEOS) };
    const geoSales: DatasetInput = { name: 'sales', kind: 'conversions', data: sales };
    const { h } = memoryRows(csv, 'week', [geoSpend, geoSales]);
    expect(h.summary.geos).toEqual(GEOS);
    expect(h.media.columnNames()).toEqual(['date', 'geo', 'channel', 'spend', 'touches', 'conversions', 'value']);
    expect(() => memoryRows(csv, 'week', [{ ...geoSpend, data: spend([]) }, geoSales])).toThrow(
      /national rows \(no `geo`, row 1 of media\) beside geo rows \("(north|south|west)" at row \d+ of web\.csv\) in the spend data; give every file of a geo dataset a `geo` column/,
    );
  });

  it('importEventsFile keeps the geos for harmonize and the geo-level MMM, and stores nothing for a mixed geo column', async () => {
    const ws = join(dir, 'ws');
    const info = await importEventsFile(file('geo-web.csv', eventsCsv(2000, 7)), { workspace: ws, name: 'web' });
    expect(info.geos).toEqual(GEOS);
    const lines = eventsCsv(20, 8).split('\n');
    lines[3] = lines[3]!.replace(/^([^,]*,[^,]*),[^,]*/, '$1,');
    await expect(
      importEventsFile(file('mixed.csv', lines.join('\n')), { workspace: ws, name: 'mixed' }),
    ).rejects.toThrow(/`geo` must be given on every row or on none.*at row 4 of mixed\.csv/);
    expect(existsSync(join(ws, 'datasets', 'mixed'))).toBe(false);
  });
});
