import { describe, expect, it } from 'vitest';
import { normalCdf, truncatedAtZero } from './truncated-normal';
import { normal, seededRandom } from './random';

describe('normalCdf', () => {
  it('matches known values of Φ', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.6448536269514722)).toBeCloseTo(0.95, 6);
    expect(normalCdf(-1.959963985)).toBeCloseTo(0.025, 6);
    expect(normalCdf(-5)).toBeCloseTo(2.866515719e-7, 9);
  });
});

describe('truncatedAtZero', () => {
  it('has the half-normal mean √(2/π)·s when centred on the bound', () => {
    expect(truncatedAtZero(0, 2).mean).toBeCloseTo(2 * Math.sqrt(2 / Math.PI), 6);
    expect(truncatedAtZero(0, 2).quantile(0.5)).toBeCloseTo(2 * 0.6744897502, 5);
  });

  it("agrees with rejection sampling's mean and quantiles below and above the bound", () => {
    const rand = seededRandom(7);
    for (const mu of [-1.5, -0.3, 0.4, 2]) {
      const kept: number[] = [];
      while (kept.length < 40_000) {
        const x = mu + normal(rand);
        if (x >= 0) kept.push(x);
      }
      kept.sort((a, b) => a - b);
      const t = truncatedAtZero(mu, 1);
      const mean = kept.reduce((s, v) => s + v, 0) / kept.length;
      expect(t.mean).toBeCloseTo(mean, 2);
      expect(t.quantile(0.05)).toBeCloseTo(kept[Math.floor(0.05 * kept.length)]!, 1);
      expect(t.quantile(0.95)).toBeCloseTo(kept[Math.floor(0.95 * kept.length)]!, 1);
    }
  });

  it('is the untruncated normal far above the bound and an exponential far below it', () => {
    expect(truncatedAtZero(10, 1).mean).toBeCloseTo(10, 9);
    const far = truncatedAtZero(-20, 1);
    expect(far.mean).toBeCloseTo(1 / 20, 3);
    expect(far.mean).toBeGreaterThan(0);
    expect(truncatedAtZero(-7.9, 1).mean).toBeCloseTo(1 / 7.9, 2);
  });
});
