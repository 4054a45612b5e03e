import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { toCSV, type ColumnTable } from 'arquero';
import { StoreError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { DATASETS_FOLDER, MANIFEST_FILE } from '../fs/layout';
import { withWorkspaceLock } from '../fs/workspace-lock';
import { checkSchema } from '../fs/schemas';
import { DATASET_FORMAT, type DatasetManifest } from './dataset-manifest';
import type { Frame } from './frame';
import { loadCsv } from './load-csv';

/**
 * Stores a dataset as `datasets/<name>/<file>.csv` plus `manifest.json`, replacing an earlier one
 * atomically under the workspace lock: the new CSV gets a fresh name, then the manifest is renamed over
 * the old one, then the old CSV is removed. A reader that follows the manifest never sees a mix, and
 * two imports under one name never interleave.
 *
 * @throws StoreError when the workspace cannot be written (the earlier dataset is kept)
 */
export function writeDataset(
  workspace: string,
  manifest: Omit<DatasetManifest, 'format' | 'file'>,
  table: ColumnTable,
): DatasetManifest {
  const csv = toCSV(table);
  return withWorkspaceLock(workspace, () => {
    const dir = join(workspace, DATASETS_FOLDER, manifest.name);
    const stamp = manifest.importedAt.replace(/[-:.]/g, '');
    const file = `data-${stamp}-${Math.random().toString(36).slice(2, 8)}.csv`;
    const full: DatasetManifest = { format: DATASET_FORMAT, ...manifest, file };
    writeFileAtomic(join(dir, file), csv);
    writeFileAtomic(join(dir, MANIFEST_FILE), JSON.stringify(full, null, 2) + '\n');
    for (const f of readdirSync(dir)) if (f !== file && /^data-.*\.csv$/.test(f)) rmSync(join(dir, f), { force: true });
    // An earlier import's events file (the DuckDB path's Parquet copy) goes once no manifest names it.
    for (const f of readdirSync(dir))
      if (f !== manifest.events?.file && /^events-.*\.parquet$/.test(f)) rmSync(join(dir, f), { force: true });
    return full;
  });
}

/** One stored dataset, as `data list` shows it. */
export type DatasetRow = Pick<
  DatasetManifest,
  'name' | 'kind' | 'source' | 'rows' | 'columns' | 'aggregated' | 'importedAt'
>;

/**
 * Lists the stored datasets of a workspace by name. A dataset folder without a manifest (an import
 * killed before it finished) is skipped and named in `warnings`.
 *
 * @throws StoreError naming the file when a manifest is unreadable
 */
export function listDatasets(workspace: string): { datasets: DatasetRow[]; warnings: string[] } {
  const warnings: string[] = [];
  const datasets = datasetFolders(workspace, warnings).map((dir) => {
    const m = readManifest(dir);
    return {
      name: m.name,
      kind: m.kind,
      source: m.source,
      rows: m.rows,
      columns: m.columns,
      aggregated: m.aggregated,
      importedAt: m.importedAt,
    };
  });
  return { datasets, warnings };
}

/**
 * Deletes a stored dataset under the workspace lock (its folder is renamed aside, then removed). The
 * harmonized data are not changed: run harmonize again.
 *
 * @throws StoreError when there is no dataset of that name
 */
export function deleteDataset(workspace: string, name: string): void {
  const root = join(workspace, DATASETS_FOLDER);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name) || !existsSync(join(root, name)))
    throw new StoreError(
      `no dataset ${JSON.stringify(name.slice(0, 80))} in ${workspace}; see \`mixmodeler data list\``,
    );
  withWorkspaceLock(workspace, () => {
    const aside = join(root, `.deleted-${name}-${Math.random().toString(36).slice(2, 8)}`);
    renameSync(join(root, name), aside);
    rmSync(aside, { recursive: true, force: true });
  });
}

/**
 * Reads every stored dataset of a workspace, sorted by name, as manifests and frames whose rows and
 * source name match the original import (errors still say `row 12 of spend.csv`). A dataset folder
 * without a manifest (an import killed before it finished) is skipped and named through `warn`.
 *
 * @throws StoreError naming the file when a manifest or its CSV is unreadable
 */
export function readDatasets(
  workspace: string,
  warn: (message: string) => void = () => {},
): { manifest: DatasetManifest; frame: Frame }[] {
  const warnings: string[] = [];
  const out = datasetFolders(workspace, warnings).map(readDataset);
  warnings.forEach(warn);
  return out;
}

/**
 * The manifests of every stored dataset, sorted by name, without reading their data (folders without a
 * manifest are skipped, as by {@link readDatasets}).
 *
 * @throws StoreError naming the file when a manifest is unreadable
 */
export function readManifests(workspace: string): DatasetManifest[] {
  return datasetFolders(workspace, []).map(readManifest);
}

function datasetFolders(workspace: string, warnings: string[]): string[] {
  const root = join(workspace, DATASETS_FOLDER);
  if (!existsSync(root)) return [];
  const dirs: string[] = [];
  for (const d of readdirSync(root, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name.startsWith('.')) continue;
    if (existsSync(join(root, d.name, MANIFEST_FILE))) dirs.push(join(root, d.name));
    else
      warnings.push(
        `dataset folder ${d.name} has no manifest (an import did not finish) and is skipped; import it again or \`mixmodeler data delete ${d.name}\``,
      );
  }
  return dirs.sort();
}

function readManifest(dir: string): DatasetManifest {
  const path = join(dir, MANIFEST_FILE);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new StoreError(`${path}: cannot read the dataset manifest (${(e as Error).message})`);
  }
  return checkSchema<DatasetManifest>('dataset-manifest', doc, path, StoreError);
}

function readDataset(dir: string): { manifest: DatasetManifest; frame: Frame } {
  const manifest = readManifest(dir);
  let text: string;
  try {
    text = readFileSync(join(dir, manifest.file), 'utf8');
  } catch (e) {
    throw new StoreError(`${join(dir, manifest.file)}: cannot read the dataset (${(e as Error).message})`);
  }
  const csv = loadCsv(text, { source: manifest.source, delimiter: ',' });
  return { manifest, frame: { ...csv, firstRow: manifest.firstRow, decimal: manifest.decimal } };
}
