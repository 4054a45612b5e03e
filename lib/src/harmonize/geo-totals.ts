import type { ColumnTable } from 'arquero';

/** One geo of harmonized geo data at a glance: the periods its outcome covers and its media spend. */
export interface GeoTotal {
  /** The first and last period start with a conversion value, `YYYY-MM-DD`; null when it has none. */
  from: string | null;
  to: string | null;
  /** Periods with a conversion value (of any conversion metric). */
  periods: number;
  /** Spend summed over every channel and period; null when the media have no `spend` metric. */
  spend: number | null;
}

/**
 * Per geo, the periods its conversions cover and its total spend, from the harmonized tables
 * (`media`: `date, geo, channel, <metric>...`; `conversions`: `date, geo, <metric>...`, null where
 * missing): what the model canvas lists beside each geo before the user picks the geos to model.
 *
 * @param geos the geos, in the order of the result's keys
 * @example geoTotals(h.media, h.conversions, ['north', 'south']).north // { from: '2024-01-01', to: '2024-12-30', periods: 53, spend: 1908 }
 */
export function geoTotals(
  media: ColumnTable,
  conversions: ColumnTable,
  geos: readonly string[],
): Record<string, GeoTotal> {
  const out: Record<string, GeoTotal> = Object.fromEntries(
    geos.map((g) => [g, { from: null, to: null, periods: 0, spend: null }]),
  );
  if (media.columnNames().includes('spend')) {
    const geo = media.array('geo') as string[];
    const spend = media.array('spend') as number[];
    for (let i = 0; i < geo.length; i++) {
      const o = out[geo[i]!];
      if (o) o.spend = (o.spend ?? 0) + (Number.isFinite(spend[i]) ? spend[i]! : 0);
    }
  }
  const metrics = conversions.columnNames().filter((c) => c !== 'date' && c !== 'geo');
  const dates = conversions.array('date') as string[];
  const geo = conversions.array('geo') as string[];
  const values = metrics.map((m) => conversions.array(m) as (number | null)[]);
  for (let i = 0; i < dates.length; i++) {
    const o = out[geo[i]!];
    if (!o || !values.some((v) => v[i] !== null && v[i] !== undefined && Number.isFinite(v[i]))) continue;
    const d = dates[i]!;
    o.periods++;
    if (o.from === null || d < o.from) o.from = d;
    if (o.to === null || d > o.to) o.to = d;
  }
  return out;
}
