// Numbers as every front end shows them (CLI text, notebook cards, the JupyterLab extension): one
// cached `Intl.NumberFormat` per style, always `en-US`, so a figure reads the same everywhere and in
// every locale. No Node imports: the extension bundles this file.

/** What a missing or non-finite number shows as. */
export const MISSING = '—';

const cache = new Map<string, Intl.NumberFormat>();

// Intl rounds the shortest decimal that names the double, half away from zero: 1.005 shows as
// 1.01 (toFixed gives 1.00, from the binary value just below), -2.5 as -3 (Math.round gives -2).
function formatter(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat('en-US', options)));
  return f;
}

const present = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A number with exactly `digits` decimals and no thousands separators, as `toFixed` writes it.
 *
 * @example formatNumber(2.345678) // '2.35'
 * @example formatNumber(1234.5, 1) // '1234.5'
 * @example formatNumber(null) // '—'
 */
export function formatNumber(v: number | null | undefined, digits = 2): string {
  if (!present(v)) return MISSING;
  const f = formatter(`fixed:${digits}`, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  });
  return f.format(v);
}

/**
 * A number rounded to a whole one, with thousands separators: counts, money and outcomes (the
 * workspace knows no currency, so money has no symbol).
 *
 * @example formatInteger(1025783.4) // '1,025,783'
 */
export function formatInteger(v: number | null | undefined): string {
  if (!present(v)) return MISSING;
  return formatter('integer', { maximumFractionDigits: 0 }).format(v);
}

/**
 * A share (0.123) as a percentage with `digits` decimals, without thousands separators.
 *
 * @example formatPercent(0.1234) // '12.3%'
 * @example formatPercent(0.25, 0) // '25%'
 */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  if (!present(v)) return MISSING;
  const f = formatter(`percent:${digits}`, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  });
  return f.format(v);
}

/**
 * An amount of any size: whole numbers and those of at least `wholeFrom` in size as
 * {@link formatInteger}, smaller fractions with `digits` decimals.
 *
 * @example formatAmount(1234.56) // '1,235'
 * @example formatAmount(12) // '12'
 * @example formatAmount(0.4567) // '0.46'
 */
export function formatAmount(v: number | null | undefined, digits = 2, wholeFrom = 1000): string {
  if (!present(v)) return MISSING;
  return Number.isInteger(v) || Math.abs(v) >= wholeFrom ? formatInteger(v) : formatNumber(v, digits);
}

/**
 * Money: with an ISO 4217 `currency` code, in that currency's form (`€1,234`, `$12.50`); without one
 * (the store records none by default), as {@link formatAmount}. Amounts of 1000 or more show no cents.
 *
 * @example formatMoney(1234.56, 'EUR') // '€1,235'
 * @example formatMoney(12.5, 'USD') // '$12.50'
 * @example formatMoney(12.5) // '12.50'
 */
export function formatMoney(v: number | null | undefined, currency: string | null = null): string {
  if (!present(v)) return MISSING;
  if (!currency) return formatAmount(v, 2);
  const digits = Math.abs(v) >= 1000 ? 0 : 2;
  return formatter(`money:${currency}:${digits}`, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(v);
}
