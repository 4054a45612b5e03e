import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Runs `work` on a fresh in-memory DuckDB connection and closes it afterwards. DuckDB is loaded on
 * first use, so importing mixmodeler does not load its native library.
 *
 * @param settings DuckDB settings such as `{ threads: '2', memory_limit: '3GB' }`
 * @example await withDuckDb((c) => c.runAndReadAll('select 1'))
 */
export async function withDuckDb<T>(
  work: (connection: DuckDBConnection) => Promise<T>,
  settings: Record<string, string> = {},
): Promise<T> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', settings);
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Quotes a string as a SQL literal: `it's` → `'it''s'`.
 *
 * @example sqlString("a'b.csv") // "'a''b.csv'"
 */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
