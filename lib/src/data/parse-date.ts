/** How a date written `a/b/yyyy` is read: day first (`31/01/2024`) or month first (`01/31/2024`). */
export type DateOrder = 'dmy' | 'mdy';

const TIME = /^(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[AaPp][Mm])?)?$/;
const YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(.*)$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(.*)$/;
const DAY_MON = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})(.*)$/;
const MON_DAY = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})(.*)$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Reads a date or timestamp as a `YYYY-MM-DD` calendar day, or null when it is not one. Accepted:
 * ISO `2024-01-31` and `2024-01-31T10:00:00Z` (the day as written, not shifted to UTC), `2024/01/31`,
 * `20240131`, `31/01/2024` or `01/31/2024` (per `order`; also with `.` or `-`), `31 Jan 2024`,
 * `Jan 31, 2024`, each with an optional time; a `Date` or epoch milliseconds as their UTC day.
 *
 * @example parseDate('31.01.2024', 'dmy') // '2024-01-31'
 */
export function parseDate(value: unknown, order: DateOrder = 'mdy'): string | null {
  return readDate(value, order, scratch);
}

/**
 * The format a date cell is written in, as a user reads it: `yyyy-mm-dd` (ISO, with or without a
 * time), `yyyy/mm/dd`, `yyyymmdd`, `dd/mm/yyyy` or `mm/dd/yyyy` (per `order`, with its separator),
 * `d mon yyyy`, `mon d, yyyy`, `a date value` or `epoch milliseconds`; null when it is no date.
 * A column's cells must share one ({@link dateColumn}).
 *
 * @example dateFormat('2024-01-31T10:00:00Z') // 'yyyy-mm-dd'
 * @example dateFormat('03/01/2022', 'mdy') // 'mm/dd/yyyy'
 */
export function dateFormat(value: unknown, order: DateOrder = 'mdy'): string | null {
  const out = { format: '' };
  return readDate(value, order, out) === null ? null : out.format;
}

/** Where {@link readDate} says which format it read; reused so a column of millions allocates nothing. */
export interface DateFormatOut {
  format: string;
}

const scratch: DateFormatOut = { format: '' };

/**
 * {@link parseDate} that also sets `out.format` to the cell's {@link dateFormat}.
 *
 * @example readDate('20240131', 'mdy', out) // '2024-01-31', out.format === 'yyyymmdd'
 */
export function readDate(value: unknown, order: DateOrder, out: DateFormatOut): string | null {
  if (value instanceof Date) {
    out.format = 'a date value';
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') {
    out.format = 'epoch milliseconds';
    return Number.isFinite(value) ? parseDate(new Date(value)) : null;
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  let m: RegExpExecArray | null;
  if ((m = YMD.exec(s))) {
    out.format = `yyyy${m[2]}mm${m[2]}dd`;
    return day(+m[1]!, +m[3]!, +m[4]!, m[5]!);
  }
  if ((m = COMPACT.exec(s))) {
    out.format = 'yyyymmdd';
    return day(+m[1]!, +m[2]!, +m[3]!, '');
  }
  if ((m = NUMERIC.exec(s))) {
    const [a, b] = [+m[1]!, +m[3]!];
    out.format = order === 'dmy' ? `dd${m[2]}mm${m[2]}yyyy` : `mm${m[2]}dd${m[2]}yyyy`;
    return order === 'dmy' ? day(+m[4]!, b, a, m[5]!) : day(+m[4]!, a, b, m[5]!);
  }
  if ((m = DAY_MON.exec(s))) {
    out.format = 'd mon yyyy';
    return day(+m[3]!, month(m[2]!), +m[1]!, m[4]!);
  }
  if ((m = MON_DAY.exec(s))) {
    out.format = 'mon d, yyyy';
    return day(+m[3]!, month(m[1]!), +m[2]!, m[4]!);
  }
  return null;
}

/**
 * Chooses the order of `a/b/yyyy` dates in a column: day first when some first part exceeds 12, month
 * first when some second part does, else by separator (`/` month first, `.` and `-` day first).
 *
 * @param values the column's cells
 * @example detectDateOrder(['01/02/2024', '25/02/2024']) // 'dmy'
 */
export function detectDateOrder(values: ArrayLike<unknown>): DateOrder {
  let dayFirst = false;
  let monthFirst = false;
  let sep = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const m = typeof v === 'string' ? NUMERIC.exec(v.trim()) : null;
    if (!m) continue;
    sep ||= m[2]!;
    if (+m[1]! > 12) dayFirst = true;
    if (+m[3]! > 12) monthFirst = true;
  }
  if (dayFirst !== monthFirst) return dayFirst ? 'dmy' : 'mdy';
  return sep === '/' || sep === '' ? 'mdy' : 'dmy';
}

function month(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? 0 : i + 1;
}

function day(y: number, m: number, d: number, rest: string): string | null {
  if (!TIME.test(rest) || m < 1 || m > 12 || d < 1 || y < 1000) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}
