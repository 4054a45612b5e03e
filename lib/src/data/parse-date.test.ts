import { describe, expect, it } from 'vitest';
import { dateFormat, detectDateOrder, parseDate } from './parse-date';

describe('parseDate', () => {
  it.each([
    ['2024-01-31', 'mdy', '2024-01-31'],
    ['2024-1-5', 'mdy', '2024-01-05'],
    ['2024-01-31T23:30:00Z', 'mdy', '2024-01-31'],
    ['2024-01-31 23:30:00+05:00', 'mdy', '2024-01-31'],
    ['2024-01-31T10:00:00.123', 'mdy', '2024-01-31'],
    ['2024/01/31', 'mdy', '2024-01-31'],
    ['20240131', 'mdy', '2024-01-31'],
    ['01/31/2024', 'mdy', '2024-01-31'],
    ['31/01/2024', 'dmy', '2024-01-31'],
    ['31.01.2024', 'dmy', '2024-01-31'],
    ['31 Jan 2024', 'mdy', '2024-01-31'],
    ['05-Feb-2024', 'mdy', '2024-02-05'],
    ['January 31, 2024', 'mdy', '2024-01-31'],
    ['2024-02-30', 'mdy', null],
    ['2024-13-01', 'mdy', null],
    ['31/01/2024', 'mdy', null],
    ['yesterday', 'mdy', null],
    ['2024-01-31 garbage', 'mdy', null],
    ['', 'mdy', null],
  ] as const)('parseDate(%j, %s) is %j', (text, order, want) => {
    expect(parseDate(text, order)).toBe(want);
  });

  it('parseDate(Date | epoch ms) is the UTC day', () => {
    expect(parseDate(new Date(Date.UTC(2024, 0, 31, 23)))).toBe('2024-01-31');
    expect(parseDate(Date.UTC(2024, 1, 1))).toBe('2024-02-01');
    expect(parseDate(null)).toBeNull();
  });

  it('detectDateOrder(values) reads day first when a first part exceeds 12', () => {
    expect(detectDateOrder(['01/02/2024', '25/02/2024'])).toBe('dmy');
    expect(detectDateOrder(['01/02/2024', '02/25/2024'])).toBe('mdy');
    expect(detectDateOrder(['01/02/2024'])).toBe('mdy');
    expect(detectDateOrder(['01.02.2024'])).toBe('dmy');
  });

  it.each([
    ['2024-01-31', 'mdy', 'yyyy-mm-dd'],
    ['2024-01-31T10:00:00Z', 'mdy', 'yyyy-mm-dd'],
    ['2024/01/31', 'mdy', 'yyyy/mm/dd'],
    ['20240131', 'mdy', 'yyyymmdd'],
    ['03/01/2022', 'mdy', 'mm/dd/yyyy'],
    ['31.01.2024', 'dmy', 'dd.mm.yyyy'],
    ['31 Jan 2024', 'mdy', 'd mon yyyy'],
    ['Jan 31, 2024', 'mdy', 'mon d, yyyy'],
    ['2024-02-30', 'mdy', null],
  ] as const)('dateFormat(%j, %s) is %j', (text, order, want) => {
    expect(dateFormat(text, order)).toBe(want);
  });
});
