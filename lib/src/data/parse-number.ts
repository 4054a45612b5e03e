const DOT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA = /^[+-]?\d+(?:,\d+)?$/;

/**
 * Reads a numeric cell: a finite number, `true`/`false` as 1/0, or text such as `12.5` or `1e3`
 * (`12,5` when `decimal` is `,`). Returns null for an empty cell and NaN when the cell is not a number.
 *
 * @example parseNumber('3,5', ',') // 3.5
 */
export function parseNumber(value: unknown, decimal: '.' | ',' = '.'): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return NaN;
  const s = value.trim();
  if (s === '') return null;
  if (s === 'true' || s === 'false') return s === 'true' ? 1 : 0;
  if (DOT.test(s)) return Number(s);
  if (decimal === ',' && COMMA.test(s)) return Number(s.replace(',', '.'));
  return NaN;
}
