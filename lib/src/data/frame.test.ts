import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { isFrame, toFrame } from './frame';

const rows = [
  { date: '2024-01-01', channel: 'tv', spend: 1 },
  { date: '2024-01-02', channel: 'tv', spend: 2 },
];

describe('toFrame', () => {
  it('toFrame(records) takes the union of the record keys', () => {
    const f = toFrame([{ a: 1 }, { b: 2 }], 'recs');
    expect(f.table.objects()).toEqual([
      { a: 1, b: null },
      { a: null, b: 2 },
    ]);
    expect(isFrame(f)).toBe(true);
  });

  it('toFrame(columns) reads a column object', () => {
    const f = toFrame({ date: ['2024-01-01'], spend: [3] }, 'cols');
    expect(f.table.objects()).toEqual([{ date: '2024-01-01', spend: 3 }]);
  });

  it('toFrame(arqueroTable) uses the table as it is', () => {
    const t = table({ date: ['2024-01-01'], spend: [3] });
    expect(toFrame(t, 'aq').table).toBe(t);
  });

  it('toFrame(dataFrame) reads a danfojs-shaped object: columns + values, or toJSON()', () => {
    const df = { columns: ['date', 'channel', 'spend'], values: rows.map((r) => [r.date, r.channel, r.spend]) };
    expect(toFrame(df, 'df').table.objects()).toEqual(rows);
    const viaJson = { toJSON: () => rows };
    expect(toFrame(viaJson, 'df').table.objects()).toEqual(rows);
  });

  it('toFrame(input) throws an InputError for other shapes and ragged columns', () => {
    expect(() => toFrame('text' as unknown as object, 'x')).toThrow(InputError);
    expect(() => toFrame([1, 2], 'x')).toThrow(/x: record 1 must be an object; got 1/);
    expect(() => toFrame({ a: [1, 2], b: [1] }, 'x')).toThrow(/column `b` must have 2 values/);
  });
});
