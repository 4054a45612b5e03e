import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { parseCsv } from './parse-csv';

describe('parseCsv', () => {
  it('parseCsv(text, ",", source) returns the header and column-major cells, empty cells as null', () => {
    expect(parseCsv('a,b,c\n1,,"x, ""y"""\r\n"",2,"l\nm"\n\n\n', ',', 'a.csv')).toEqual({
      header: ['a', 'b', 'c'],
      columns: [
        ['1', null],
        [null, '2'],
        ['x, "y"', 'l\nm'],
      ],
    });
  });

  it('parseCsv(text, ";", source) splits on the given delimiter only, with or without a final newline', () => {
    expect(parseCsv('a;b\n1,5;2', ';', 'a.csv').columns).toEqual([['1,5'], ['2']]);
    expect(parseCsv('a\tb\r1\t2\r', '\t', 'a.csv').columns).toEqual([['1'], ['2']]);
  });

  it('parseCsv(text) keeps a final empty field after a trailing delimiter', () => {
    expect(parseCsv('a,b\n1,\n', ',', 'a.csv').columns).toEqual([['1'], [null]]);
    expect(parseCsv('a,b\n1,', ',', 'a.csv').columns).toEqual([['1'], [null]]);
  });

  it('parseCsv(text) of a one-column file reads an empty line inside as an empty cell', () => {
    expect(parseCsv('a\n1\n\n2\n', ',', 'a.csv').columns).toEqual([['1', null, '2']]);
  });

  it.each([
    ['a,b\n1,"2\n3,4\n5,6\n', /quoted value of `b` \(field 2\) that starts at row 2 of x\.csv is never closed/],
    ['a,b\n1,2\n3,4\n"5,6', /quoted value of `a` \(field 1\) that starts at row 4 of x\.csv is never closed/],
    ['a,"b\n1,2\n', /quoted value of field 2 of the header that starts at row 1 of x\.csv is never closed/],
    ['a,b\n1,"2"3\n', /quoted value of `b` \(field 2\) that starts at row 2 of x\.csv has "3" after its closing quote/],
    ['a,b\n"1\n,"x,2\n', /starts at row 2 of x\.csv has "x" after its closing quote \(1 line later\)/],
    ['a,b\n1,2"\n', /a quote inside the unquoted value of `b` \(field 2\) at row 2 of x\.csv/],
    ['a,b\n1,2\n3,4,5\n', /row 3 of x\.csv has 3 fields; the header has 2 \(a value holding the delimiter/],
    ['a,b,c\n1,2\n', /row 2 of x\.csv has 2 fields; the header has 3$/],
    ['a,b\n"x\ny",2,3\n', /row 2 of x\.csv \(lines 2-3: a quoted field spans lines\) has 3 fields/],
    ['a,b\n1,2\n\n3,4\n', /row 3 of x\.csv is blank; every row needs 2 fields/],
  ])('parseCsv(%j) throws an InputError naming the row', (text, message) => {
    const err = (() => {
      try {
        parseCsv(text, ',', 'x.csv');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('E_INPUT');
    expect((err as Error).message).toMatch(message);
  });

  it('parseCsv(text) of 100,000 rows reads every row (the tokenizer does not stop early)', () => {
    const text = 'a,b\n' + Array.from({ length: 100_000 }, (_, i) => `${i},"v ""${i}"""`).join('\n');
    const { columns } = parseCsv(text, ',', 'big.csv');
    expect(columns[0]!.length).toBe(100_000);
    expect(columns[1]![99_999]).toBe('v "99999"');
  });
});
