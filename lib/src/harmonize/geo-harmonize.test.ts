import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCsv } from '../data/load-csv';
import { InputError } from '../errors';
import { dateOfDay, dayNumber } from '../math/calendar';
import { harmonizeDatasets, type DatasetInput } from './harmonize-datasets';
import { readHarmonized, writeHarmonized } from './harmonized-store';
import { checkRules } from './check-rules';
import { geoPanelFromHarmonized, mmmDataFromHarmonized } from './mmm-data';

type Row = Record<string, unknown>;
const rowsOf = (t: { objects(): object[] }) => t.objects() as Row[];

/** `n` Mondays from 2024-01-01. */
const mondays = (n: number, from = '2024-01-01') =>
  Array.from({ length: n }, (_, t) => dateOfDay(dayNumber(from) + 7 * t));
const WEEKS = mondays(53);

/** Long summary rows: spend = base + t for each geo and channel. */
function spendRows(geos: Record<string, Record<string, number>>, dates = WEEKS) {
  return dates.flatMap((date, t) =>
    Object.entries(geos).flatMap(([geo, chans]) =>
      Object.entries(chans).map(([channel, base]) => ({ date, geo, channel, spend: base + t })),
    ),
  );
}
const salesRows = (geos: Record<string, number>, dates = WEEKS) =>
  dates.flatMap((date, t) => Object.entries(geos).map(([geo, base]) => ({ date, geo, revenue: base + t })));

const media: DatasetInput = {
  name: 'media',
  kind: 'summary',
  data: spendRows({ north: { tv: 10, radio: 1 }, south: { tv: 20 } }),
};
const sales: DatasetInput = { name: 'sales', kind: 'conversions', data: salesRows({ north: 100, south: 200 }) };
const mapping = {
  conversion: 'revenue',
  touchpoints: [
    { channel: 'tv', metric: 'spend' },
    { channel: 'radio', metric: 'spend' },
  ],
};

describe('harmonizeDatasets on geo data', () => {
  it('keeps the geo dimension: a geo column, rows per date × geo × channel, the geos in the summary', () => {
    const h = harmonizeDatasets([media, sales]);
    expect(h.media.columnNames()).toEqual(['date', 'geo', 'channel', 'spend']);
    expect(h.media.objects().slice(0, 4)).toEqual([
      { date: '2024-01-01', geo: 'north', channel: 'radio', spend: 1 },
      { date: '2024-01-01', geo: 'north', channel: 'tv', spend: 10 },
      { date: '2024-01-01', geo: 'south', channel: 'radio', spend: 0 },
      { date: '2024-01-01', geo: 'south', channel: 'tv', spend: 20 },
    ]);
    expect(h.conversions.columnNames()).toEqual(['date', 'geo', 'revenue']);
    expect(h.summary).toMatchObject({
      geos: ['north', 'south'],
      channels: ['radio', 'tv'],
      metrics: ['spend'],
      periods: 53,
    });
    expect(h.summary.population).toBeUndefined();
  });

  it('reports a geo × channel with no data as explicit zeros, with the periods filled', () => {
    const h = harmonizeDatasets([media, sales]);
    expect(h.summary.missing.media).toEqual([{ geo: 'south', channel: 'radio', periods: 53 }]);
    const gappy = (media.data as { date: string; geo: string }[]).filter(
      (r) => !(r.geo === 'north' && r.date === '2024-01-08'),
    );
    const g = harmonizeDatasets([{ ...media, data: gappy }, sales]);
    expect(g.summary.missing.media).toEqual([
      { geo: 'north', channel: 'radio', periods: 1 },
      { geo: 'north', channel: 'tv', periods: 1 },
      { geo: 'south', channel: 'radio', periods: 53 },
    ]);
    const row = rowsOf(g.media).find(
      (r) => r['geo'] === 'north' && r['date'] === '2024-01-08' && r['channel'] === 'tv',
    );
    expect(row).toMatchObject({ spend: 0 });
  });

  it('rules.geos renames and merges geos: spend and conversions summed, factor values averaged, populations summed', () => {
    const split = spendRows({ 'N. East': { tv: 3 }, NE: { tv: 4 }, south: { tv: 20 } });
    const factors = WEEKS.flatMap((date) => [
      { date, geo: 'N. East', factor: 'price', value: 8 },
      { date, geo: 'NE', factor: 'price', value: 10 },
      { date, geo: 'south', factor: 'price', value: 5 },
    ]);
    const population = [
      { geo: 'N. East', population: 1000 },
      { geo: 'NE', population: 500 },
      { geo: 'south', population: 2000 },
    ];
    const h = harmonizeDatasets(
      [
        { name: 'media', kind: 'summary', data: split },
        { name: 'sales', kind: 'conversions', data: salesRows({ 'N. East': 50, NE: 60, south: 200 }) },
        { name: 'prices', kind: 'factors', data: factors },
        { name: 'pop', kind: 'population', data: population },
      ],
      { geos: { 'N. East': 'northeast', NE: 'northeast' } },
    );
    expect(h.summary.geos).toEqual(['northeast', 'south']);
    expect(h.summary.population).toEqual({ northeast: 1500, south: 2000 });
    const first = (t: typeof h.media) => rowsOf(t).filter((r) => r['date'] === '2024-01-08');
    expect(first(h.media)).toEqual([
      { date: '2024-01-08', geo: 'northeast', channel: 'tv', spend: 9 },
      { date: '2024-01-08', geo: 'south', channel: 'tv', spend: 21 },
    ]);
    expect(first(h.conversions)).toEqual([
      { date: '2024-01-08', geo: 'northeast', revenue: 112 },
      { date: '2024-01-08', geo: 'south', revenue: 201 },
    ]);
    expect(first(h.factors)).toEqual([
      { date: '2024-01-08', geo: 'northeast', price: 9 },
      { date: '2024-01-08', geo: 'south', price: 5 },
    ]);
  });

  it('two population datasets from files of one name giving one geo are refused, naming the datasets', () => {
    const pop = (name: string) => ({
      name,
      kind: 'population',
      data: loadCsv('geo,population\nnorth,5\nsouth,6\n', { source: 'population.csv' }),
    });
    expect(() => harmonizeDatasets([media, sales, pop('pop'), pop('pop2')])).toThrow(
      /geo "north" has a population at row 2 of population\.csv \(dataset pop\) and again at row 2 of population\.csv \(dataset pop2\)/,
    );
    expect(harmonizeDatasets([media, sales, pop('pop')]).summary.population).toEqual({ north: 5, south: 6 });
  });

  it('a national factor fills every geo; a geo factor stays its geo own; gaps are reported per geo', () => {
    const holiday = WEEKS.map((date, t) => ({ date, factor: 'holiday', value: t % 10 === 0 ? 1 : 0 }));
    const price = WEEKS.flatMap((date, t) =>
      t === 3
        ? [{ date, geo: 'north', factor: 'price', value: 9 }]
        : ['north', 'south'].map((geo) => ({ date, geo, factor: 'price', value: geo === 'north' ? 9 : 7 })),
    );
    const h = harmonizeDatasets([
      media,
      sales,
      { name: 'holidays', kind: 'factors', data: holiday },
      { name: 'prices', kind: 'factors', data: price },
    ]);
    expect(h.factors.columnNames()).toEqual(['date', 'geo', 'holiday', 'price']);
    expect(h.factors.objects().slice(0, 2)).toEqual([
      { date: '2024-01-01', geo: 'north', holiday: 1, price: 9 },
      { date: '2024-01-01', geo: 'south', holiday: 1, price: 7 },
    ]);
    expect(h.summary.missing.factors).toEqual([{ factor: 'price', date: '2024-01-22', geo: 'south' }]);
  });

  it('conflicts are per date × geo × channel and name the geo', () => {
    const again: DatasetInput = {
      name: 'tv',
      kind: 'summary',
      data: [{ date: '2024-01-08', geo: 'south', channel: 'tv', spend: 99 }],
    };
    expect(() => harmonizeDatasets([media, sales, again])).toThrow(InputError);
    expect(() => harmonizeDatasets([media, sales, again])).toThrow(/duplicate key \(2024-01-08, south, tv, spend\)/);
    const h = harmonizeDatasets([media, sales, again], { conflicts: { strategy: 'max' } });
    expect(h.summary.conflicts).toEqual([
      expect.objectContaining({ date: '2024-01-08', geo: 'south', channel: 'tv', value: 99, strategy: 'max' }),
    ]);
    // The same date and channel in another geo is no conflict.
    const north: DatasetInput = { ...again, data: [{ date: '2024-01-08', geo: 'east', channel: 'tv', spend: 5 }] };
    expect(() => harmonizeDatasets([media, sales, north])).toThrow(/geo "east" is in the spend data/);
  });

  it('days become weeks per geo', () => {
    const days = Array.from({ length: 371 }, (_, d) => dateOfDay(dayNumber('2024-01-01') + d));
    const daily = days.flatMap((date) => [
      { date, geo: 'north', channel: 'tv', spend: 1 },
      { date, geo: 'south', channel: 'tv', spend: 2 },
    ]);
    const dailySales = days.flatMap((date) => [
      { date, geo: 'north', revenue: 10 },
      { date, geo: 'south', revenue: 30 },
    ]);
    const h = harmonizeDatasets([
      { name: 'media', kind: 'summary', data: daily },
      { name: 'sales', kind: 'conversions', data: dailySales },
    ]);
    expect(h.summary.periods).toBe(53);
    expect(h.media.objects().slice(0, 2)).toEqual([
      { date: '2024-01-01', geo: 'north', channel: 'tv', spend: 7 },
      { date: '2024-01-01', geo: 'south', channel: 'tv', spend: 14 },
    ]);
    expect(h.conversions.objects()[1]).toEqual({ date: '2024-01-01', geo: 'south', revenue: 210 });
    const byDay = harmonizeDatasets(
      [
        { name: 'media', kind: 'summary', data: daily },
        { name: 'sales', kind: 'conversions', data: dailySales },
      ],
      { grain: 'day' },
    );
    expect(byDay.summary.periods).toBe(371);
  });

  it('a wide summary with a geo column is read per geo', () => {
    const wide = WEEKS.flatMap((date) => [
      { date, geo: 'north', tv_spend: 1, radio_spend: 2 },
      { date, geo: 'south', tv_spend: 3, radio_spend: 4 },
    ]);
    const h = harmonizeDatasets([{ name: 'media', kind: 'summary', data: wide }, sales]);
    expect(
      rowsOf(h.media)
        .slice(0, 4)
        .map((r) => r['spend']),
    ).toEqual([2, 1, 4, 3]);
    expect(h.summary.missing.media).toEqual([]);
  });

  it('stored and read back, geo names stay text ("01" is not 1)', () => {
    const ws = join(mkdtempSync(join(tmpdir(), 'mm-geo-store-')), 'ws');
    const coded = harmonizeDatasets([
      { name: 'media', kind: 'summary', data: spendRows({ '01': { tv: 1 }, '02': { tv: 2 } }) },
      { name: 'sales', kind: 'conversions', data: salesRows({ '01': 5, '02': 6 }) },
    ]);
    writeHarmonized(ws, coded, checkRules({}));
    const back = readHarmonized(ws)!;
    expect(back.media.array('geo').slice(0, 2)).toEqual(['01', '02']);
    expect(
      geoPanelFromHarmonized(back, { conversion: 'revenue', touchpoints: [{ channel: 'tv', metric: 'spend' }] }).geos,
    ).toEqual(['01', '02']);
  });
});

describe('mmmDataFromHarmonized / geoPanelFromHarmonized on geo data', () => {
  const h = harmonizeDatasets([media, sales]);

  it('the national data are the sums over geos per date and channel', () => {
    const d = mmmDataFromHarmonized(h, mapping);
    expect(d.dates).toEqual(WEEKS);
    expect(Array.from(d.outcome.subarray(0, 3))).toEqual([300, 302, 304]);
    expect(Array.from(d.channels[0]!.spend.subarray(0, 3))).toEqual([30, 32, 34]);
    expect(Array.from(d.channels[1]!.input.subarray(0, 3))).toEqual([1, 2, 3]);
  });

  it('the panel gives each geo its own series, which sum to the national ones', () => {
    const p = geoPanelFromHarmonized(h, mapping);
    expect(p.geos).toEqual(['north', 'south']);
    expect(p.population).toBeNull();
    expect(Array.from(p.byGeo[1]!.outcome.subarray(0, 2))).toEqual([200, 201]);
    expect(Array.from(p.byGeo[1]!.channels[1]!.spend.subarray(0, 2))).toEqual([0, 0]);
    p.national.outcome.forEach((v, t) => expect(v).toBe(p.byGeo[0]!.outcome[t]! + p.byGeo[1]!.outcome[t]!));
  });

  it('names the period and geo of a missing conversion', () => {
    const short = (sales.data as { date: string; geo: string }[]).filter(
      (r) => !(r.geo === 'south' && r.date === '2024-02-05'),
    );
    const g = harmonizeDatasets([media, { ...sales, data: short }]);
    expect(g.summary.missing.conversions).toEqual([{ metric: 'revenue', date: '2024-02-05', geo: 'south' }]);
    expect(() => mmmDataFromHarmonized(g, mapping)).toThrow(/`revenue` has no value for 2024-02-05 in geo "south"/);
  });

  it('national data are the one-geo panel, whose one geo is the national data', () => {
    const national = harmonizeDatasets([
      { name: 'media', kind: 'summary', data: WEEKS.map((date, t) => ({ date, channel: 'tv', spend: t })) },
      { name: 'sales', kind: 'conversions', data: WEEKS.map((date, t) => ({ date, revenue: 2 * t })) },
    ]);
    expect(national.summary.geos).toBeUndefined();
    expect(national.summary.missing.media).toBeUndefined();
    const p = geoPanelFromHarmonized(national, {
      conversion: 'revenue',
      touchpoints: [{ channel: 'tv', metric: 'spend' }],
    });
    expect(p.geos).toEqual(['national']);
    expect(p.byGeo[0]).toBe(p.national);
    expect(p.national.outcome[5]).toBe(10);
  });
});
