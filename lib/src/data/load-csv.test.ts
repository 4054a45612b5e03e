import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { loadCsv, sniffDelimiter } from './load-csv';

describe('loadCsv', () => {
  it('loadCsv(text) reads a BOM and ; delimiter, with decimal commas kept as text', () => {
    const f = loadCsv('\uFEFFdate;channel;spend\n2024-01-01;tv;3,5\n', { source: 'a.csv' });
    expect(f.table.columnNames()).toEqual(['date', 'channel', 'spend']);
    expect(f.table.objects()).toEqual([{ date: '2024-01-01', channel: 'tv', spend: '3,5' }]);
    expect(f).toMatchObject({ source: 'a.csv', firstRow: 2, decimal: ',' });
  });

  it('loadCsv(text) reads quoted fields with delimiters, doubled quotes, line breaks and \\r\\n', () => {
    const f = loadCsv('date,channel,note\r\n2024-01-01,"tv, national","say ""hi""\nthere"\r\n2024-01-02,radio,\r\n');
    expect(f.table.objects()).toEqual([
      { date: '2024-01-01', channel: 'tv, national', note: 'say "hi"\nthere' },
      { date: '2024-01-02', channel: 'radio', note: null },
    ]);
  });

  it('loadCsv(text) detects a tab delimiter', () => {
    const f = loadCsv('date\tspend\n2024-01-01\t1.5\n');
    expect(f.table.get('spend', 0)).toBe('1.5');
    expect(f.decimal).toBe('.');
  });

  it('sniffDelimiter(text) ignores delimiters inside quotes', () => {
    expect(sniffDelimiter('"a;b;c",d\n1,2')).toBe(',');
    expect(sniffDelimiter('a;b\n1;2')).toBe(';');
  });

  it.each([
    ['', /empty\.csv is empty/],
    ['\uFEFF  \n', /empty\.csv is empty/],
    ['date,spend\n', /empty\.csv has a header but no data rows/],
    ['date,date\n1,2\n', /column "date" appears twice/],
  ])('loadCsv(%j) throws an InputError naming the file', (text, message) => {
    expect(() => loadCsv(text, { source: 'empty.csv' })).toThrow(InputError);
    expect(() => loadCsv(text, { source: 'empty.csv' })).toThrow(message);
  });
});
