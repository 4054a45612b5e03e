import { ColumnTable, table } from 'arquero';
import { InputError, show } from '../errors';

/**
 * A loaded table before validation: an arquero table of raw cells (strings from CSV, typed values from
 * JSON, Arrow, Parquet or memory), the name of its source for error messages, and the row number of
 * its first record as a user counts it (2 in a CSV file, whose header is row 1; 1 elsewhere).
 */
export interface Frame {
  /** The file name or label errors name: `` at row 12 of spend.csv ``. */
  readonly source: string;
  /** The cells, one column per field, in input order. */
  readonly table: ColumnTable;
  /** The row number of record 0. */
  readonly firstRow: number;
  /** The decimal mark of numbers written as text: `,` in `;`-separated CSV, else `.`. */
  readonly decimal: '.' | ',';
}

/** A plain record: one row as an object from field name to cell. */
export type DataRecord = Record<string, unknown>;

/**
 * An in-memory table: an arquero table, an array of records, a column object (`{ date: [...], spend: [...] }`)
 * or any object shaped like a danfojs DataFrame (`columns` + row-major `values`, or a `toJSON()` that
 * returns records or columns).
 */
export type TableInput = ColumnTable | readonly DataRecord[] | Record<string, readonly unknown[]> | object;

/**
 * Wraps an in-memory table as a {@link Frame}; the caller's data is not modified.
 *
 * @param input records, a column object, an arquero table or a DataFrame-shaped object
 * @param source the label errors name, e.g. `records` or `sample:tv`
 * @throws InputError when the input has none of the accepted shapes or its columns differ in length
 * @example toFrame([{ date: '2024-01-01', channel: 'tv', spend: 10 }], 'records').table.numRows() // 1
 */
export function toFrame(input: TableInput, source: string): Frame {
  return { source, table: toTable(input, source, 0), firstRow: 1, decimal: '.' };
}

/**
 * Tells a loaded {@link Frame} from other input.
 *
 * @example isFrame(loadCsv('a\n1')) // true
 */
export function isFrame(x: unknown): x is Frame {
  const f = x as Frame;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.source === 'string' &&
    typeof f.firstRow === 'number' &&
    f.table instanceof ColumnTable
  );
}

function toTable(input: unknown, source: string, depth: number): ColumnTable {
  if (input instanceof ColumnTable) return input;
  if (Array.isArray(input)) return fromRecords(input, source);
  if (typeof input === 'object' && input !== null && depth < 2) {
    const o = input as { columns?: unknown; values?: unknown; toJSON?: unknown };
    if (isStrings(o.columns) && Array.isArray(o.values)) return fromRows(o.columns, o.values, source);
    if (typeof o.toJSON === 'function') return toTable((o.toJSON as () => unknown)(), source, depth + 1);
    const cols = Object.entries(input);
    if (cols.length > 0 && cols.every(([, v]) => Array.isArray(v)))
      return fromColumns(cols as [string, unknown[]][], source);
  }
  throw new InputError(
    `${source}: input must be records, a column object, an arquero table or a DataFrame; got ${show(typeof input)}`,
  );
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((c) => typeof c === 'string');
}

function fromRecords(records: unknown[], source: string): ColumnTable {
  const names: string[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      throw new InputError(`${source}: record ${i + 1} must be an object; got ${show(r)}`);
    }
    for (const k of Object.keys(r)) {
      if (seen.has(k)) continue;
      seen.add(k);
      names.push(k);
    }
  });
  const cols: Record<string, unknown[]> = {};
  for (const n of names) cols[n] = records.map((r) => (r as DataRecord)[n] ?? null);
  return table(cols);
}

function fromRows(columns: string[], values: unknown[], source: string): ColumnTable {
  const cols: Record<string, unknown[]> = {};
  columns.forEach((c, j) => {
    cols[c] = values.map((row, i) => {
      if (!Array.isArray(row)) throw new InputError(`${source}: row ${i + 1} must be an array; got ${show(row)}`);
      return row[j] ?? null;
    });
  });
  return table(cols);
}

function fromColumns(cols: [string, unknown[]][], source: string): ColumnTable {
  const n = cols[0]![1].length;
  for (const [name, v] of cols) {
    if (v.length !== n) {
      throw new InputError(
        `${source}: column \`${name}\` must have ${n} values like the first column; got ${v.length}`,
      );
    }
  }
  return table(Object.fromEntries(cols));
}
