import { numberCell, textCell } from './cells';
import { dateColumn } from './dates';
import type { Entry } from './entry';
import type { Frame } from './frame';
import { checkUniqueKeys } from './unique-keys';

/**
 * Validates conversions (`date,<metric>...`) or factors (long `date,factor,value` or wide
 * `date,<factor>...`) and returns one entry per cell. Conversion metrics must be numbers; an empty
 * factor cell gives a null entry, reported later as missing, never zero.
 * Call after {@link schemaProblems} found nothing.
 *
 * @throws InputError naming file, row, column and value: a bad date, a non-numeric value, a key given twice
 * @example tableEntries(toFrame([{ date: '2024-01-01', revenue: 9 }], 'r'), 'conversions', 'sales')[0].metric // 'revenue'
 */
export function tableEntries(frame: Frame, table: 'conversions' | 'factors', source: string): Entry[] {
  const dates = dateColumn(frame, 'date');
  const n = frame.table.numRows();
  const base = { table, channel: '', source, file: frame.source };
  const out: Entry[] = [];
  if (table === 'factors' && frame.table.columnNames().includes('factor')) {
    const factors = Array.from({ length: n }, (_, i) => textCell(frame, 'factor', i));
    checkUniqueKeys(
      frame,
      dates.map((d, i) => `${d}|${factors[i]}`),
      ['date', 'factor'],
    );
    for (let i = 0; i < n; i++) {
      const value = numberCell(frame, 'value', i);
      out.push({ ...base, date: dates[i]!, metric: factors[i]!, value, row: frame.firstRow + i });
    }
    return out;
  }
  checkUniqueKeys(frame, dates, ['date']);
  const columns = frame.table.columnNames().filter((c) => c !== 'date');
  for (let i = 0; i < n; i++) {
    for (const c of columns) {
      const value = numberCell(frame, c, i);
      if (value === null && table === 'conversions') continue;
      out.push({ ...base, date: dates[i]!, metric: c, value, row: frame.firstRow + i });
    }
  }
  return out;
}
