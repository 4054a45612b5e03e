import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { maximizeOutcome, minimizeSpend, type AllocationChannel } from './optimize';

// Exponential saturation a·(1 − e^(−x/k)) has marginal (a/k)·e^(−x/k); at the optimum all are equal to λ,
// so x_c = k_c · ln(a_c / (k_c λ)), with λ set by the budget: a closed form to test against.
const curves = [
  { a: 1000, k: 200 },
  { a: 600, k: 100 },
  { a: 1500, k: 500 },
  { a: 300, k: 50 },
];
const channels: AllocationChannel[] = curves.map((c, i) => ({
  name: `c${i}`,
  response: (x: number) => c.a * (1 - Math.exp(-x / c.k)),
  min: 0,
  max: 5000,
}));

function closedForm(budget: number): number[] {
  // Σ k ln(a/(kλ)) = budget → ln λ = (Σ k ln(a/k) − budget) / Σ k (all channels interior here).
  const sk = curves.reduce((s, c) => s + c.k, 0);
  const lnLambda = (curves.reduce((s, c) => s + c.k * Math.log(c.a / c.k), 0) - budget) / sk;
  return curves.map((c) => c.k * (Math.log(c.a / c.k) - lnLambda));
}

describe('maximizeOutcome', () => {
  it('maximizeOutcome matches the closed-form optimum of exponential response curves', () => {
    const budget = 1200;
    const res = maximizeOutcome(channels, budget);
    const truth = closedForm(budget);
    res.spend.forEach((x, i) => expect(x).toBeCloseTo(truth[i]!, 0));
    expect(res.spend.reduce((s, v) => s + v, 0)).toBeCloseTo(budget, 6);
  });

  it('at an interior optimum the marginal returns are equal across channels', () => {
    const res = maximizeOutcome(channels, 1200);
    const m = res.marginal;
    for (const v of m) expect(v / m[0]!).toBeCloseTo(1, 2);
  });

  it('beats an even split and a coarse grid search', () => {
    const budget = 1200;
    const res = maximizeOutcome(channels, budget);
    const even = channels.reduce((s, c) => s + c.response(budget / 4), 0);
    expect(res.total).toBeGreaterThan(even);
    let grid = 0;
    const step = budget / 12;
    for (let a = 0; a <= budget; a += step)
      for (let b = 0; a + b <= budget; b += step)
        for (let c = 0; a + b + c <= budget; c += step) {
          const d = budget - a - b - c;
          const r = [a, b, c, d].reduce((s, x, i) => s + channels[i]!.response(x), 0);
          grid = Math.max(grid, r);
        }
    expect(res.total).toBeGreaterThanOrEqual(grid - 1e-6);
  });

  it('respects bounds and locked channels (min = max)', () => {
    const bounded = channels.map((c, i) => (i === 0 ? { ...c, min: 100, max: 100 } : i === 3 ? { ...c, max: 20 } : c));
    const res = maximizeOutcome(bounded, 1200);
    expect(res.spend[0]).toBe(100);
    expect(res.spend[3]).toBeLessThanOrEqual(20 + 1e-9);
    expect(res.spend.reduce((s, v) => s + v, 0)).toBeCloseTo(1200, 6);
  });

  it('handles S-shaped curves: a channel below its threshold is not starved by a greedy start', () => {
    const s: AllocationChannel[] = [
      { name: 's', response: (x) => (2000 * x ** 3) / (x ** 3 + 300 ** 3), min: 0, max: 2000 },
      { name: 'c', response: (x) => 400 * (1 - Math.exp(-x / 100)), min: 0, max: 2000 },
    ];
    const res = maximizeOutcome(s, 800);
    let best = 0;
    for (let x = 0; x <= 800; x += 1) best = Math.max(best, s[0]!.response(x) + s[1]!.response(800 - x));
    expect(res.total).toBeGreaterThanOrEqual(best - 0.5);
  });

  it('names a budget the bounds cannot hold', () => {
    expect(() => maximizeOutcome(channels, 1e9)).toThrow(ConfigError);
    expect(() => maximizeOutcome(channels, 1e9)).toThrow(/outside what the bounds allow/);
  });
});

describe('minimizeSpend', () => {
  it('minimizeSpend finds the least budget whose best allocation reaches the target', () => {
    const target = maximizeOutcome(channels, 1000).total;
    const res = minimizeSpend(channels, target);
    expect(res.spend.reduce((s, v) => s + v, 0)).toBeCloseTo(1000, -1);
    expect(res.total).toBeGreaterThanOrEqual(target - 1e-6);
    expect(() => minimizeSpend(channels, 1e7)).toThrow(/out of reach/);
  });
});
