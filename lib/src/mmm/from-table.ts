import { from as aqFrom, table as aqTable } from 'arquero';
import type { ColumnTable } from 'arquero';
import { InputError } from '../errors';
import type { MmmData } from './spec';

/** Which columns of a wide table (one row per period) feed the model. */
export interface TableMapping {
  date: string;
  outcome: string;
  channels: { name: string; input: string; spend?: string }[];
  factors?: { name: string; column: string; kind: 'internal' | 'external' }[];
}

/** A danfojs-like DataFrame: column names and row-major values (danfojs is not a dependency). */
export interface DataFrameLike {
  columns: string[];
  values: unknown[][];
}

/** A frame the model accepts: an arquero table, a danfojs DataFrame, records, or an object of columns. */
export type FrameInput = ColumnTable | DataFrameLike | Record<string, unknown>[] | Record<string, ArrayLike<unknown>>;

function isDataFrame(frame: unknown): frame is DataFrameLike {
  const f = frame as DataFrameLike;
  return Array.isArray(f.columns) && Array.isArray(f.values) && (f.values.length === 0 || Array.isArray(f.values[0]));
}

function toTable(frame: FrameInput): ColumnTable {
  if (Array.isArray(frame)) return aqFrom(frame);
  if (typeof (frame as ColumnTable).columnNames === 'function') return frame as ColumnTable;
  if (isDataFrame(frame)) {
    return aqTable(Object.fromEntries(frame.columns.map((c, j) => [c, frame.values.map((row) => row[j])])));
  }
  return aqTable(frame as Record<string, ArrayLike<unknown>>);
}

function isoDate(v: unknown, row: number, column: string): string {
  const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null;
  if (!d || Number.isNaN(d.getTime())) {
    throw new InputError(`column \`${column}\` row ${row + 1}: not a date: ${JSON.stringify(v)}`);
  }
  return d.toISOString().slice(0, 10);
}

/**
 * Builds model data from a wide frame with one row per period, sorted by date. Arquero is the engine;
 * arrays of records and column objects are wrapped into arquero tables first.
 *
 * @throws InputError naming the missing column, or the row and column of a value that is not a number
 * @example mmmDataFromTable(aq.from(rows), { date: 'week', outcome: 'revenue', channels: [{ name: 'tv', input: 'tv_spend' }] })
 */
export function mmmDataFromTable(frame: FrameInput, mapping: TableMapping): MmmData {
  const t = toTable(frame).orderby(mapping.date);
  const have = new Set(t.columnNames());
  const need = [
    mapping.date,
    mapping.outcome,
    ...mapping.channels.flatMap((c) => [c.input, c.spend ?? c.input]),
    ...(mapping.factors ?? []).map((f) => f.column),
  ];
  for (const col of need) {
    if (!have.has(col))
      throw new InputError(`column \`${col}\` is not in the table (columns: ${[...have].join(', ')})`);
  }
  const numbers = (column: string): Float64Array => {
    const values = t.array(column) as ArrayLike<unknown>;
    return Float64Array.from({ length: values.length }, (_, i) => {
      const v = values[i];
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(n))
        throw new InputError(`column \`${column}\` row ${i + 1}: not a number: ${JSON.stringify(v)}`);
      return n;
    });
  };
  const dateValues = t.array(mapping.date) as ArrayLike<unknown>;
  return {
    dates: Array.from({ length: dateValues.length }, (_, i) => isoDate(dateValues[i], i, mapping.date)),
    outcome: numbers(mapping.outcome),
    channels: mapping.channels.map((c) => ({
      name: c.name,
      input: numbers(c.input),
      spend: numbers(c.spend ?? c.input),
    })),
    factors: (mapping.factors ?? []).map((f) => ({ name: f.name, kind: f.kind, values: numbers(f.column) })),
  };
}
