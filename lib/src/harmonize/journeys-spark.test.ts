import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/sample-workspace';
import { sqlString, withDuckDb } from '../data/duckdb';
import { sparkPython } from '../data/spark-setup';
import { attributeEventFiles } from './journeys-duckdb';
import { attributeEventFilesSpark } from './journeys-spark';

// A Parquet folder whose files differ in their columns: Spark reads a folder with one file's schema (a
// file lacking a column would give NULLs, one with another type fails mid-job), so both engines check
// every file's own columns first and refuse by the files' names, before any statement runs.

beforeAll(async () => {
  await sparkPython({ connect: false, onProgress: (p) => console.error(p.message) });
}, 900_000);

describe('attributeEventFilesSpark(folder) with mismatched Parquet files', () => {
  it('refuses a folder whose second file lacks a column, naming both files as the DuckDB path does; writes nothing', async () => {
    const dir = tempDir('mm-spark-schema-');
    const folder = join(dir, 'events');
    mkdirSync(folder);
    const csv = join(dir, 'ev.csv');
    writeFileSync(
      csv,
      'user_id,timestamp,channel,event,value\n' +
        'a,2025-01-01T00:00:00Z,tv,touch,0\na,2025-01-02T00:00:00Z,,conversion,1\n' +
        'b,2025-01-01T00:00:00Z,search,touch,0\nb,2025-01-03T00:00:00Z,,conversion,1\n',
    );
    await withDuckDb(async (c) => {
      const src = `read_csv(${sqlString(csv)}, header = true, all_varchar = true)`;
      await c.run(`COPY (SELECT * FROM ${src}) TO ${sqlString(join(folder, 'part-0.parquet'))} (FORMAT PARQUET)`);
      await c.run(
        `COPY (SELECT user_id, "timestamp", channel, event FROM ${src}) TO ${sqlString(join(folder, 'part-1.parquet'))} (FORMAT PARQUET)`,
      );
    });
    const message =
      /events\/part-1\.parquet has no column `value`, which events\/part-0\.parquet has; the files must share one schema/;
    const out = join(dir, 'scores');
    await expect(
      attributeEventFiles([{ path: folder }], { method: 'last', lookbackDays: 28, out: `${out}.parquet` }),
    ).rejects.toThrow(message);
    await expect(
      attributeEventFilesSpark([{ path: folder }], { method: 'last', lookbackDays: 28, master: 'local[1]', out }),
    ).rejects.toThrow(message);
    expect(readdirSync(dir).sort()).toEqual(['ev.csv', 'events']);
  }, 300_000);
});
