import type { DatasetInfo } from './dataset-manifest';
import { importDataset, type ImportOptions } from './import-dataset';
import { checkKind } from './kinds';
import { loadFile } from './load-file';

/**
 * Loads a data file ({@link loadFile}: CSV, JSON, NDJSON, Arrow IPC, Parquet) and imports it
 * ({@link importDataset}); the dataset name defaults to the file's base name without extension.
 *
 * @throws InputError on an unknown kind (checked before reading), an unreadable or empty file, or a bad cell
 * @throws StoreError when the workspace cannot be written
 * @example await importFile('spend.csv', { kind: 'summary', workspace: 'ws' })
 */
export async function importFile(path: string, options: Omit<ImportOptions, 'source'>): Promise<DatasetInfo> {
  checkKind(options.kind);
  return importDataset(await loadFile(path), options);
}
