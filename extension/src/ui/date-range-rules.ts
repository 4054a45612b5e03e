import { windowOnData, windowProblem, type DataRange } from 'mixmodeler/dist/browser';

/** The harmonized data's range as lib gives it (`dataRange`): first and last period, what the last 2 years are. */
export type DataBounds = DataRange;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What is wrong with a date range on data within `bounds`, in the user's words, or null. A training
 * window (`minimum` 'year') is lib's rule (`windowOnData`: dates in order spanning a year, inside the
 * data); a re-score range ('none') needs dates in order inside the data only. Without the data's range,
 * lib's rule for the dates alone (`windowProblem`).
 *
 * @example rangeProblem('2021-01-04', '2023-01-02', dataRange(summary))
 * // 'the start 2021-01-04 is before the data begin (2022-11-07)'
 */
export function rangeProblem(
  from: string,
  to: string,
  bounds: DataBounds | null,
  minimum: 'year' | 'none' = 'year',
): string | null {
  if (minimum === 'year') return bounds ? windowOnData(bounds, { from, to }).problem : windowProblem(from, to);
  if (!DATE.test(from)) return `the start must be a date YYYY-MM-DD; got ${JSON.stringify(from)}`;
  if (!DATE.test(to)) return `the end must be a date YYYY-MM-DD; got ${JSON.stringify(to)}`;
  if (to < from) return `the end ${to} is before the start ${from}`;
  if (bounds && from < bounds.from) return `the start ${from} is before the data begin (${bounds.from})`;
  if (bounds && to > bounds.to) return `the end ${to} is after the data end (${bounds.to})`;
  return null;
}
