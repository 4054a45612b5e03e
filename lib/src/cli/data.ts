import { deleteDataset, listDatasets } from '../data/dataset-store';
import type { GlobalFlags, Out } from './options';

/**
 * `mixmodeler data list`: the stored datasets, and a warning for each folder whose import did not
 * finish.
 *
 * @returns the exit code
 */
export function dataListCommand(global: GlobalFlags, stdout: Out): number {
  const { datasets, warnings } = listDatasets(global.workspace);
  if (global.json) stdout.write(JSON.stringify({ datasets, warnings }) + '\n');
  else {
    if (datasets.length === 0) stdout.write(`no datasets in ${global.workspace}\n`);
    for (const d of datasets)
      stdout.write(`${d.name}\t${d.kind}${d.aggregated ? ' (aggregated)' : ''}\t${d.rows} rows\t${d.source}\n`);
    for (const w of warnings) stdout.write(`warning: ${w}\n`);
  }
  return 0;
}

/**
 * `mixmodeler data delete NAME`: removes a stored dataset (a wrongly imported dataset would otherwise
 * break every later harmonize).
 *
 * @returns the exit code
 */
export function dataDeleteCommand(name: string, global: GlobalFlags, stdout: Out): number {
  deleteDataset(global.workspace, name);
  if (global.json) stdout.write(JSON.stringify({ deleted: name }) + '\n');
  else stdout.write(`deleted dataset ${name}; run \`mixmodeler harmonize\` to update the harmonized data\n`);
  return 0;
}
