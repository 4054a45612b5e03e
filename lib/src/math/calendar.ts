/** The period of the harmonized data: one row per day or per week. */
export type Grain = 'day' | 'week';

/** A day of the week, the first day of a weekly period. */
export type Weekday = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

/** Every grain. */
export const GRAINS: readonly Grain[] = ['day', 'week'];

/** The weekdays in JavaScript's order (`getUTCDay()`: sunday = 0). */
export const WEEKDAYS: readonly Weekday[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

/**
 * The start of the period holding a day: the day itself, or the latest `weekStart` on or before it.
 *
 * @param date `YYYY-MM-DD`
 * @example periodStart('2024-01-03', 'week', 'monday') // '2024-01-01'
 */
export function periodStart(date: string, grain: Grain, weekStart: Weekday = 'monday'): string {
  if (grain === 'day') return date;
  const n = dayNumber(date);
  const weekday = (n + 4) % 7; // 1970-01-01 was a Thursday
  const offset = (weekday - WEEKDAYS.indexOf(weekStart) + 7) % 7;
  return dateOfDay(n - offset);
}

/**
 * Every period start from `from` to `to` (both period starts), one day or seven days apart.
 *
 * @example periodRange('2024-01-01', '2024-01-15', 'week') // ['2024-01-01', '2024-01-08', '2024-01-15']
 */
export function periodRange(from: string, to: string, grain: Grain): string[] {
  const step = grain === 'day' ? 1 : 7;
  const out: string[] = [];
  for (let n = dayNumber(from), end = dayNumber(to); n <= end; n += step) out.push(dateOfDay(n));
  return out;
}

/** The day number (days since 1970-01-01) of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;
}

/** The `YYYY-MM-DD` date of a day number. */
export function dateOfDay(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}
