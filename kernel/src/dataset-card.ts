import { formatAmount, isFrame, toFrame, type Frame, type TableInput } from 'mixmodeler';
import { tslabDisplay, type RawDisplay } from './display';
import { card, htmlTable, para, type Cell } from './html';

/** The profile of one column: its kind, how many cells are filled, its range and a few values. */
interface ColumnProfile {
  name: string;
  kind: 'number' | 'date' | 'text' | 'empty' | 'mixed';
  filled: number;
  missing: number;
  distinct: number;
  min: string;
  max: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const isMissing = (v: unknown) => v === null || v === undefined || v === '' || (typeof v === 'number' && isNaN(v));

function kindOf(v: unknown): ColumnProfile['kind'] {
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (v instanceof Date || (typeof v === 'string' && ISO_DATE.test(v))) return 'date';
  return 'text';
}

function cellText(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return formatAmount(v);
  return String(v);
}

/** Profiles every column of a frame: kind, filled and missing cells, distinct values, min and max. */
export function profileColumns(frame: Frame): ColumnProfile[] {
  const t = frame.table;
  return t.columnNames().map((name) => {
    const values = t.array(name) as ArrayLike<unknown>;
    const kinds = new Set<ColumnProfile['kind']>();
    const distinct = new Set<unknown>();
    let filled = 0;
    let min: unknown;
    let max: unknown;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (isMissing(v)) continue;
      filled++;
      kinds.add(kindOf(v));
      const key = v instanceof Date ? v.getTime() : v;
      distinct.add(key);
      if (min === undefined || (key as number) < (min as number)) min = key;
      if (max === undefined || (key as number) > (max as number)) max = key;
    }
    const only = kinds.size === 1 ? [...kinds][0] : undefined;
    const kind: ColumnProfile['kind'] = kinds.size === 0 ? 'empty' : (only ?? 'mixed');
    const show = (v: unknown) =>
      v === undefined ? '' : kind === 'date' && typeof v === 'number' ? cellText(new Date(v)) : cellText(v);
    return {
      name,
      kind,
      filled,
      missing: values.length - filled,
      distinct: distinct.size,
      min: show(min),
      max: show(max),
    };
  });
}

/**
 * A dataset as an HTML card: rows and columns, a profile of every column (kind, missing cells, distinct
 * values, range) and its first rows. Takes what the loaders and `importDataset` take: a loaded frame,
 * an arquero table, a danfojs DataFrame, records or a column object. Every cell is escaped.
 */
export function datasetHtml(input: Frame | TableInput, name = 'dataset', headRows = 5): string {
  const frame = isFrame(input) ? input : toFrame(input, name);
  const t = frame.table;
  const profile = profileColumns(frame);
  const missing = profile.filter((c) => c.missing > 0);
  const head: Cell[][] = [];
  const columns = t.columnNames();
  for (let r = 0; r < Math.min(headRows, t.numRows()); r++) {
    head.push([String(frame.firstRow + r), ...columns.map((c) => cellText(t.get(c, r)))]);
  }
  return card(
    `${name}: ${formatAmount(t.numRows())} rows × ${columns.length} columns`,
    para(`Source: ${frame.source}.`),
    htmlTable(
      'columns',
      ['column', 'kind', 'filled', 'missing', 'distinct', 'min', 'max'],
      profile.map((c) => [
        c.name,
        c.kind,
        formatAmount(c.filled),
        formatAmount(c.missing),
        formatAmount(c.distinct),
        c.min,
        c.max,
      ]),
    ),
    missing.length
      ? para(`Missing cells in ${missing.map((c) => `${c.name} (${c.missing})`).join(', ')}.`)
      : para('No missing cells.'),
    htmlTable(`first ${head.length} rows`, ['row', ...columns], head),
  );
}

/** Shows a dataset in the notebook: its card (HTML). */
export function showDataset(input: Frame | TableInput, name?: string, display?: RawDisplay): void {
  (display ?? tslabDisplay()).raw('text/html', datasetHtml(input, name));
}
