const DOT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA = /^[+-]?\d+(?:,\d+)?$/;
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;

/**
 * Reads a numeric cell: a finite number, `true`/`false` as 1/0, or text such as `12.5` or `1e3`
 * (`12,5` when `decimal` is `,`). Returns null for an empty cell and NaN when the cell is not a
 * finite number: text that is not a number, and `1e309`, `-1e309`, `Infinity`, `NaN` (as text or
 * values), which would otherwise drop out of a fit silently.
 *
 * @example parseNumber('3,5', ',') // 3.5
 * @example parseNumber('1e309') // NaN
 */
export function parseNumber(value: unknown, decimal: '.' | ',' = '.'): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'bigint') return finite(Number(value));
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return NaN;
  const s = value.trim();
  if (s === '') return null;
  if (s === 'true' || s === 'false') return s === 'true' ? 1 : 0;
  if (DOT.test(s)) return finite(Number(s));
  if (decimal === ',' && COMMA.test(s)) return finite(Number(s.replace(',', '.')));
  return NaN;
}

/**
 * Tells whether a cell that {@link parseNumber} read as NaN is a number that is not finite (`1e309`,
 * `Infinity`, `NaN`, as text or as a value) rather than text that is no number at all.
 *
 * @example isNonFinite('-1e309') // true
 */
export function isNonFinite(value: unknown, decimal: '.' | ',' = '.'): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value === 'bigint') return !Number.isFinite(Number(value));
  if (typeof value !== 'string') return false;
  const s = value.trim();
  return NON_FINITE.test(s) || DOT.test(s) || (decimal === ',' && COMMA.test(s));
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : NaN;
}
