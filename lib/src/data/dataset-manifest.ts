import type { DatasetKind } from './kinds';

/** The format tag of a dataset manifest. */
export const DATASET_FORMAT = 'mixmodeler.dataset/1';

/**
 * `datasets/<name>/manifest.json`: what was imported and which CSV file in the same folder holds it.
 * The CSV keeps the source's columns and cells as loaded (the rules map them at harmonize time).
 */
export interface DatasetManifest {
  format: typeof DATASET_FORMAT;
  name: string;
  kind: DatasetKind;
  /** The imported file's base name (or the in-memory label), named by error messages. */
  source: string;
  /** The CSV file in the dataset folder, e.g. `data-20261122T101500123Z.csv`. */
  file: string;
  columns: string[];
  rows: number;
  /** The row number of the first record in the source (2 for CSV, 1 otherwise). */
  firstRow: number;
  /** The decimal mark of numbers written as text. */
  decimal: '.' | ',';
  /** True for event data already aggregated per day and channel (the DuckDB path). */
  aggregated: boolean;
  /** ISO timestamp of the import. */
  importedAt: string;
  /** Event data imported out of core: the events as a Parquet file in the same folder, read by `mta`. */
  events?: { file: string; rows: number };
}

/** What an import tells about a dataset: the manifest plus what validation found. */
export interface DatasetInfo extends Omit<DatasetManifest, 'format' | 'file'> {
  /** True when the columns fit the kind's schema and every cell was validated at import. */
  validated: boolean;
  /** Schema problems that rules must fix before harmonize (fields to map); empty when validated. */
  warnings: string[];
  /** First and last day, when validated. */
  from: string | null;
  to: string | null;
  /** Media channels (summary, events) or metrics/factors found, when validated. */
  channels: string[];
  metrics: string[];
  /** The geos of a dataset with a `geo` column, sorted; absent for national data. */
  geos?: string[];
}
