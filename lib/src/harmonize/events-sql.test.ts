import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqlString, withDuckDb } from '../data/duckdb';
import { eventsAggregationSql } from './events-sql';
import { harmonizeEventsFile } from './harmonize-events-file';

// The checks the aggregation statement carries for both engines, run here on DuckDB (the Spark run is
// lib/src/cli/data-import-spark.test.ts).
const HEADER = 'user_id,timestamp,channel,event,value';

function file(name: string, lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mm-events-sql-')), name);
  writeFileSync(path, `${HEADER}\n${lines.join('\n')}\n`);
  return path;
}

describe('eventsAggregationSql: the checks both engines share', () => {
  it('warns, in the words of `mta`, on users with only conversions and a channel named only on conversions', async () => {
    const path = file('web.csv', [
      'u1,2024-01-01T09:00:00Z,search,touch,',
      'u1,2024-01-02T09:00:00Z,search,conversion,5',
      'u2,2024-01-02T09:00:00Z,podcast,conversion,3',
      'u2,2024-01-03T09:00:00Z,,conversion,1',
      'u3,2024-01-03T09:00:00Z,tv,conversion,1',
      'u3,2024-01-04T09:00:00Z,tv,touch,',
    ]);
    const { warnings, rows } = await harmonizeEventsFile(path, { grain: 'week', userChecks: true });
    expect(warnings).toEqual([
      'web.csv: 1 users have conversions (2) but no touch at all; their conversions have nothing to be attributed to',
      'web.csv: channel "podcast" in column `channel` appears only on conversions (1); a conversion\'s channel is not a touch and gets no credit',
    ]);
    // The users' row of the statement is not an aggregate.
    expect(rows.map((r) => r.channel)).toEqual(['(none)', 'podcast', 'search', 'tv']);
    expect(rows.reduce((s, r) => s + r.conversions, 0)).toBe(4);
    // Without the user checks (harmonizeEventsFile's default: one hash aggregation less) the channel's
    // warning stays, the users' goes.
    const quick = await harmonizeEventsFile(path, { grain: 'week' });
    expect(quick.rows).toEqual(rows);
    expect(quick.warnings).toEqual(warnings.slice(1));
  });

  it('warns on an event file without any conversion, and says nothing on a clean one', async () => {
    const none = await harmonizeEventsFile(
      file('touches.csv', ['u1,2024-01-01T09:00:00Z,search,touch,', 'u2,2024-01-02T09:00:00Z,tv,touch,']),
    );
    expect(none.warnings).toEqual([
      'touches.csv: no row has `event` conversion (2 touches); the touches are kept, but attribution needs conversions',
    ]);
    const clean = await harmonizeEventsFile(
      file('clean.csv', ['u1,2024-01-01T09:00:00Z,search,touch,', 'u1,2024-01-02T09:00:00Z,search,conversion,2']),
    );
    expect(clean.warnings).toEqual([]);
  });

  it('refuses an empty user and a day that is not written YYYY-MM-DD, naming the row, as the in-memory path does', async () => {
    const ok = 'u1,2024-01-01T09:00:00Z,search,touch,';
    await expect(
      harmonizeEventsFile(file('a.csv', [ok, ',2024-01-02T09:00:00Z,tv,touch,']), { userChecks: true }),
    ).rejects.toThrow('`user_id` must not be empty; got "" at row 3 of a.csv');
    // DuckDB's cast alone would read these as dates (one of them as the 3rd of January).
    for (const [bad, shown] of [
      ['2024/01/31 10:00', '"2024/01/31 10:00"'],
      [' 2024-01-31T10:00:00', '" 2024-01-31T10:00:00"'],
      ['2024-1-5 10:00', '"2024-1-5 10:00"'],
    ] as const) {
      await expect(harmonizeEventsFile(file('t.csv', [ok, `u2,${bad},tv,touch,`]))).rejects.toThrow(
        `\`timestamp\` must be an ISO timestamp such as 2024-01-31T10:00:00; got ${shown} at row 3 of t.csv`,
      );
    }
  });

  it('reads a folder of Parquet files as the one file they split, and names a bad row by its file, as Spark does', async () => {
    const day = (i: number) => `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`;
    const lines = Array.from({ length: 60 }, (_, i) =>
      i % 7 === 3
        ? `u${i % 9},${day(i)}T10:00:00Z,tv,conversion,${i}`
        : `u${i % 9},${day(i)}T09:00:00Z,${['tv', 'search'][i % 2]},touch,`,
    );
    const csv = file('events.csv', lines);
    const [dir, bad] = [join(dirname(csv), 'events'), join(dirname(csv), 'bad')];
    mkdirSync(dir);
    mkdirSync(bad);
    await withDuckDb(async (c) => {
      const all = `SELECT *, row_number() OVER () AS n FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true)`;
      const copy = (where: string, to: string, value = 'value') =>
        c.run(
          `COPY (SELECT user_id, "timestamp", channel, CASE WHEN n = 45 THEN 'click' ELSE event END AS event, ${value} AS value
           FROM (${all}) WHERE ${where} ORDER BY n) TO ${sqlString(to)} (FORMAT PARQUET)`,
        );
      await copy('n <= 20', join(dir, 'part-0.parquet'));
      await copy('n > 20 AND n <> 45', join(dir, 'part-1.parquet'));
      await copy('n <= 20', join(bad, 'part-0.parquet'));
      await copy('n > 20', join(bad, 'part-1.parquet'));
      await copy('n > 20', join(bad, 'part-2.parquet'), 'TRY_CAST(value AS DOUBLE)');
    });
    const folder = await harmonizeEventsFile(dir, { grain: 'week' });
    const without45 = await harmonizeEventsFile(
      file(
        'e.csv',
        lines.filter((_, i) => i !== 44),
      ),
      { grain: 'week' },
    );
    expect(folder.rows).toEqual(without45.rows);
    expect(folder.events).toBe(59);
    await expect(harmonizeEventsFile(bad)).rejects.toThrow(
      'column `value` is DOUBLE in bad/part-2.parquet but VARCHAR in bad/part-0.parquet; the files must share one schema',
    );
    rmSync(join(bad, 'part-2.parquet'));
    await expect(harmonizeEventsFile(bad)).rejects.toThrow(
      '`event` must be touch or conversion; got "click" at row 25 of bad/part-1.parquet',
    );
  });

  it("writes Spark SQL from the same rules: none of DuckDB's spellings, every rule present", () => {
    const options = { grain: 'week', weekStart: 'sunday', hasValue: true, hasGeo: true, user: 'user_id' } as const;
    const spark = eventsAggregationSql('events', { ...options, dialect: 'spark' });
    const duck = eventsAggregationSql('events', options);
    for (const duckOnly of ['VARCHAR', 'regexp_full_match', 'isfinite', '"timestamp"', 'TRY_CAST'])
      expect(spark).not.toContain(duckOnly);
    expect(spark).toContain("RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'");
    expect(spark).toContain('date_sub(day, (dayofweek(day) - 1 - 0 + 7) % 7)');
    expect(duck).toContain('day - CAST((dayofweek(day) - 0 + 7) % 7 AS INTEGER)');
    // The same structure: the engines differ in spellings only.
    const shape = (sql: string) =>
      sql.replace(/\s+/g, ' ').match(/\b(WITH|SELECT|FROM|GROUP BY|UNION ALL|ORDER BY|WHERE)\b/g);
    expect(shape(spark)).toEqual(shape(duck));
  });
});
