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

  it('loadCsv(text) of a 30-row file with a stray quote in row 5 throws instead of reading 4 rows', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},tv,${i}`);
    rows[3] = '2024-01-04,"tv,3';
    expect(() => loadCsv(`date,channel,spend\n${rows.join('\n')}\n`, { source: 's.csv' })).toThrow(
      /the quoted value of `channel` \(field 2\) that starts at row 5 of s\.csv is never closed/,
    );
  });

  it('loadCsv(4 KB of random bytes as UTF-8) refuses it as not text', () => {
    let seed = 7;
    const bytes = Buffer.alloc(4096, 0).map(() => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed >> 23));
    expect(() => loadCsv(Buffer.from(bytes).toString('utf8'), { source: 'r.csv' })).toThrow(
      /r\.csv does not look like text \(CSV\)/,
    );
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
    ['date,spend\n2024-01-01,1\n2024-01-08,"2\n', /starts at row 3 of empty\.csv is never closed/],
    ['date,spend\n2024-01-01,1,3\n', /row 2 of empty\.csv has 3 fields; the header has 2/],
    ['date,spend\n2024-01-01,\u00001\n', /empty\.csv does not look like text \(CSV\): it holds a NUL character/],
    ['date,spend\n' + '\uFFFD\u0001,'.repeat(50), /empty\.csv does not look like text \(CSV\): \d+% of its first/],
  ])('loadCsv(%j) throws an InputError naming the file', (text, message) => {
    expect(() => loadCsv(text, { source: 'empty.csv' })).toThrow(InputError);
    expect(() => loadCsv(text, { source: 'empty.csv' })).toThrow(message);
  });
});
