import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import {
  basicRhat,
  ebfmi,
  effectiveSampleSize,
  essBulk,
  essTail,
  mcseMean,
  quantile,
  rankNormalize,
  rhat,
  splitChains,
  summarizeDraws,
  type ChainDraws,
} from './mcmc-diagnostics';
import { normal, seededRandom } from './random';

/** `chains` AR(1) chains x_t = φ x_{t−1} + ε_t, ε ~ N(0, 1), started stationary, chain c shifted by shift[c]. */
function ar1(seed: number, chains: number, n: number, phi: number, shift: number[] = []): ChainDraws {
  const rand = seededRandom(seed);
  const values = new Float64Array(chains * n);
  for (let c = 0; c < chains; c++) {
    let x = normal(rand) / Math.sqrt(1 - phi * phi);
    for (let i = 0; i < n; i++) {
      x = phi * x + normal(rand);
      values[c * n + i] = x + (shift[c] ?? 0);
    }
  }
  return { values, chains };
}

describe('mcmc-diagnostics', () => {
  it.each([1, 2, 3])('rhat(4 iid normal chains × 1000) is within 0.005 of 1 (seed %i)', (seed) => {
    expect(Math.abs(rhat(ar1(seed, 4, 1000, 0)) - 1)).toBeLessThan(0.005);
  });

  it.each([
    ['one chain shifted by 2 sd', [0, 0, 0, 2]],
    ['means 0, 0.5, 1, 1.5', [0, 0.5, 1, 1.5]],
  ])('rhat(4 chains, %s) > 1.1', (_name, shift) => {
    expect(rhat(ar1(7, 4, 1000, 0, shift))).toBeGreaterThan(1.1);
  });

  it('rhat(chains with equal means, one 3× wider) is > 1.05: the folded draws see a difference in scale', () => {
    const d = ar1(8, 4, 1000, 0);
    const wide = { values: d.values.map((v, i) => (i < 1000 ? 3 * v : v)), chains: 4 };
    expect(basicRhat(rankNormalize(splitChains(wide)))).toBeLessThan(1.05);
    expect(rhat(wide)).toBeGreaterThan(1.05);
  });

  it.each([1, 2])(
    'essBulk, essTail and the ESS of the mean of 4 × 1000 iid draws are within 15% of 4000 (seed %i)',
    (seed) => {
      const d = ar1(seed, 4, 1000, 0);
      for (const ess of [essBulk(d), essTail(d), effectiveSampleSize(splitChains(d))]) {
        expect(ess / 4000).toBeGreaterThan(0.85);
        expect(ess / 4000).toBeLessThan(1.15);
      }
    },
  );

  it.each([1, 2, 3])('essBulk(AR(1), φ = 0.9) is within 25% of N(1 − φ)/(1 + φ) (seed %i)', (seed) => {
    const d = ar1(seed, 4, 10_000, 0.9);
    const theory = (40_000 * 0.1) / 1.9;
    expect(Math.abs(essBulk(d) / theory - 1)).toBeLessThan(0.25);
    expect(Math.abs(effectiveSampleSize(splitChains(d)) / theory - 1)).toBeLessThan(0.25);
    expect(essTail(d)).toBeLessThan(0.2 * 40_000);
  });

  it('mcseMean(iid draws) ≈ sd/√N', () => {
    const d = ar1(4, 4, 1000, 0);
    const sd = summarizeDraws(d).sd;
    expect(mcseMean(d) / (sd / Math.sqrt(4000))).toBeCloseTo(1, 1);
  });

  it('rhat, essBulk, essTail, mcseMean agree with ArviZ 0.23.4 on a fixed set of draws (ties included)', () => {
    // 4 × 250 draws of AR(1) φ = 0.6, chain c shifted by 0.1 c, rounded to 2 decimals; the reference
    // values are ArviZ's rhat(method='rank'), ess(method='bulk'|'tail'), mcse(method='mean'), bfmi.
    const rand = seededRandom(2024);
    const values = new Float64Array(1000);
    for (let c = 0; c < 4; c++) {
      let x = 0;
      for (let i = 0; i < 250; i++) {
        x = 0.6 * x + normal(rand);
        values[c * 250 + i] = Math.round((x + 0.1 * c) * 100) / 100;
      }
    }
    const d = { values, chains: 4 };
    expect(rhat(d)).toBeCloseTo(1.0299597922631214, 8);
    expect(essBulk(d)).toBeCloseTo(204.45081777018783, 5);
    expect(essTail(d)).toBeCloseTo(532.7477035948713, 8);
    expect(mcseMean(d)).toBeCloseTo(0.08947302537827528, 12);
    expect(ebfmi(values.subarray(0, 250))).toBeCloseTo(0.7846520977994912, 12);
  });

  it('ebfmi(energy) = Σ (E_i − E_{i−1})² / Σ (E_i − Ē)²: 1.6 for [1, 3, 2, 5], ≈ 2 iid, ≈ 2(1 − φ) for AR(1)', () => {
    expect(ebfmi([1, 3, 2, 5])).toBeCloseTo(14 / 8.75, 12);
    expect(ebfmi(ar1(5, 1, 20_000, 0).values)).toBeCloseTo(2, 1);
    expect(ebfmi(ar1(6, 1, 20_000, 0.9).values)).toBeCloseTo(0.2, 1);
  });

  it('splitChains(3 chains × 5) keeps the first and last two draws of each chain, dropping the middle one', () => {
    const values = Float64Array.from({ length: 15 }, (_, i) => i);
    const s = splitChains({ values, chains: 3 });
    expect(s.chains).toBe(6);
    expect(Array.from(s.values)).toEqual([0, 1, 3, 4, 5, 6, 8, 9, 10, 11, 13, 14]);
  });

  it('rankNormalize(draws) keeps the order, gives ties their average rank, and is symmetric about 0', () => {
    const z = rankNormalize({ values: Float64Array.from([3, 1, 2, 2]), chains: 1 }).values;
    expect(z[1]).toBeLessThan(z[2]!);
    expect(z[2]).toBe(z[3]);
    expect(z[2]).toBeLessThan(z[0]!);
    expect(z[2]).toBeCloseTo(0, 12); // average rank 2.5 of 4: the middle
    expect(z[0]).toBeCloseTo(-z[1]!, 12);
  });

  it('quantile(x, p) interpolates between order statistics', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0)).toBe(1);
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
  });

  it('rhat and the ESS are NaN for constant draws or too few; a block that does not split throws InputError', () => {
    expect(rhat({ values: new Float64Array(8).fill(1), chains: 2 })).toBeNaN();
    expect(effectiveSampleSize({ values: new Float64Array(8).fill(1), chains: 2 })).toBeNaN();
    expect(rhat({ values: Float64Array.from([1, 2, 3, 4, 5, 6]), chains: 2 })).toBeNaN();
    expect(() => rhat({ values: new Float64Array(7), chains: 2 })).toThrow(InputError);
  });
});
