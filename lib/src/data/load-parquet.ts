import { basename } from 'node:path';
import { InputError } from '../errors';
import { withDuckDb, sqlString } from './duckdb';
import { toFrame, type Frame } from './frame';

/**
 * Reads a Parquet file into a {@link Frame} through DuckDB (`read_parquet`); dates come back as
 * `YYYY-MM-DD` text, timestamps as `YYYY-MM-DD HH:MM:SS`, wide integers and decimals as text.
 *
 * @param path the Parquet file
 * @throws InputError naming the file when it cannot be read as Parquet or holds no rows
 * @example const frame = await loadParquet('spend.parquet')
 */
export async function loadParquet(path: string): Promise<Frame> {
  const source = basename(path);
  const records = await withDuckDb(async (c) => {
    try {
      return (await c.runAndReadAll(`select * from read_parquet(${sqlString(path)})`)).getRowObjectsJson();
    } catch (e) {
      throw new InputError(`${source} is not a readable Parquet file: ${(e as Error).message}`);
    }
  });
  if (records.length === 0) throw new InputError(`${source} is empty; expected at least one row`);
  return toFrame(records, source);
}
