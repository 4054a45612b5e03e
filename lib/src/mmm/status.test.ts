import { describe, expect, it } from 'vitest';
import type { Diagnostics, FittedChannel } from './fitted';
import type { ResolvedConfig } from './spec';
import { binomialTail, statusReasons } from './status';

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
        channel({ name: 'radio', coefficient: 0.2, modeAtZero: true }),
        channel({ name: 'ooh', separation: { r2: 0.93, with: 'the trend', withR2: 0.9 } }),
      ],
      diag,
      ['tv: adstock retention 0.94 near its cap 0.95'],
    ).join('\n');
    expect(r).toMatch(/radio: the data put its most likely effect at zero \(the bound\); its ROI/);
    expect(r).toMatch(/ooh: its spend moves with the trend \(R² 0.90/);
    expect(r).toMatch(/parameter at its bound: tv: adstock retention/);
  });

  it('statusReasons names a channel whose ROI rests mostly on the priors, and one whose interval is wider than its ROI', () => {
    const r = statusReasons(
      cfg,
      [
        channel({ name: 'radio', roi: { mean: 1.5, lower: 0.5, upper: 2.5 }, dataRoi: { mean: 0.2, sd: 2 } }),
        channel({ name: 'ooh', roi: { mean: 1, lower: 0.3, upper: 1.8 } }),
        channel({ name: 'tv' }),
      ],
      diag,
      [],
    );
    expect(r).toHaveLength(2);
    expect(r[0]).toMatch(
      /^radio: its ROI 1.50 \[0.50, 2.50\] rests mostly on the priors: the data alone put it at 0.20 ± 2.00 and give 9% of its precision/,
    );
    expect(r[1]).toMatch(/^ooh: its 90% ROI interval is wider than its ROI, 1.00 \[0.30, 1.80\]/);
  });

  it("leaves a loose channel unnamed when a user's prior is on it or on the channel it moves with", () => {
    const loose = { roi: { mean: 1, lower: 0.3, upper: 1.8 }, dataRoi: { mean: 0.2, sd: 2 } };
    const withLift = {
      ...cfg,
      roiPriors: [{ channel: 'search', roi: 3, sd: 0.3, source: 'experiment' }],
    } as unknown as ResolvedConfig;
    const r = statusReasons(
      withLift,
      [
        channel({ name: 'search', ...loose }),
        channel({ name: 'social', ...loose, separation: { r2: 0.6, with: 'channel search', withR2: 0.6 } }),
        channel({ name: 'radio', ...loose }),
      ],
      diag,
      [],
    );
    expect(r.map((x) => x.split(':')[0])).toEqual(['radio']);
  });

  it('binomialTail is P(X ≥ k) of a binomial', () => {
    expect(binomialTail(0, 10, 0.1)).toBe(1);
    expect(binomialTail(1, 10, 0.1)).toBeCloseTo(1 - 0.9 ** 10, 12);
    expect(binomialTail(5, 10, 0.1)).toBeCloseTo(0.0016349374, 9);
    expect(binomialTail(11, 10, 0.1)).toBeCloseTo(0, 12);
  });

  it('names a hold-out tail that fails the predictive check, and only then', () => {
    const check = (outside: number) =>
      statusReasons(cfg, [channel({})], { ...diag, holdoutOutside: outside }, []).filter((r) =>
        r.startsWith('posterior-predictive check'),
      );
    expect(check(3)).toEqual([]);
    expect(check(5)).toEqual([
      'posterior-predictive check: 5 of the last 10 periods fall outside the 90% predictive interval of a fit that did not see them (about 1 expected)',
    ]);
    expect(
      statusReasons(cfg, [channel({})], { ...diag, holdoutMape: null, holdoutPeriods: 0, holdoutOutside: 0 }, []),
    ).toEqual([]);
  });
});
