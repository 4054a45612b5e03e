import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StoreError } from '../errors';
import { sqlString, withDuckDb } from './duckdb';
import type { TouchScore } from '../mta/attribute';
import { touchScoresCsv, type IncrementalTouch } from '../mta/transfer';

const COLUMNS =
  "{'row': 'BIGINT', 'user_id': 'VARCHAR', 'channel': 'VARCHAR', 'timestamp': 'VARCHAR', " +
  "'period': 'VARCHAR', 'score': 'DOUBLE', 'incremental': 'DOUBLE'}";

/**
 * Writes touch scores as a Parquet file for BI tools (the columns of `touchScoresCsv`, typed), through
 * DuckDB. The file appears whole or not at all: it is written next to `path` and renamed over it.
 *
 * @throws StoreError naming the path when it cannot be written
 * @example await writeTouchScoresParquet(result.touches, 'scores.parquet')
 */
export async function writeTouchScoresParquet(
  touches: readonly (TouchScore & Partial<IncrementalTouch>)[],
  path: string,
): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'mm-scores-'));
  const partial = join(dirname(path), `.${Math.random().toString(36).slice(2)}.parquet.tmp`);
  try {
    const csv = join(scratch, 'scores.csv');
    writeFileSync(csv, touchScoresCsv(touches));
    await withDuckDb(async (c) => {
      await c.run(
        `COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, columns = ${COLUMNS})) ` +
          `TO ${sqlString(partial)} (FORMAT PARQUET)`,
      );
    });
    renameSync(partial, path);
  } catch (e) {
    rmSync(partial, { force: true });
    throw new StoreError(`cannot write ${path}: ${(e as Error).message}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
