import { importFile } from '../data/import-file';
import { importEventsFile } from '../harmonize/import-events-file';
import { MixModelerError } from '../errors';
import type { GlobalFlags, Out } from './options';

/** The options of `data import`, as parsed. */
export interface DataImportOptions {
  as?: string;
  name?: string;
  engine?: string;
  master?: string;
}

/**
 * `mixmodeler data import FILE --as summary|events|conversions|factors [--name NAME] [--engine duckdb|spark]
 * [--master URL]`: validates the file and stores it as a dataset; prints the dataset (with `--json`, one
 * JSON document). `--engine duckdb` aggregates event files larger than memory out of core first;
 * `--engine spark` has Spark aggregate Parquet events (a file, a folder, a URI) on `--master`.
 *
 * @param file the file to import
 * @returns the exit code
 */
export async function dataImportCommand(
  file: string,
  flags: DataImportOptions,
  global: GlobalFlags,
  stdout: Out,
): Promise<number> {
  if (flags.as === undefined)
    throw new MixModelerError('E_USAGE', '`data import` needs `--as summary|events|conversions|factors`');
  const engine = flags.engine ?? 'memory';
  if (engine !== 'memory' && !((engine === 'duckdb' || engine === 'spark') && flags.as === 'events')) {
    throw new MixModelerError(
      'E_USAGE',
      `\`--engine\` must be memory, or duckdb or spark with \`--as events\`; got ${engine}`,
    );
  }
  if (flags.master && engine !== 'spark') {
    throw new MixModelerError('E_USAGE', `\`--master\` is for \`--engine spark\`; got --engine ${engine}`);
  }
  const options = { workspace: global.workspace, ...(flags.name ? { name: flags.name } : {}) };
  const info =
    engine === 'memory'
      ? await importFile(file, { kind: flags.as, ...options })
      : await importEventsFile(file, {
          ...options,
          engine,
          ...(flags.master ? { master: flags.master } : {}),
        });
  if (global.json) stdout.write(JSON.stringify({ dataset: info }) + '\n');
  else {
    const range = info.from ? `, ${info.from} to ${info.to}` : '';
    stdout.write(`imported ${info.source} as ${info.kind} dataset \`${info.name}\`: ${info.rows} rows${range}\n`);
    for (const w of info.warnings) stdout.write(`warning: ${w}\n`);
  }
  return 0;
}
