import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { seededRandom } from '../math/random';
import { geoBudgetRange, maximizeGeoOutcome, minimizeGeoSpend, type GeoAllocationProblem } from './geo-optimize';

// Concave cells a·(1 − e^(−x/k)) and S-shaped ones a·x²/(k² + x²), per geo × channel.
const expCell = (a: number, k: number) => (x: number) => a * (1 - Math.exp(-x / k));

function problem(
  curves: { a: number; k: number }[][],
  cell: { min: number; max: number },
  geos: { min: number; max: number }[],
  channels: { min: number; max: number }[],
): GeoAllocationProblem {
  return {
    cells: curves.flatMap((row, g) =>
      row.map((c, ch) => ({ geo: g, channel: ch, response: expCell(c.a, c.k), ...cell })),
    ),
    geos,
    channels,
  };
}

const free = { min: 0, max: Infinity };

/** Every bound of the problem holds at x, and x spends the budget. */
function expectFeasible(p: GeoAllocationProblem, x: number[], budget: number) {
  const tol = 1e-6 * budget;
  expect(x.reduce((s, v) => s + v, 0)).toBeCloseTo(budget, 4);
  p.cells.forEach((c, i) => {
    expect(x[i]!).toBeGreaterThanOrEqual(c.min - tol);
    expect(x[i]!).toBeLessThanOrEqual(c.max + tol);
  });
  const sums = (key: 'geo' | 'channel', n: number) =>
    Array.from({ length: n }, (_, k) => p.cells.reduce((s, c, i) => s + (c[key] === k ? x[i]! : 0), 0));
  sums('geo', p.geos.length).forEach((s, k) => {
    expect(s).toBeGreaterThanOrEqual(p.geos[k]!.min - tol);
    expect(s).toBeLessThanOrEqual(p.geos[k]!.max + tol);
  });
  sums('channel', p.channels.length).forEach((s, k) => {
    expect(s).toBeGreaterThanOrEqual(p.channels[k]!.min - tol);
    expect(s).toBeLessThanOrEqual(p.channels[k]!.max + tol);
  });
}

/** The best of every allocation of a 2 × 2 problem on a grid of `step` (the fourth cell takes the rest). */
function bruteForce2x2(p: GeoAllocationProblem, budget: number, step: number): number {
  let best = -Infinity;
  const [c0, c1, c2, c3] = p.cells as [
    GeoAllocationProblem['cells'][0],
    GeoAllocationProblem['cells'][0],
    GeoAllocationProblem['cells'][0],
    GeoAllocationProblem['cells'][0],
  ];
  const ok = (v: number, b: { min: number; max: number }) => v >= b.min - 1e-9 && v <= b.max + 1e-9;
  for (let a = c0.min; a <= Math.min(c0.max, budget); a += step) {
    for (let b = c1.min; b <= Math.min(c1.max, budget - a); b += step) {
      if (!ok(a + b, p.geos[0]!)) continue;
      for (let c = c2.min; c <= Math.min(c2.max, budget - a - b); c += step) {
        const d = budget - a - b - c;
        if (!ok(d, c3) || !ok(c + d, p.geos[1]!) || !ok(a + c, p.channels[0]!) || !ok(b + d, p.channels[1]!)) continue;
        const v = c0.response(a) + c1.response(b) + c2.response(c) + c3.response(d);
        if (v > best) best = v;
      }
    }
  }
  return best;
}

const curves2 = [
  [
    { a: 1000, k: 300 },
    { a: 700, k: 150 },
  ],
  [
    { a: 1400, k: 500 },
    { a: 400, k: 80 },
  ],
];

describe('maximizeGeoOutcome', () => {
  it('finds the brute-force optimum of a 2 × 2 allocation, with no bound, a geo bound, a channel bound, and both binding', () => {
    const budget = 1200;
    const cases: [string, GeoAllocationProblem][] = [
      ['cells only', problem(curves2, { min: 0, max: 1200 }, [free, free], [free, free])],
      ['geo 1 at most 500', problem(curves2, { min: 0, max: 1200 }, [free, { min: 0, max: 500 }], [free, free])],
      ['channel 1 at least 500', problem(curves2, { min: 0, max: 1200 }, [free, free], [free, { min: 500, max: 900 }])],
      // Geo 0 held to 700 exactly and channel 0 to 500: only moves of four cells at once keep both.
      [
        'geo and channel fixed',
        problem(curves2, { min: 20, max: 900 }, [{ min: 700, max: 700 }, free], [{ min: 500, max: 500 }, free]),
      ],
    ];
    for (const [name, p] of cases) {
      const res = maximizeGeoOutcome(p, budget);
      expectFeasible(p, res.spend, budget);
      const brute = bruteForce2x2(p, budget, 4);
      // The grid's optimum lies within a few units of the true one: at least as high, and barely higher.
      expect(res.total, name).toBeGreaterThanOrEqual(brute - 1e-9);
      expect(res.total - brute, name).toBeLessThan(1e-3 * brute);
    }
  });

  it('on 3 geos × 3 channels no allocation the bounds allow does better (60,000 random ones)', () => {
    const rand = seededRandom(3);
    const curves = Array.from({ length: 3 }, () =>
      Array.from({ length: 3 }, () => ({ a: 500 + 1500 * rand(), k: 100 + 400 * rand() })),
    );
    const geos = [{ min: 0, max: 600 }, free, { min: 500, max: Infinity }];
    const channels = [free, { min: 0, max: 700 }, { min: 400, max: 1000 }];
    const p = problem(curves, { min: 50, max: 800 }, geos, channels);
    const budget = 2000;
    const res = maximizeGeoOutcome(p, budget);
    expectFeasible(p, res.spend, budget);
    let tried = 0;
    for (let k = 0; k < 2_000_000 && tried < 60_000; k++) {
      const x = p.cells.map((c) => c.min + (c.max - c.min) * rand());
      const scale = (budget - 50 * 9) / (x.reduce((s, v) => s + v, 0) - 50 * 9);
      const y = x.map((v) => 50 + (v - 50) * scale);
      const feasible =
        y.every((v, i) => v >= p.cells[i]!.min && v <= p.cells[i]!.max) &&
        [0, 1, 2].every((g) => {
          const s = y[3 * g]! + y[3 * g + 1]! + y[3 * g + 2]!;
          return s >= geos[g]!.min && s <= geos[g]!.max;
        }) &&
        [0, 1, 2].every((c) => {
          const s = y[c]! + y[3 + c]! + y[6 + c]!;
          return s >= channels[c]!.min && s <= channels[c]!.max;
        });
      if (!feasible) continue;
      tried++;
      const v = p.cells.reduce((s, c, i) => s + c.response(y[i]!), 0);
      expect(v).toBeLessThanOrEqual(res.total + 1e-6);
    }
    expect(tried).toBe(60_000);
  });

  it('with a budget outside what the sums allow, a ConfigError names the exact range', () => {
    // Cells allow 0–1000 each, geo 0 at most 300, channel 1 at most 400: geo 0 takes 300 (all in channel 0),
    // geo 1 channel 0 its 1000, channel 1 its 400, so 1,700 at most.
    const p = problem(curves2, { min: 0, max: 1000 }, [{ min: 0, max: 300 }, free], [free, { min: 0, max: 400 }]);
    expect(geoBudgetRange(p)).toEqual({ lo: 0, hi: 1700 });
    expect(() => maximizeGeoOutcome(p, 1800)).toThrow(ConfigError);
    expect(() => maximizeGeoOutcome(p, 1800)).toThrow(
      /^the budget 1,800 is outside what the bounds allow: 0 to 1,700$/,
    );
    const q = problem(curves2, { min: 100, max: 1000 }, [free, free], [{ min: 900, max: Infinity }, free]);
    expect(geoBudgetRange(q)!.lo).toBeCloseTo(1100, 6);
  });

  it('minimizeGeoSpend reaches the target at the least budget: its allocation is the optimum of that budget', () => {
    const p = problem(curves2, { min: 0, max: 1200 }, [free, { min: 0, max: 500 }], [free, free]);
    const best = maximizeGeoOutcome(p, 1200);
    const res = minimizeGeoSpend(p, 0.9 * best.total);
    const spent = res.spend.reduce((s, v) => s + v, 0);
    expect(res.total).toBeGreaterThanOrEqual(0.9 * best.total - 1e-6);
    expect(spent).toBeLessThan(1200);
    // A little less budget cannot reach the target.
    expect(maximizeGeoOutcome(p, spent * 0.999).total).toBeLessThan(0.9 * best.total);
    expect(() => minimizeGeoSpend(p, 10 * best.total)).toThrow(/out of reach/);
  });
});
