import { describe, expect, it } from 'vitest';
import { dateOfDay, dayNumber } from '../math/calendar';
import { harmonizeDatasets } from './harmonize-datasets';

/** `n` Mondays from 2024-01-01. */
const mondays = (n: number) => Array.from({ length: n }, (_, t) => dateOfDay(dayNumber('2024-01-01') + 7 * t));
const WEEKS = mondays(56);
const spend = Object.entries({ north: { tv: 10, radio: 1 }, south: { tv: 20 } }).flatMap(([geo, chans]) =>
  WEEKS.flatMap((date, t) => Object.entries(chans).map(([channel, base]) => ({ date, geo, channel, spend: base + t }))),
);
// South's sales start three weeks late: its outcome covers 53 of the 56 weeks.
const sales = [
  ...WEEKS.map((date, t) => ({ date, geo: 'north', revenue: 100 + t })),
  ...WEEKS.slice(3).map((date, t) => ({ date, geo: 'south', revenue: 200 + t })),
];
const sum = (n: number, base: number) => n * base + (n * (n - 1)) / 2;

describe('geoTotals in the harmonize summary', () => {
  it('harmonizeDatasets(geo data).summary.geoTotals: per geo the periods its conversions cover and its spend', () => {
    const h = harmonizeDatasets([
      { name: 'media', kind: 'summary', data: spend },
      { name: 'sales', kind: 'conversions', data: sales },
    ]);
    expect(h.summary.geoTotals).toEqual({
      north: { from: '2024-01-01', to: WEEKS[55], periods: 56, spend: sum(56, 10) + sum(56, 1) },
      south: { from: WEEKS[3], to: WEEKS[55], periods: 53, spend: sum(56, 20) },
    });
  });

  it('national data have no geoTotals, and geo media without spend give spend null', () => {
    const national = harmonizeDatasets([
      { name: 'media', kind: 'summary', data: spend.filter((r) => r.geo === 'north').map(({ geo: _g, ...r }) => r) },
      {
        name: 'sales',
        kind: 'conversions',
        data: sales.filter((r) => r.geo === 'north').map(({ geo: _g, ...r }) => r),
      },
    ]);
    expect(national.summary.geoTotals).toBeUndefined();
    const impressions = spend.map(({ spend: s, ...r }) => ({ ...r, impressions: 1000 * s }));
    const h = harmonizeDatasets([
      { name: 'media', kind: 'summary', data: impressions },
      { name: 'sales', kind: 'conversions', data: sales },
    ]);
    expect(h.summary.geoTotals?.['south']).toEqual({ from: WEEKS[3], to: WEEKS[55], periods: 53, spend: null });
  });
});
