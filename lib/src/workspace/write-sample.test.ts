import { describe, expect, it } from 'vitest';
import { loadCsv } from '../data/load-csv';
import { parseNumber } from '../data/parse-number';
import { toCsv } from './write-sample';

// Cells the strict reader (parse-csv) must get back as written: delimiters, quotes, every kind of
// line break, unicode, spaces kept, numbers at the edges of what String(n) writes.
const AWKWARD = [
  { name: 'tv, national', note: 'say "hi"', n: 1 },
  { name: '"quoted"', note: 'line\nbreak', n: -0.5 },
  { name: 'café ☕ 東京', note: 'cr\rlf\r\n', n: 1e21 },
  { name: ' padded ', note: ',', n: 2 ** 53 },
  { name: 'semi;colon\ttab', note: '""', n: Number.MAX_VALUE },
  { name: 'x', note: 'ends with a quote"', n: Number.MIN_VALUE },
];

const read = (text: string) => loadCsv(text, { source: 'round-trip.csv', delimiter: ',' }).table;

describe('toCsv', () => {
  it('toCsv(rows) quotes cells holding commas, quotes and newlines, doubling the quotes', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"', c: 1 }])).toBe('a,b,c\n"x,y","say ""hi""",1\n');
  });

  it('toCsv(rows) with awkward cells reads back through loadCsv cell for cell', () => {
    const t = read(toCsv(AWKWARD));
    expect(t.columnNames()).toEqual(['name', 'note', 'n']);
    expect(t.objects()).toEqual(AWKWARD.map((r) => ({ name: r.name, note: r.note, n: String(r.n) })));
    expect(Array.from(t.array('n') as ArrayLike<unknown>, (v) => parseNumber(v))).toEqual(AWKWARD.map((r) => r.n));
  });

  it('toCsv(rows) writes empty strings, null and undefined as empty cells, which read back as missing', () => {
    const text = toCsv([
      { a: '', b: null, c: 1 },
      { a: 'x', b: undefined, c: 2 },
    ]);
    expect(text).toBe('a,b,c\n,,1\nx,,2\n');
    expect(read(text).objects()).toEqual([
      { a: null, b: null, c: '1' },
      { a: 'x', b: null, c: '2' },
    ]);
  });

  it('toCsv(rows) writes a Date as its ISO date in UTC (time only when there is one)', () => {
    const text = toCsv([{ d: new Date(Date.UTC(2024, 0, 1)) }, { d: new Date(Date.UTC(2024, 0, 1, 10, 30, 5)) }]);
    expect(text).toBe('d\n2024-01-01\n2024-01-01T10:30:05Z\n');
  });

  it('toCsv([]) is empty', () => {
    expect(toCsv([])).toBe('');
  });
});
