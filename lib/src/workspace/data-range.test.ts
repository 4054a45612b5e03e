import { describe, expect, it } from 'vitest';
import { resolveWindow } from '../mmm/window';
import { dataRange, windowOnData } from './data-range';

// The sample's weekly data run 2022-11-07 to 2025-12-22 (the numbers).
const range = dataRange({ from: '2022-11-07', to: '2025-12-22', grain: 'week' })!;

describe('dataRange', () => {
  it('dataRange(summary) gives the first and last period and what the last 2 years take, by resolveWindow', () => {
    expect(range).toMatchObject({ from: '2022-11-07', to: '2025-12-22', periodDays: 7, periods: 164 });
    expect(range.lastTwoYears).toEqual({ from: '2024-01-01', to: '2025-12-22', periods: 104 });
    const days = dataRange({ from: '2024-01-01', to: '2025-12-31', grain: 'day' })!;
    expect(days.lastTwoYears).toEqual({ from: '2024-01-02', to: '2025-12-31', periods: 730 });
    expect(dataRange({ from: null, to: null, grain: 'week' })).toBeNull();
  });

  it('windowOnData refuses a range outside the data or under a year, in words; takes one inside as the fit would', () => {
    expect(windowOnData(range, { from: '2021-01-04', to: '2023-01-02' }).problem).toBe(
      'the start 2021-01-04 is before the data begin (2022-11-07)',
    );
    expect(windowOnData(range, { from: '2024-01-01', to: '2026-06-01' }).problem).toBe(
      'the end 2026-06-01 is after the data end (2025-12-22)',
    );
    expect(windowOnData(range, { from: '2024-01-01', to: '2024-06-03' }).problem).toMatch(/at least one year/);
    const inside = windowOnData(range, { from: '2023-01-04', to: '2024-12-31' });
    // The first period starting on or after the start, the last one starting on or before the end.
    expect(inside.window).toEqual({ from: '2023-01-09', to: '2024-12-30', periods: 104 });
    expect(windowOnData(range, 'last-2-years').window).toEqual(range.lastTwoYears);
    expect(windowOnData(range, 'all').window).toEqual({ from: range.from, to: range.to, periods: range.periods });
    expect(range.periods).toBeGreaterThan(range.lastTwoYears.periods);
    const short = dataRange({ from: '2025-06-02', to: '2025-12-22', grain: 'week' })!;
    expect(windowOnData(short, 'last-2-years').problem).toMatch(/^the data span less than a year/);
    expect(windowOnData(short, 'all').problem).toMatch(/^the data span less than a year/);
    expect(() => resolveWindow(['2025-06-02', '2025-06-09'], 'all')).toThrow(/at least one year/);
    expect(() => resolveWindow(['2025-06-02', '2025-06-09'], 'last-2-years')).toThrow(/at least one year/);
  });
});
