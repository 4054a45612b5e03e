import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table, toArrowIPC } from 'arquero';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { withDuckDb, sqlString } from './duckdb';
import { datasetEntries } from './dataset-entries';
import { loadArrow } from './load-arrow';
import { loadFile } from './load-file';

const tmp = () => mkdtempSync(join(tmpdir(), 'mm-load-'));

describe('loadFile / loadArrow / loadParquet', () => {
  it('loadArrow(bytes) reads Arrow IPC; its dates validate as days', () => {
    const ipc = toArrowIPC(
      table({ date: [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 0, 2))], revenue: [1.5, 2] }),
    );
    const f = loadArrow(ipc, 'sales.arrow');
    expect(f.table.numRows()).toBe(2);
    expect(datasetEntries(f, 'conversions', 'sales').map((e) => [e.date, e.value])).toEqual([
      ['2024-01-01', 1.5],
      ['2024-01-02', 2],
    ]);
    expect(() => loadArrow(new Uint8Array([1, 2, 3]), 'bad.arrow')).toThrow(InputError);
  });

  it('loadFile(path) picks the loader by extension: .csv, .tsv, .json, .ndjson, .arrow', async () => {
    const dir = tmp();
    const write = (name: string, data: string | Uint8Array) => (writeFileSync(join(dir, name), data), join(dir, name));
    expect((await loadFile(write('a.csv', 'date,x\n2024-01-01,1\n'))).table.numRows()).toBe(1);
    expect((await loadFile(write('a.tsv', 'date\tx\n2024-01-01\t1,5\n'))).table.get('x', 0)).toBe('1,5');
    expect((await loadFile(write('a.json', '[{"x":1}]'))).source).toBe('a.json');
    expect((await loadFile(write('a.ndjson', '{"x":1}\n{"x":2}\n'))).table.numRows()).toBe(2);
    expect((await loadFile(write('a.arrow', toArrowIPC(table({ x: [1] }))))).table.get('x', 0)).toBe(1);
    await expect(loadFile(write('a.xlsx', 'x'))).rejects.toThrow(/a\.xlsx: unknown file type `\.xlsx`/);
    await expect(loadFile(join(dir, 'missing.csv'))).rejects.toThrow(/cannot read .*missing\.csv: ENOENT/);
  });

  it('loadFile(path.parquet) reads Parquet through DuckDB', async () => {
    const path = join(tmp(), 'spend.parquet');
    await withDuckDb((c) =>
      c.run(
        `copy (select date '2024-01-01' + i::int as date, 'tv' as channel, i * 1.5 as spend from range(3) t(i)) to ${sqlString(path)} (format parquet)`,
      ),
    );
    const f = await loadFile(path);
    expect(f.source).toBe('spend.parquet');
    const spend = datasetEntries(f, 'summary', 'tv').map((e) => [e.date, e.value]);
    expect(spend).toEqual([
      ['2024-01-01', 0],
      ['2024-01-02', 1.5],
      ['2024-01-03', 3],
    ]);
    const bad = join(tmp(), 'bad.parquet');
    writeFileSync(bad, 'not parquet');
    await expect(loadFile(bad)).rejects.toThrow(/bad\.parquet is not a readable Parquet file/);
  });

  it('loadFile(a 600 MB csv) is refused before reading, naming the out-of-core path', async () => {
    const path = join(tmp(), 'huge.csv');
    writeFileSync(path, '');
    truncateSync(path, 600 * 2 ** 20); // sparse: no 600 MB written
    try {
      await expect(loadFile(path)).rejects.toThrow(
        /huge\.csv is 600 MB, more than the in-memory reader takes \(512 MB\); .*--engine duckdb/,
      );
    } finally {
      rmSync(path);
    }
  });
});
