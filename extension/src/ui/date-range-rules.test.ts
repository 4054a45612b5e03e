import { describe, expect, it } from 'vitest';
import { lastTwoYears, rangeProblem } from './date-range-rules';

const DATA = { from: '2022-11-07', to: '2025-12-22', periodDays: 7 };

describe('date ranges on the data', () => {
  it.each([
    ['2023-01-02', '2024-12-30', null],
    ['2021-01-04', '2023-01-02', 'the start 2021-01-04 is before the data begin (2022-11-07)'],
    ['2024-01-01', '2026-03-02', 'the end 2026-03-02 is after the data end (2025-12-22)'],
    [
      '2025-06-02',
      '2025-11-24',
      'the training window must span at least one year; 2025-06-02..2025-11-24 spans 182 days',
    ],
    ['2024-13-01', '2025-12-22', 'the start must be a date YYYY-MM-DD; got "2024-13-01"'],
  ])('rangeProblem(%s, %s, data) is %s', (from, to, problem) => {
    expect(rangeProblem(from, to, DATA)).toBe(problem);
  });

  it("rangeProblem(from, to, data, 'none') allows a range shorter than a year, inside the data", () => {
    expect(rangeProblem('2025-06-02', '2025-06-30', DATA, 'none')).toBeNull();
    expect(rangeProblem('2025-06-02', '2026-06-30', DATA, 'none')).toMatch(/after the data end/);
  });

  it('lastTwoYears(data) is the 104 weeks that end with the last period', () => {
    expect(lastTwoYears(DATA)).toEqual({ from: '2024-01-01', to: '2025-12-22', periods: 104 });
  });

  it('lastTwoYears(data) of data shorter than 2 years is all of them', () => {
    expect(lastTwoYears({ from: '2025-01-06', to: '2025-12-22', periodDays: 7 })).toEqual({
      from: '2025-01-06',
      to: '2025-12-22',
      periods: 51,
    });
  });
});
