import { windowProblem } from 'mixmodeler/dist/browser';

/** The first and last period of the data (ISO dates), and the length of a period in days. */
export interface DataBounds {
  from: string;
  to: string;
  periodDays: number;
}

/**
 * What is wrong with a date range for data within `bounds`, in the user's words, or null: lib's rule
 * for a training window ({@link windowProblem}: dates, order, at least a year), then that both ends lie
 * within the data, so a range outside the data is refused before anything is sent.
 *
 * @example rangeProblem('2021-01-04', '2023-01-02', { from: '2022-11-07', to: '2025-12-22', periodDays: 7 })
 * // 'the start 2021-01-04 is before the data begin (2022-11-07)'
 */
export function rangeProblem(
  from: string,
  to: string,
  bounds: DataBounds | null,
  minimum: 'year' | 'none' = 'year',
): string | null {
  const basic = windowProblem(from, to, bounds?.periodDays ?? 7);
  if (basic && (minimum === 'year' || !/at least one year/.test(basic))) return basic;
  if (!bounds) return null;
  if (from < bounds.from) return `the start ${from} is before the data begin (${bounds.from})`;
  if (to > bounds.to) return `the end ${to} is after the data end (${bounds.to})`;
  if (from > bounds.to) return `the start ${from} is after the data end (${bounds.to})`;
  return null;
}

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The periods "the last 2 years of data" takes on these data, by lib's rule (`resolveWindow`): those
 * starting inside the 730 days that end with the last period; all of them when the data are shorter.
 *
 * @example lastTwoYears({ from: '2022-11-07', to: '2025-12-22', periodDays: 7 })
 * // { from: '2024-01-01', to: '2025-12-22', periods: 104 }
 */
export function lastTwoYears(bounds: DataBounds): { from: string; to: string; periods: number } {
  const first = day(bounds.from);
  const last = day(bounds.to);
  const step = bounds.periodDays * DAY;
  const start = last + step - 730 * DAY;
  const k = Math.max(0, Math.ceil((start - first) / step));
  const from = first + k * step;
  return { from: iso(from), to: bounds.to, periods: Math.round((last - from) / step) + 1 };
}
