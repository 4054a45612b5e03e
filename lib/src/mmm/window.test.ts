import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { resolveWindow, trainingWindowLabel, windowProblem } from './window';

const weekly = (n: number, start = '2022-01-03') =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${start}T00:00:00Z`) + i * 7 * 864e5).toISOString().slice(0, 10),
  );

describe('resolveWindow', () => {
  it('resolveWindow(dates, "last-2-years") takes the last 104 weeks', () => {
    const d = weekly(150);
    expect(resolveWindow(d, 'last-2-years')).toEqual({ from: 46, to: 149 });
  });

  it('resolveWindow(dates, "all") takes every period, and still needs a year; its label says so', () => {
    expect(resolveWindow(weekly(150), 'all')).toEqual({ from: 0, to: 149 });
    expect(() => resolveWindow(weekly(40), 'all')).toThrow(/at least one year/);
    expect(trainingWindowLabel('all')).toBe('all the data');
    expect(trainingWindowLabel('last-2-years')).toBe('last 2 years');
    expect(trainingWindowLabel({ from: '2024-01-01', to: '2025-01-06' }, ' to ')).toBe('2024-01-01 to 2025-01-06');
  });

  it('resolveWindow(dates, "last-2-years") takes everything when there is less than 2 years but at least 1', () => {
    expect(resolveWindow(weekly(60), 'last-2-years')).toEqual({ from: 0, to: 59 });
  });

  it('resolveWindow accepts a custom range of exactly 52 weeks', () => {
    const d = weekly(120);
    expect(resolveWindow(d, { from: d[10]!, to: d[61]! })).toEqual({ from: 10, to: 61 });
  });

  it('resolveWindow rejects a custom range shorter than one year, saying so', () => {
    const d = weekly(120);
    expect(() => resolveWindow(d, { from: d[10]!, to: d[60]! })).toThrow(InputError);
    expect(() => resolveWindow(d, { from: d[10]!, to: d[60]! })).toThrow(/at least one year; .* spans 357 days/);
  });

  it('resolveWindow rejects dates that are not ascending or not dates', () => {
    expect(() => resolveWindow(['2024-01-08', '2024-01-01'], 'last-2-years')).toThrow(/ascending/);
    expect(() => resolveWindow(['2024-13-01'], 'last-2-years')).toThrow(/`dates\[0\]` must be a date/);
  });
});

describe('windowProblem', () => {
  it('accepts 52 weekly periods and refuses 51, as resolveWindow does on the same dates', () => {
    const d = weekly(60);
    expect(windowProblem(d[0]!, d[51]!)).toBeNull();
    expect(() => resolveWindow(d, { from: d[0]!, to: d[51]! })).not.toThrow();
    expect(windowProblem(d[0]!, d[50]!)).toBe(
      `the training window must span at least one year; ${d[0]}..${d[50]} spans 357 days`,
    );
    expect(() => resolveWindow(d, { from: d[0]!, to: d[50]! })).toThrow(/spans 357 days/);
  });

  it('names a bad date or a reversed range', () => {
    expect(windowProblem('2025-13-01', '2026-01-01')).toMatch(/start must be a date YYYY-MM-DD; got "2025-13-01"/);
    expect(windowProblem('2025-01-01', '')).toMatch(/end must be a date/);
    expect(windowProblem('2025-06-01', '2025-01-01')).toBe('the end 2025-01-01 is before the start 2025-06-01');
    expect(windowProblem('2025-01-01', '2025-12-31', 1)).toBeNull();
    expect(windowProblem('2025-01-01', '2025-12-29', 1)).toMatch(/spans 363 days/);
  });
});
