import { dataRange } from 'mixmodeler/dist/browser';
import { describe, expect, it } from 'vitest';
import { rangeProblem } from './date-range-rules';

const DATA = dataRange({ from: '2022-11-07', to: '2025-12-22', grain: 'week' })!;

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
    expect(rangeProblem('2025-06-30', '2025-06-02', DATA, 'none')).toBe(
      'the end 2025-06-02 is before the start 2025-06-30',
    );
  });

  it('rangeProblem without the data checks the dates alone', () => {
    expect(rangeProblem('2021-01-04', '2022-01-03', null)).toBeNull();
  });
});
