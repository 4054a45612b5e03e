import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { resolveConfig, type MmmData } from './spec';

const n = 8;
const data: MmmData = {
  dates: Array.from({ length: n }, (_, i) => `2024-01-${String(1 + 7 * (i % 4)).padStart(2, '0')}`),
  outcome: new Float64Array(n).fill(1),
  channels: [{ name: 'tv', input: new Float64Array(n).fill(1), spend: new Float64Array(n).fill(1) }],
  factors: [],
};

describe('resolveConfig(config, data)', () => {
  it.each([1, 8, 52])('resolveConfig({ lookback: %i }, data) keeps the lookback', (lookback) => {
    expect(resolveConfig({ lookback }, data).lookback).toBe(lookback);
  });

  it.each([0, 53, 2.5, -1])('resolveConfig({ lookback: %d }, data) refuses it with model.json’s rule', (lookback) => {
    expect(() => resolveConfig({ lookback }, data)).toThrow(ConfigError);
    expect(() => resolveConfig({ lookback }, data)).toThrow(
      `\`lookback\` must be an integer in [1, 52]; got ${lookback}`,
    );
  });

  it('resolveConfig({ spendShare: { sd, separated, sampledSpread } }) keeps the options, absent when not asked', () => {
    const both = resolveConfig({ lookback: 8, spendShare: { sd: 0.5, separated: 1, sampledSpread: true } }, data);
    expect(both.spendShareSd).toBe(0.5);
    expect(both.spendShareSeparatedSd).toBe(1);
    expect(both.spendShareSampledSpread).toBe(true);
    const plain = resolveConfig({ lookback: 8 }, data);
    expect(plain.spendShareSeparatedSd).toBeUndefined();
    expect(plain.spendShareSampledSpread).toBeUndefined();
  });

  it.each([0, -1, NaN])('resolveConfig({ spendShare: { sd: 0.5, separated: %d } }) refuses it', (separated) => {
    expect(() => resolveConfig({ lookback: 8, spendShare: { sd: 0.5, separated } }, data)).toThrow(
      '`spendShare.separated` must be > 0',
    );
  });
});
