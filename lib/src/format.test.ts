import { describe, expect, it } from 'vitest';
import { formatAmount, formatInteger, formatMoney, formatNumber, formatPercent, MISSING } from './format';

describe('format', () => {
  it.each([
    [2.345678, 2, '2.35'],
    [1234.5, 1, '1234.5'],
    [-0.001, 2, '-0.00'],
    [3, 3, '3.000'],
    [0.96, 0, '1'],
  ])('formatNumber(%d, %d) is %j, as toFixed writes it (no thousands separators)', (v, digits, text) => {
    expect(formatNumber(v, digits)).toBe(text);
  });

  it.each([
    [1025783.4, '1,025,783'],
    [999.5, '1,000'],
    [-1234.4, '-1,234'],
    [0, '0'],
  ])('formatInteger(%d) is %j', (v, text) => {
    expect(formatInteger(v)).toBe(text);
  });

  it.each([
    [0.1234, 1, '12.3%'],
    [0.25, 0, '25%'],
    [-0.05, 1, '-5.0%'],
    [12.5, 1, '1250.0%'],
  ])('formatPercent(%d, %d) is %j', (v, digits, text) => {
    expect(formatPercent(v, digits)).toBe(text);
  });

  it.each([
    [1234.56, '1,235'],
    [12, '12'],
    [0.4567, '0.46'],
    [-999.994, '-999.99'],
  ])('formatAmount(%d) is %j: whole from 1000 and for whole numbers, else 2 decimals', (v, text) => {
    expect(formatAmount(v)).toBe(text);
  });

  it('formatAmount(v, digits, wholeFrom) takes the decimals and the threshold', () => {
    expect(formatAmount(123.456, 1, 100)).toBe('123');
    expect(formatAmount(12.345, 1, 100)).toBe('12.3');
  });

  it('every formatter shows null, undefined, NaN and ±Infinity as the dash', () => {
    for (const f of [formatNumber, formatInteger, formatPercent, formatAmount]) {
      for (const v of [null, undefined, NaN, Infinity, -Infinity]) expect(f(v)).toBe(MISSING);
    }
  });

  it('formatNumber rounds the decimal that names the number, half away from zero (unlike toFixed)', () => {
    // 1.005 is stored as 1.00499999999999989…: toFixed gives 1.00, a reader expects 1.01.
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(formatNumber(1.005, 2)).toBe('1.01');
    expect(formatInteger(-2.5)).toBe('-3');
  });
});

describe('formatMoney', () => {
  it.each([
    [1234.56, 'EUR', '€1,235'],
    [12.5, 'USD', '$12.50'],
    [12.5, null, '12.50'],
    [1234.56, null, '1,235'],
    [null, 'EUR', MISSING],
  ])('formatMoney(%d, %j) is %j', (v, currency, text) => {
    expect(formatMoney(v, currency)).toBe(text);
  });
});
