import { describe, expect, it } from 'vitest';
import { periodRange, periodStart } from './calendar';

describe('periodStart / periodRange', () => {
  it.each([
    ['2024-01-01', 'monday', '2024-01-01'],
    ['2024-01-07', 'monday', '2024-01-01'],
    ['2024-01-08', 'monday', '2024-01-08'],
    ['2024-01-06', 'sunday', '2023-12-31'],
    ['2024-01-07', 'sunday', '2024-01-07'],
    ['2024-03-01', 'saturday', '2024-02-24'],
  ] as const)('periodStart(%s, week, %s) is %s', (date, weekStart, want) => {
    expect(periodStart(date, 'week', weekStart)).toBe(want);
  });

  it('periodStart(date, day) is the date', () => {
    expect(periodStart('2024-02-29', 'day')).toBe('2024-02-29');
  });

  it('periodRange(from, to, grain) steps one day or one week', () => {
    expect(periodRange('2024-02-28', '2024-03-01', 'day')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(periodRange('2024-01-01', '2024-01-15', 'week')).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
  });
});
