import { cellError, numberCell, textCell } from './cells';
import { dateColumn } from './dates';
import type { Entry } from './entry';
import type { Frame } from './frame';
import { geoColumn } from './geo-column';

/** The channel a conversion without one is counted under; it is never a touch channel. */
export const NO_CHANNEL = '(none)';

/**
 * Validates event data (`user_id` or `journey_id`, `timestamp`, `channel`, `event` = touch|conversion,
 * optional `value` and `geo`) and aggregates it per day (and geo) and channel into three media entries:
 * `touches` (touch count), `conversions` (conversion count) and `value` (sum of conversion values). The
 * day is the timestamp's date as written. A conversion's channel may be empty (analytics exports leave it
 * so): it is counted under {@link NO_CHANNEL}. A `geo` column follows the summary data's rule
 * ({@link geoColumn}: named on every row or on none) and each entry carries its geo. Call after
 * {@link schemaProblems} found nothing.
 *
 * @throws InputError naming file, row, column and value: a bad timestamp, an empty id, a touch whose
 *   channel is empty or `(none)`, an event other than touch/conversion, a value that is not a finite
 *   number, a geo left empty beside named ones
 * @example eventEntries(frame, 'web').filter((e) => e.metric === 'touches')
 */
export function eventEntries(frame: Frame, source: string): Entry[] {
  const dates = dateColumn(frame, 'timestamp');
  const names = frame.table.columnNames();
  const id = names.includes('user_id') ? 'user_id' : 'journey_id';
  const hasValue = names.includes('value');
  const geos = geoColumn(frame);
  const groups = new Map<
    string,
    { date: string; geo: string | null; channel: string; row: number; sums: [number, number, number] }
  >();
  for (let i = 0; i < dates.length; i++) {
    textCell(frame, id, i);
    const raw = frame.table.get('event', i);
    const event = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    if (event !== 'touch' && event !== 'conversion')
      throw cellError(frame, i, 'event', 'must be touch or conversion', raw);
    const channel = event === 'touch' ? touchChannel(frame, i) : conversionChannel(frame, i);
    const geo = geos ? geos[i]! : null;
    const key = `${dates[i]}\0${geo ?? ''}\0${channel}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { date: dates[i]!, geo, channel, row: frame.firstRow + i, sums: [0, 0, 0] }));
    if (event === 'touch') g.sums[0]++;
    else {
      g.sums[1]++;
      g.sums[2] += (hasValue ? numberCell(frame, 'value', i) : null) ?? 0;
    }
  }
  const out: Entry[] = [];
  for (const g of groups.values()) {
    (['touches', 'conversions', 'value'] as const).forEach((metric, k) => {
      out.push({
        table: 'media',
        date: g.date,
        ...(g.geo === null ? {} : { geo: g.geo }),
        channel: g.channel,
        metric,
        value: g.sums[k] ?? 0,
        source,
        file: frame.source,
        row: g.row,
      });
    });
  }
  return out;
}

function touchChannel(frame: Frame, i: number): string {
  const raw = frame.table.get('channel', i);
  const channel = raw === null || raw === undefined ? '' : String(raw).trim();
  if (channel === '' || channel === NO_CHANNEL) {
    throw cellError(frame, i, 'channel', 'must name a channel on a touch (only a conversion may have none)', raw ?? '');
  }
  return channel;
}

function conversionChannel(frame: Frame, i: number): string {
  const raw = frame.table.get('channel', i);
  const s = raw === null || raw === undefined ? '' : String(raw).trim();
  return s === '' ? NO_CHANNEL : s;
}
