import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { checkText } from '../data/check-text';
import { sqlString } from '../data/duckdb';
import { sniffDelimiter } from '../data/load-csv';
import { parseCsv } from '../data/parse-csv';
import { InputError, MixModelerError, show } from '../errors';

/** How much of a file's head is read to check it is text and to read its header. */
const HEAD = 65_536;

/**
 * The DuckDB table function that reads an event file: `read_parquet` (of a file, or of a folder's
 * `.parquet` files, by name: check they share one schema with {@link checkSameSchema}), `read_json_auto` for NDJSON, or
 * for CSV/TSV a strict `read_csv` (no dialect sniffing, every column text, an unterminated quote or a
 * row with another field count than the header is an error) whose columns and delimiter come from the
 * header, read here. Text files are checked to be text first ({@link checkText}, on the first 64 KB).
 *
 * @throws InputError naming the file: unknown type, unreadable, binary, a bad or repeated header column
 * @example eventFileRelation('/data/ev.csv') // "read_csv('/data/ev.csv', header = true, ...)"
 */
export function eventFileRelation(path: string): string {
  const file = basename(path);
  const folder = parquetFolderFiles(path);
  if (folder) return `read_parquet([${folder.map(sqlString).join(', ')}])`;
  const ext = extname(path).toLowerCase();
  const p = sqlString(path);
  if (ext === '.parquet') return `read_parquet(${p})`;
  const isCsv = ext === '.csv' || ext === '.tsv' || ext === '.txt';
  if (!isCsv && ext !== '.ndjson' && ext !== '.jsonl') {
    throw new InputError(
      `${file}: unknown event file type \`${ext || '(none)'}\`; expected .csv, .tsv, .parquet, .ndjson or .jsonl`,
    );
  }
  const head = readHead(path).replace(/^\uFEFF/, '');
  checkText(head, file, isCsv ? 'CSV' : 'NDJSON');
  if (!isCsv) return `read_json_auto(${p}, format = 'newline_delimited')`;
  const delimiter = ext === '.tsv' ? '\t' : sniffDelimiter(head);
  const header = csvHeader(head, delimiter, file);
  const columns = header.map((h) => `${sqlString(h)}: 'VARCHAR'`).join(', ');
  return (
    `read_csv(${p}, header = true, auto_detect = false, columns = {${columns}}, delim = ${sqlString(delimiter)}, ` +
    `quote = '"', escape = '"', strict_mode = true, null_padding = false)`
  );
}

/**
 * The `.parquet` files of a folder, sorted by name (hidden ones left out), or null when `path` is not a
 * folder.
 *
 * @throws InputError when the folder holds none
 */
export function parquetFolderFiles(path: string): string[] | null {
  if (!existsSync(path) || !statSync(path).isDirectory()) return null;
  const files = readdirSync(path)
    .filter((f) => /\.parquet$/i.test(f) && !f.startsWith('.'))
    .sort()
    .map((f) => join(path, f));
  if (files.length === 0) throw new InputError(`${basename(path)} holds no .parquet files`);
  return files;
}

/**
 * Turns a DuckDB error raised while reading an event file into an InputError naming the file and row
 * (DuckDB's CSV line, the header being row 1), never quoting DuckDB's copy of the offending line, which
 * after a stray quote is the rest of the file.
 *
 * @example duckDbReadError(new Error('CSV Error on Line: 3\n...Expected Number of Columns: 5 Found: 6'), 'ev.csv')
 */
export function duckDbReadError(e: unknown, file: string): MixModelerError {
  if (e instanceof MixModelerError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const memory = duckDbMemoryError(e);
  if (memory) return memory;
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const at = line === undefined ? file : `row ${line} of ${file}`;
  const count = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (count) {
    const [want, got] = [+count[1]!, +count[2]!];
    return new InputError(
      `${at} has ${got} field${got === 1 ? '' : 's'}; the header has ${want}` +
        (got > want ? ' (a value holding the delimiter must be quoted)' : ''),
    );
  }
  if (/unterminated quote/i.test(message)) {
    return new InputError(
      `a quoted value that starts at ${at} is never closed; quote a whole value and double the quotes inside it ("")`,
    );
  }
  if (/invalid unicode|not utf-8/i.test(message)) {
    return new InputError(`${file} does not look like text (CSV): ${at} holds bytes that are not UTF-8`);
  }
  const first = message.split('\n')[0]!;
  return new InputError(`${file} cannot be read as event data: ${first.length > 200 ? show(first) : first}`);
}

/**
 * Refuses two files of one input (a folder's Parquet files) whose columns differ in name or type,
 * naming both files and the column.
 *
 * @throws InputError `` part-1.parquet has no column `value`, which part-0.parquet has; the files must share one schema ``
 * @example checkSameSchema({ label: 'a', columns: new Map([['x', 'int']]) }, { label: 'b', columns: new Map([['x', 'int']]) })
 */
export function checkSameSchema(
  a: { label: string; columns: Map<string, string> },
  b: { label: string; columns: Map<string, string> },
): void {
  for (const [name, type] of a.columns) {
    if (!b.columns.has(name))
      throw new InputError(
        `${b.label} has no column \`${name}\`, which ${a.label} has; the files must share one schema`,
      );
    if (b.columns.get(name) !== type)
      throw new InputError(
        `column \`${name}\` is ${b.columns.get(name)} in ${b.label} but ${type} in ${a.label}; the files must share one schema`,
      );
  }
  for (const name of b.columns.keys())
    if (!a.columns.has(name))
      throw new InputError(
        `${b.label} has a column \`${name}\` that ${a.label} lacks; the files must share one schema`,
      );
}

/**
 * Checks an event input's columns (by name): `timestamp`, `channel`, `event`, and `user_id` or
 * `journey_id`.
 *
 * @returns the user column
 * @throws InputError naming the input and the missing column
 */
export function checkEventColumns(columns: { has(name: string): boolean }, label: string): 'user_id' | 'journey_id' {
  for (const col of ['timestamp', 'channel', 'event'])
    if (!columns.has(col)) throw new InputError(`${label} does not fit the events schema: no \`${col}\` column`);
  if (!columns.has('user_id') && !columns.has('journey_id'))
    throw new InputError(`${label} does not fit the events schema: no \`user_id\` or \`journey_id\` column`);
  return columns.has('user_id') ? 'user_id' : 'journey_id';
}

// Numeric column types of DuckDB and Spark (a Parquet `value` read as a number, not through text).
const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL|U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)\b/i;

/**
 * Which of an event input's columns are typed, from their DuckDB or Spark types: a `timestamp` of a
 * timestamp type, a numeric `value`.
 *
 * @example typedEventColumns(new Map([['timestamp', 'TIMESTAMP WITH TIME ZONE'], ['value', 'DOUBLE']]))
 */
export function typedEventColumns(types: Map<string, string>): { timestamp: boolean; value: boolean } {
  return { timestamp: /^TIMESTAMP/i.test(types.get('timestamp') ?? ''), value: NUMERIC.test(types.get('value') ?? '') };
}

/**
 * Refuses a folder whose files do not share one schema, from each file's own columns (`file, col_name,
 * data_type` rows, as Spark's footers give them), naming the two files: Spark reads a folder with one
 * file's columns, so a file lacking one would give NULLs, and one with another type would fail mid-job.
 *
 * @throws InputError naming both files (`label/file`) and the column
 */
export function checkFileSchemas(rows: readonly Record<string, unknown>[], label: string): void {
  const files = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const f = String(r['file']);
    const columns = files.get(f) ?? new Map<string, string>();
    columns.set(String(r['col_name']), String(r['data_type']));
    files.set(f, columns);
  }
  const names = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = (f: string) => ({ label: names.length === 1 ? label : `${label}/${f}`, columns: files.get(f)! });
  for (const f of names.slice(1)) checkSameSchema(at(names[0]!), at(f));
}

/**
 * DuckDB's out-of-memory error in words, or null for any other error: not the input's fault (it is
 * never an InputError) but the memory limit's, which the caller can raise.
 *
 * @example duckDbMemoryError(new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (953.5 MiB/953.6 MiB used)'))
 */
export function duckDbMemoryError(e: unknown): MixModelerError | null {
  const message = e instanceof Error ? e.message : String(e);
  if (!/Out of Memory Error/i.test(message)) return null;
  const used = /\(([^()]*) used\)/.exec(message)?.[1];
  return new MixModelerError(
    'E_RESOURCE',
    `DuckDB ran out of memory at its memory limit${used ? ` (${used} used)` : ''}: part of this work cannot ` +
      'spill to disk; give it a larger memory limit (`memoryLimit`, e.g. 2GB), or fewer rows at once',
  );
}

function readHead(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(HEAD);
    const n = readSync(fd, buf, 0, HEAD, 0);
    // Cut at the last line break so a multi-byte character or a record is not split.
    const text = buf.subarray(0, n).toString('utf8');
    const cut = text.lastIndexOf('\n');
    return n < HEAD || cut < 0 ? text : text.slice(0, cut + 1);
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// The header: the head's first line split strictly, each name once.
function csvHeader(head: string, delimiter: string, file: string): string[] {
  const end = head.search(/\r?\n|\r/);
  const line = end < 0 ? head : head.slice(0, end);
  if (line.trim() === '') throw new InputError(`${file} is empty; expected a header row and data rows`);
  const { header } = parseCsv(line, delimiter, file);
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup !== undefined) throw new InputError(`${file}: column ${show(dup)} appears twice in the header`);
  return header;
}
