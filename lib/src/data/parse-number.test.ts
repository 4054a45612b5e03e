import { describe, expect, it } from 'vitest';
import { isNonFinite, parseNumber } from './parse-number';

describe('parseNumber', () => {
  it.each([
    ['12.5', '.', 12.5],
    ['1e3', '.', 1000],
    ['3,5', ',', 3.5],
    ['true', '.', 1],
    ['', '.', null],
    [null, '.', null],
    [7, '.', 7],
  ] as const)('parseNumber(%j, %s) is %j', (value, decimal, want) => {
    expect(parseNumber(value, decimal)).toBe(want);
  });

  it.each(['1e309', '-1e309', 'Infinity', '-inf', 'NaN', Infinity, -Infinity, NaN, 'abc', '1,5'])(
    'parseNumber(%j) is NaN (not finite, or no number)',
    (value) => {
      expect(parseNumber(value)).toBeNaN();
    },
  );

  it('isNonFinite(value) tells an overflowing or infinite number from text that is no number', () => {
    expect(['1e309', '-1e309', 'Infinity', 'nan', Infinity].map((v) => isNonFinite(v))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['abc', '1,5', '12 €'].map((v) => isNonFinite(v))).toEqual([false, false, false]);
  });
});
