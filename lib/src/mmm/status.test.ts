import { describe, expect, it } from 'vitest';
import type { Diagnostics, FittedChannel } from './fitted';
import type { ResolvedConfig } from './spec';
import { statusReasons } from './status';

const cfg = { roiPriors: [], sharePriors: [] } as unknown as ResolvedConfig;
const diag: Diagnostics = {
  r2: 0.95,
  nrmse: 0.05,
  mape: 0.02,
  holdoutMape: 0.03,
  holdoutPeriods: 10,
  decompRssd: 0.1,
  converged: true,
  iterations: 12,
  startCosts: [1],
};
const channel = (over: Partial<FittedChannel>): FittedChannel =>
  ({
    name: 'tv',
    coefficient: 100,
    spend: 1000,
    roi: { mean: 2, lower: 1, upper: 3 },
    separation: { r2: 0.2, with: 'seasonality', withR2: 0.1 },
    dataRoi: { mean: 2, sd: 0.5 },
    ...over,
  }) as FittedChannel;

describe('statusReasons', () => {
  it('statusReasons is empty for a clean fit', () => {
    expect(statusReasons(cfg, [channel({})], diag, [])).toEqual([]);
  });

  it.each([
    [{ ...diag, converged: false }, [], /did not converge in 12 iterations/],
    [{ ...diag, r2: 0.3 }, [], /poor fit: R² 0.30/],
    [{ ...diag, holdoutMape: 0.3 }, [], /out-of-sample MAPE 30.0% on the last 10 periods vs 2.0% in sample/],
  ])('statusReasons names a diagnostic problem', (d, _, pattern) => {
    expect(statusReasons(cfg, [channel({})], d, []).join('\n')).toMatch(pattern);
  });

  it('statusReasons names a channel whose effect is at zero and a confounded channel', () => {
    const r = statusReasons(
      cfg,
      [
        channel({ name: 'radio', coefficient: 0 }),
        channel({ name: 'ooh', separation: { r2: 0.93, with: 'the trend', withR2: 0.9 } }),
      ],
      diag,
      ['tv: adstock retention 0.94 near its cap 0.95'],
    ).join('\n');
    expect(r).toMatch(/radio: the fit puts its effect at zero/);
    expect(r).toMatch(/ooh: its spend moves with the trend \(R² 0.90/);
    expect(r).toMatch(/parameter at its bound: tv: adstock retention/);
  });
});
