import { constants } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { InputError } from '../errors';
import type { Frame } from './frame';
import { loadArrow } from './load-arrow';
import { loadCsv } from './load-csv';
import { loadJson, loadNdjson } from './load-json';
import { loadParquet } from './load-parquet';
import { formatNumber } from '../format';

/** The file extensions {@link loadFile} reads, by format. */
export const FILE_FORMATS = {
  csv: ['.csv', '.tsv', '.txt'],
  json: ['.json'],
  ndjson: ['.ndjson', '.jsonl'],
  arrow: ['.arrow', '.feather', '.ipc'],
  parquet: ['.parquet'],
} as const;

/**
 * Reads a data file into a {@link Frame}, choosing the loader by extension: CSV/TSV, JSON, NDJSON,
 * Arrow IPC or Parquet. Errors name the file by its base name. A text file larger than a JavaScript
 * string can hold (about 512 MB) is refused before it is read, naming the out-of-core event path.
 *
 * @throws InputError when the file is missing, too large for memory, its extension is unknown or its
 *   content is bad
 * @example const frame = await loadFile('data/spend.csv')
 */
export async function loadFile(path: string): Promise<Frame> {
  const source = basename(path);
  const ext = extname(path).toLowerCase();
  const format = Object.entries(FILE_FORMATS).find(([, exts]) => (exts as readonly string[]).includes(ext))?.[0];
  if (format === undefined) {
    const known = Object.values(FILE_FORMATS).flat().join(', ');
    throw new InputError(`${source}: unknown file type \`${ext || '(none)'}\`; expected one of ${known}`);
  }
  if (format === 'parquet') return loadParquet(path);
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (format !== 'arrow' && size > constants.MAX_STRING_LENGTH) throw tooLarge(source, size);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (format === 'arrow') return loadArrow(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), source);
  const text = bytes.toString('utf8');
  if (format === 'json') return loadJson(text, { source });
  if (format === 'ndjson') return loadNdjson(text, { source });
  return loadCsv(text, { source, ...(ext === '.tsv' ? { delimiter: '\t' as const } : {}) });
}

function tooLarge(source: string, size: number): InputError {
  const mb = (n: number) => `${formatNumber(n / 2 ** 20, 0)} MB`;
  return new InputError(
    `${source} is ${mb(size)}, more than the in-memory reader takes (${mb(constants.MAX_STRING_LENGTH)}); ` +
      'import event data this large out of core with `mixmodeler data import FILE --as events --engine duckdb`',
  );
}
