import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { loadCsv } from '../data/load-csv';
import { ConfigError, InputError } from '../errors';
import { harmonizeDatasets } from './harmonize-datasets';

// Mon 2024-01-01 .. Sun 2024-01-14: two weeks; tv spends on three days, search only in week 1.
const daily = [
  { date: '2024-01-01', channel: 'tv', spend: 10, impressions: 100 },
  { date: '2024-01-03', channel: 'tv', spend: 5, impressions: 50 },
  { date: '2024-01-09', channel: 'tv', spend: 7, impressions: 70 },
  { date: '2024-01-02', channel: 'search', spend: 2, impressions: null },
];
const sales = { date: ['2024-01-01', '2024-01-08', '2024-01-14'], revenue: [100, 50, 25] };

describe('harmonizeDatasets', () => {
  it('harmonizeDatasets(daily, week) sums days into Monday weeks and makes missing spend an explicit zero', () => {
    const h = harmonizeDatasets([
      { name: 'media', kind: 'summary', data: daily },
      { name: 'sales', kind: 'conversions', data: sales },
    ]);
    expect(h.media.objects()).toEqual([
      { date: '2024-01-01', channel: 'search', spend: 2, impressions: null },
      { date: '2024-01-01', channel: 'tv', spend: 15, impressions: 150 },
      { date: '2024-01-08', channel: 'search', spend: 0, impressions: null },
      { date: '2024-01-08', channel: 'tv', spend: 7, impressions: 70 },
    ]);
    expect(h.conversions.objects()).toEqual([
      { date: '2024-01-01', revenue: 100 },
      { date: '2024-01-08', revenue: 75 },
    ]);
    expect(h.summary).toMatchObject({
      grain: 'week',
      weekStart: 'monday',
      from: '2024-01-01',
      to: '2024-01-08',
      periods: 2,
      channels: ['search', 'tv'],
      metrics: ['spend', 'impressions'],
      conversions: ['revenue'],
      rows: { media: 4, conversions: 2, factors: 2 },
    });
  });

  it('harmonizeDatasets(daily, day) fills every day and a Sunday week start shifts the weeks', () => {
    const day = harmonizeDatasets([{ name: 'media', kind: 'summary', data: daily }], { grain: 'day' });
    expect(day.summary.periods).toBe(9);
    expect(day.media.filter((d: { channel: string }) => d.channel === 'tv').array('spend')).toEqual([
      10, 0, 5, 0, 0, 0, 0, 0, 7,
    ]);
    const sunday = harmonizeDatasets([{ name: 'media', kind: 'summary', data: daily }], { weekStart: 'sunday' });
    expect(sunday.summary.from).toBe('2023-12-31');
    expect(sunday.summary.weekStart).toBe('sunday');
  });

  it('harmonizeDatasets(factors) reports missing factor values and never fills them with zero', () => {
    const h = harmonizeDatasets(
      [
        { name: 'sales', kind: 'conversions', data: sales },
        {
          name: 'f',
          kind: 'factors',
          data: [
            { date: '2024-01-02', price: 2, holiday: 0 },
            { date: '2024-01-03', price: 4, holiday: 1 },
            { date: '2024-01-09', price: null, holiday: 0 },
          ],
        },
      ],
      { factorAggregation: { holiday: 'max' } },
    );
    expect(h.factors.objects()).toEqual([
      { date: '2024-01-01', holiday: 1, price: 3 },
      { date: '2024-01-08', holiday: 0, price: null },
    ]);
    expect(h.summary.missing.factors).toEqual([{ factor: 'price', date: '2024-01-08' }]);
  });

  it('harmonizeDatasets(sources, rules) maps fields, applies multipliers, merges renamed channels and resolves conflicts', () => {
    const ads = loadCsv('day,source,cost\n2024-01-01,fb,1\n2024-01-01,facebook_ads,2\n2024-01-01,tv,9\n', {
      source: 'ads.csv',
    });
    const tv = table({ date: ['2024-01-01'], channel: ['tv'], spend: [1000] });
    const h = harmonizeDatasets(
      [
        { name: 'ads', kind: 'summary', data: ads },
        { name: 'tv', kind: 'summary', data: tv },
      ],
      {
        grain: 'day',
        sources: {
          ads: { fields: { day: 'date', source: 'channel', cost: 'spend' }, multipliers: { spend: 10 } },
          tv: { multipliers: { spend: 0.1 } },
        },
        channels: { fb: 'social', facebook_ads: 'social' },
        conflicts: { strategy: 'priority', priority: ['tv', 'ads'] },
      },
    );
    expect(h.media.objects()).toEqual([
      { date: '2024-01-01', channel: 'social', spend: 30 },
      { date: '2024-01-01', channel: 'tv', spend: 100 },
    ]);
    expect(h.summary.conflicts).toEqual([
      {
        table: 'media',
        date: '2024-01-01',
        channel: 'tv',
        metric: 'spend',
        values: [
          { source: 'ads', value: 90 },
          { source: 'tv', value: 100 },
        ],
        strategy: 'priority',
        value: 100,
      },
    ]);
  });

  it('harmonizeDatasets(events) counts touches, conversions and conversion value per period and channel', () => {
    const events = loadCsv(
      'user_id,timestamp,channel,event,value\nu1,2024-01-01T09:00:00Z,search,touch,\nu1,2024-01-02T10:00:00Z,search,conversion,20\nu2,2024-01-03 11:00,tv,touch,\nu2,2024-01-08T08:00:00,tv,touch,\nu2,2024-01-08T09:00:00,tv,conversion,5.5\n',
      { source: 'events.csv' },
    );
    const h = harmonizeDatasets([{ name: 'web', kind: 'events', data: events }]);
    expect(h.media.objects()).toEqual([
      { date: '2024-01-01', channel: 'search', touches: 1, conversions: 1, value: 20 },
      { date: '2024-01-01', channel: 'tv', touches: 1, conversions: 0, value: 0 },
      { date: '2024-01-08', channel: 'search', touches: 0, conversions: 0, value: 0 },
      { date: '2024-01-08', channel: 'tv', touches: 1, conversions: 1, value: 5.5 },
    ]);
  });

  it('harmonizeDatasets throws InputError naming the duplicate key when two sources give it and there is no rule', () => {
    const run = () =>
      harmonizeDatasets([
        { name: 'a', kind: 'summary', data: loadCsv('date,channel,spend\n2024-01-01,tv,1\n', { source: 'a.csv' }) },
        {
          name: 'b',
          kind: 'summary',
          data: loadCsv('date,channel,spend\n2024-01-05,radio,1\n2024-01-01,tv,2\n', { source: 'b.csv' }),
        },
      ]);
    expect(run).toThrow(InputError);
    expect(run).toThrow(/duplicate key \(2024-01-01, tv, spend\): given at row 2 of a\.csv and row 3 of b\.csv/);
  });

  it.each([
    [
      { sources: { ads: { fields: { cost: 'spend' } } } },
      /rules\.json: unknown field `cost` in sources\.ads\.fields; ads\.csv has date, channel, spend/,
    ],
    [{ sources: { ads: { drop: ['campaign'] } } }, /unknown field `campaign` in sources\.ads\.drop/],
    [
      { sources: { ads: { multipliers: { clicks: 2 } } } },
      /unknown field `clicks` in sources\.ads\.multipliers; the source has spend/,
    ],
    [{ sources: { nope: {} } }, /rules\.json: unknown source `nope`; the datasets are ads/],
    [{ sources: { ads: { fields: { spend: 'channel' } } } }, /gives two columns of ads\.csv the name `channel`/],
  ])(
    'harmonizeDatasets(ads, %j) throws a ConfigError for an unknown field or source in the rules',
    (rules, message) => {
      const ads = loadCsv('date,channel,spend\n2024-01-01,tv,1\n', { source: 'ads.csv' });
      const run = () => harmonizeDatasets([{ name: 'ads', kind: 'summary', data: ads }], rules, 'rules.json');
      expect(run).toThrow(ConfigError);
      expect(run).toThrow(message);
    },
  );

  it('harmonizeDatasets(frame) names the source row and column of a bad cell after mapping', () => {
    const ads = loadCsv('day,channel,spend\n2024-01-01,tv,1\nlater,tv,1\n', { source: 'ads.csv' });
    const run = () =>
      harmonizeDatasets([{ name: 'ads', kind: 'summary', data: ads }], {
        sources: { ads: { fields: { day: 'date' } } },
      });
    expect(run).toThrow(/`date` must be a date such as 2024-01-31; got "later" at row 3 of ads\.csv/);
    expect(() => harmonizeDatasets([{ name: 'ads', kind: 'summary', data: ads }])).toThrow(
      /ads\.csv does not fit the summary schema: no `date` column/,
    );
  });
});
