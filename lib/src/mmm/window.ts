import { InputError } from '../errors';
import { formatNumber } from '../format';

/** The training window as indexes into the data: rows from..to inclusive. */
export interface WindowIndex {
  from: number;
  to: number;
}

const DAY = 86_400_000;

function parseDay(field: string, iso: string): number {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(t)) {
    throw new InputError(`\`${field}\` must be a date YYYY-MM-DD; got ${JSON.stringify(iso)}`);
  }
  return t;
}

/**
 * A training window: `last-2-years` (the default), `all` (every period of the data) or a custom range
 * of at least one year.
 */
export type TrainingWindow = 'last-2-years' | 'all' | { from: string; to: string };

/**
 * A training window in words, for cards and views.
 *
 * @example trainingWindowLabel({ from: '2024-01-01', to: '2025-01-01' }, ' to ') // '2024-01-01 to 2025-01-01'
 */
export function trainingWindowLabel(w: TrainingWindow, dash = ' – '): string {
  if (w === 'last-2-years') return 'last 2 years';
  if (w === 'all') return 'all the data';
  return `${w.from}${dash}${w.to}`;
}

/** The shortest training window: 52 weeks. */
export const MIN_WINDOW_DAYS = 364;

/**
 * What is wrong with a custom training range before any data are read (for dialogs and forms), or
 * null: both must be dates `YYYY-MM-DD`, `from` before `to`, and the periods from `from` to `to`
 * (the last one `periodDays` long) must span at least a year, the rule `resolveWindow` applies.
 */
export function windowProblem(from: string, to: string, periodDays = 7): string | null {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(a))
    return `the start must be a date YYYY-MM-DD; got ${JSON.stringify(from)}`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(to) || Number.isNaN(b))
    return `the end must be a date YYYY-MM-DD; got ${JSON.stringify(to)}`;
  if (b < a) return `the end ${to} is before the start ${from}`;
  const span = (b - a) / DAY + periodDays;
  return span < MIN_WINDOW_DAYS
    ? `the training window must span at least one year; ${from}..${to} spans ${formatNumber(span, 0)} days`
    : null;
}

/**
 * Resolves a training window on ascending period dates. A period covers [start, start + periodDays).
 * `last-2-years` takes the periods inside the 730 days that end with the last period (104 weeks or
 * 730 days); `all` every period; a custom range must cover at least 364 days (52 weeks), as must `all`.
 *
 * @param dates ISO dates of shape [nTimes], ascending
 * @throws InputError when the range is shorter than a year, outside the data or not a date
 */
export function resolveWindow(dates: string[], window: TrainingWindow): WindowIndex {
  if (dates.length === 0) throw new InputError('the data have no periods');
  const times = dates.map((d, i) => parseDay(`dates[${i}]`, d));
  for (let i = 1; i < times.length; i++) {
    if (!(times[i]! > times[i - 1]!)) {
      throw new InputError(`dates must be ascending; ${dates[i]} at row ${i} follows ${dates[i - 1]}`);
    }
  }
  const periodDays = times.length > 1 ? Math.round((times[1]! - times[0]!) / DAY) : 7;
  let from: number;
  let to: number;
  if (window === 'last-2-years') {
    to = times.length - 1;
    const start = times[to]! + periodDays * DAY - 730 * DAY;
    from = times.findIndex((t) => t >= start);
  } else if (window === 'all') {
    from = 0;
    to = times.length - 1;
  } else {
    const a = parseDay('window.from', window.from);
    const b = parseDay('window.to', window.to);
    from = times.findIndex((t) => t >= a);
    to = times.length - 1 - [...times].reverse().findIndex((t) => t <= b);
    if (from < 0 || to >= times.length || to < from) {
      throw new InputError(
        `window ${window.from}..${window.to} holds no periods of the data (${dates[0]}..${dates[dates.length - 1]})`,
      );
    }
  }
  const spanDays = (times[to]! - times[from]!) / DAY + periodDays;
  if (spanDays < MIN_WINDOW_DAYS) {
    throw new InputError(
      `the training window must span at least one year; ${dates[from]}..${dates[to]} spans ${formatNumber(spanDays, 0)} days`,
    );
  }
  return { from, to };
}
