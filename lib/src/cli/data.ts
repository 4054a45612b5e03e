import { deleteDataset, listDatasets } from '../data/dataset-store';
import { MixModelerError } from '../errors';
import { commandFlags, type GlobalFlags, type Out } from './options';

/**
 * `mixmodeler data list` and `mixmodeler data delete NAME`: the stored datasets, and removing one
 * (a wrongly imported dataset would otherwise break every later harmonize).
 *
 * @returns the exit code
 */
export function dataCommand(sub: string, words: readonly string[], global: GlobalFlags, stdout: Out): number {
  if (sub === 'list') {
    commandFlags(words, [], 0);
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
  if (sub === 'delete') {
    const { words: names } = commandFlags(words, [], 1);
    deleteDataset(global.workspace, names[0]!);
    if (global.json) stdout.write(JSON.stringify({ deleted: names[0] }) + '\n');
    else stdout.write(`deleted dataset ${names[0]}; run \`mixmodeler harmonize\` to update the harmonized data\n`);
    return 0;
  }
  throw new MixModelerError('E_USAGE', `unknown command \`data ${sub}\`; see \`mixmodeler help\``);
}
