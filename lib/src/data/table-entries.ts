import { numberCell, textCell } from './cells';
import { dateColumn } from './dates';
import type { Entry } from './entry';
import type { Frame } from './frame';
import { GEO, geoColumn } from './geo-column';
import { checkUniqueKeys } from './unique-keys';

/**
 * Validates conversions (`date,[geo,]<metric>...`) or factors (long `date,[geo,]factor,value` or wide
 * `date,[geo,]<factor>...`) and returns one entry per cell. Conversion metrics must be numbers; an empty
 * factor cell gives a null entry, reported later as missing, never zero. With a `geo` column every row
 * names its geo ({@link geoColumn}); factors without one are national and apply to every geo.
 * Call after {@link schemaProblems} found nothing.
 *
 * @throws InputError naming file, row, column and value: a bad date, a non-numeric value, a key given
 *   twice, a geo left empty beside named ones
 * @example tableEntries(toFrame([{ date: '2024-01-01', revenue: 9 }], 'r'), 'conversions', 'sales')[0].metric // 'revenue'
 */
export function tableEntries(frame: Frame, table: 'conversions' | 'factors', source: string): Entry[] {
  const dates = dateColumn(frame, 'date');
  const n = frame.table.numRows();
  const geos = geoColumn(frame);
  const base = { table, channel: '', source, file: frame.source };
  const at = (i: number) => ({ date: dates[i]!, ...(geos ? { geo: geos[i]! } : {}), row: frame.firstRow + i });
  const keys = (extra?: string[]) =>
    Array.from({ length: n }, (_, i) =>
      [dates[i]!, ...(geos ? [geos[i]!] : []), ...(extra ? [extra[i]!] : [])].join('|'),
    );
  const keyColumns = ['date', ...(geos ? [GEO] : [])];
  const out: Entry[] = [];
  const names = frame.table.columnNames();
  if (table === 'factors' && names.includes('factor')) {
    const factors = Array.from({ length: n }, (_, i) => textCell(frame, 'factor', i));
    checkUniqueKeys(frame, keys(factors), [...keyColumns, 'factor']);
    for (let i = 0; i < n; i++) {
      const value = numberCell(frame, 'value', i);
      out.push({ ...base, ...at(i), metric: factors[i]!, value });
    }
    return out;
  }
  checkUniqueKeys(frame, keys(), keyColumns);
  const columns = names.filter((c) => c !== 'date' && c !== GEO);
  for (let i = 0; i < n; i++) {
    for (const c of columns) {
      const value = numberCell(frame, c, i);
      if (value === null && table === 'conversions') continue;
      out.push({ ...base, ...at(i), metric: c, value });
    }
  }
  return out;
}
