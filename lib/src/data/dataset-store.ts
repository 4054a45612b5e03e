import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { toCSV, type ColumnTable } from 'arquero';
import { StoreError } from '../errors';
import { writeFileAtomic } from '../store/atomic-write';
import { DATASETS_FOLDER, MANIFEST_FILE } from '../store/layout';
import { DATASET_FORMAT, type DatasetManifest } from './dataset-manifest';
import type { Frame } from './frame';
import { loadCsv } from './load-csv';

/**
 * Stores a dataset as `datasets/<name>/<file>.csv` plus `manifest.json`, replacing an earlier one
 * atomically: the new CSV gets a fresh name, then the manifest is renamed over the old one, then the
 * old CSV is removed. A reader that follows the manifest never sees a mix.
 *
 * @throws StoreError when the workspace cannot be written
 */
export function writeDataset(
  workspace: string,
  manifest: Omit<DatasetManifest, 'format' | 'file'>,
  table: ColumnTable,
): DatasetManifest {
  const dir = join(workspace, DATASETS_FOLDER, manifest.name);
  const stamp = manifest.importedAt.replace(/[-:.]/g, '');
  const file = `data-${stamp}-${Math.random().toString(36).slice(2, 8)}.csv`;
  const full: DatasetManifest = { format: DATASET_FORMAT, ...manifest, file };
  writeFileAtomic(join(dir, file), toCSV(table));
  writeFileAtomic(join(dir, MANIFEST_FILE), JSON.stringify(full, null, 2) + '\n');
  for (const f of readdirSync(dir)) if (f !== file && /^data-.*\.csv$/.test(f)) rmSync(join(dir, f), { force: true });
  return full;
}

/**
 * Reads every stored dataset of a workspace, sorted by name, as manifests and frames whose rows and
 * source name match the original import (errors still say `row 12 of spend.csv`).
 *
 * @throws StoreError naming the file when a manifest or its CSV is missing or unreadable
 */
export function readDatasets(workspace: string): { manifest: DatasetManifest; frame: Frame }[] {
  const root = join(workspace, DATASETS_FOLDER);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort()
    .map((name) => readDataset(join(root, name)));
}

function readDataset(dir: string): { manifest: DatasetManifest; frame: Frame } {
  const path = join(dir, MANIFEST_FILE);
  let manifest: DatasetManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as DatasetManifest;
  } catch (e) {
    throw new StoreError(`${path}: cannot read the dataset manifest (${(e as Error).message})`);
  }
  if (manifest.format !== DATASET_FORMAT) {
    throw new StoreError(`${path}: field \`format\` must be ${DATASET_FORMAT}; got ${String(manifest.format)}`);
  }
  let text: string;
  try {
    text = readFileSync(join(dir, manifest.file), 'utf8');
  } catch (e) {
    throw new StoreError(`${join(dir, manifest.file)}: cannot read the dataset (${(e as Error).message})`);
  }
  const csv = loadCsv(text, { source: manifest.source, delimiter: ',' });
  return { manifest, frame: { ...csv, firstRow: manifest.firstRow, decimal: manifest.decimal } };
}
