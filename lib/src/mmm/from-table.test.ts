import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { CASES } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { fitMmm } from './fit';
import { mmmDataFromTable } from './from-table';

const { data } = generateSynthetic(CASES['clean']!);
const records = data.dates.map((date, i) => ({
  week: date,
  revenue: data.outcome[i]!,
  ...Object.fromEntries(data.channels.map((c) => [`${c.name}_spend`, c.spend[i]!])),
}));
const mapping = {
  date: 'week',
  outcome: 'revenue',
  channels: data.channels.map((c) => ({ name: c.name, input: `${c.name}_spend` })),
};

describe('mmmDataFromTable', () => {
  it('mmmDataFromTable(arquero table) feeds the same fit as the arrays', () => {
    const shuffled = aq.from([...records].reverse());
    const fromTable = fitMmm(mmmDataFromTable(shuffled, mapping), { lookback: 8, intervals: false });
    const direct = fitMmm(data, { lookback: 8, intervals: false });
    expect(fromTable.channels.map((c) => c.roi.mean)).toEqual(direct.channels.map((c) => c.roi.mean));
  });

  it('mmmDataFromTable accepts records and column objects', () => {
    expect(mmmDataFromTable(records, mapping).dates).toEqual(data.dates);
    const cols = { week: records.map((r) => r.week), revenue: records.map((r) => r.revenue) };
    const one = mmmDataFromTable(
      { ...cols, tv_spend: records.map((r) => (r as Record<string, unknown>)['tv_spend']) },
      {
        date: 'week',
        outcome: 'revenue',
        channels: [{ name: 'tv', input: 'tv_spend' }],
      },
    );
    expect(one.channels[0]!.input).toHaveLength(records.length);
  });

  it('mmmDataFromTable accepts a danfojs-shaped DataFrame (columns + row values)', () => {
    const columns = Object.keys(records[0]!);
    const df = { columns, values: records.map((r) => columns.map((c) => (r as Record<string, unknown>)[c])) };
    expect(mmmDataFromTable(df, mapping).outcome).toEqual(data.outcome);
  });

  it('mmmDataFromTable names a missing column and a bad cell', () => {
    expect(() => mmmDataFromTable(records, { ...mapping, outcome: 'sales' })).toThrow(
      /column `sales` is not in the table/,
    );
    const bad = records.map((r, i) => (i === 4 ? { ...r, tv_spend: 'n/a' } : r));
    expect(() => mmmDataFromTable(bad, mapping)).toThrow(InputError);
    expect(() => mmmDataFromTable(bad, mapping)).toThrow('column `tv_spend` row 5: not a number: "n/a"');
  });
});
