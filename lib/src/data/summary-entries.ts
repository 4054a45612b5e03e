import { numberCell, textCell } from './cells';
import { dateColumn } from './dates';
import type { Entry } from './entry';
import type { Frame } from './frame';
import { GEO, geoColumn } from './geo-column';
import { checkUniqueKeys } from './unique-keys';

/**
 * Validates summary data and returns one media entry per non-empty metric cell: long
 * `date,[geo,]channel,<metric>...` or wide `date,[geo,]<channel>_<metric>...`. Metrics are non-negative
 * numbers. With a `geo` column every row names its geo ({@link geoColumn}) and each entry carries it.
 * Call after {@link schemaProblems} found nothing.
 *
 * @param source the dataset name the entries carry
 * @throws InputError naming file, row, column and value: a bad date, an empty channel, a metric that
 *   is not a non-negative number, a key (date, geo, channel) given twice, a geo left empty beside named ones
 * @example summaryEntries(toFrame([{ date: '2024-01-01', channel: 'tv', spend: 5 }], 'r'), 'tv').length // 1
 */
export function summaryEntries(frame: Frame, source: string): Entry[] {
  const dates = dateColumn(frame, 'date');
  const names = frame.table.columnNames();
  const columns = names.filter((c) => c !== 'date' && c !== 'channel' && c !== GEO);
  const long = names.includes('channel');
  const n = frame.table.numRows();
  const geos = geoColumn(frame);
  const channels = long ? Array.from({ length: n }, (_, i) => textCell(frame, 'channel', i)) : null;
  const key = (i: number) => [dates[i]!, ...(geos ? [geos[i]!] : []), ...(channels ? [channels[i]!] : [])].join('|');
  const keyColumns = ['date', ...(geos ? [GEO] : []), ...(channels ? ['channel'] : [])];
  checkUniqueKeys(
    frame,
    Array.from({ length: n }, (_, i) => key(i)),
    keyColumns,
  );
  const split = columns.map((c) => {
    const cut = c.lastIndexOf('_');
    return channels ? { channel: '', metric: c } : { channel: c.slice(0, cut), metric: c.slice(cut + 1) };
  });
  const out: Entry[] = [];
  for (let i = 0; i < n; i++) {
    columns.forEach((c, j) => {
      const value = numberCell(frame, c, i, 0);
      if (value === null) return;
      const channel = channels ? channels[i]! : split[j]!.channel;
      out.push({
        table: 'media',
        date: dates[i]!,
        ...(geos ? { geo: geos[i]! } : {}),
        channel,
        metric: split[j]!.metric,
        value,
        source,
        file: frame.source,
        row: frame.firstRow + i,
      });
    });
  }
  return out;
}
