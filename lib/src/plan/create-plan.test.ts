import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { fitMmm } from '../mmm/fit';
import { CASES, correlatedCase } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { cholesky } from '../math/linalg';
import { normal, seededRandom } from '../math/random';
import { createPlan } from './create-plan';
import { periodResponses } from './period-response';

const { data } = generateSynthetic(CASES['clean']!);
const fit = fitMmm(data, { lookback: 8 });
const current = periodResponses(fit, data, 13).reduce((s, r) => s + r.current, 0);
const real = (() => {
  const { data: d } = generateSynthetic(CASES['realistic']!);
  return { data: d, fit: fitMmm(d, { lookback: 8 }) };
})();

describe('createPlan', () => {
  it('createPlan with the current budget beats the current allocation, with equal marginal ROI inside the bounds', () => {
    const plan = createPlan(fit, data, { weeks: 13, budget: current, model: { id: 'm1', version: 2 } });
    expect(plan.budget).toBeCloseTo(current, 3);
    expect(plan.expected.mean).toBeGreaterThan(plan.current.outcome);
    const interior = Object.values(plan.channels).filter((c) => c.spend > 1 && c.spend < current - 1);
    expect(interior.length).toBeGreaterThan(1);
    for (const c of interior) expect(c.marginalRoi / interior[0]!.marginalRoi).toBeCloseTo(1, 1);
    expect(plan.expected.lower).toBeLessThanOrEqual(plan.expected.mean);
    expect(plan.expected.upper).toBeGreaterThanOrEqual(plan.expected.mean);
    expect(plan.model).toEqual({ id: 'm1', version: 2 });
  });

  it("the plan's 90% interval adds the channels with the model's ROI correlation, as a simulation of correlated ROIs does", () => {
    // Search and social move together here, so their ROI estimates are strongly negatively correlated.
    const pair = generateSynthetic(correlatedCase(1)).data;
    const fit = fitMmm(pair, { lookback: 8 });
    const budget = periodResponses(fit, pair, 13).reduce((s, r) => s + r.current, 0);
    const plan = createPlan(fit, pair, { weeks: 13, budget });
    const names = fit.channels.map((c) => c.name);
    const C = names.length;
    const l = cholesky(Float64Array.from(fit.roiCorrelation!.flat()), C)!;
    const rel = fit.channels.map((c) => (c.roi.upper - c.roi.mean) / 1.6448536269514722 / c.roi.mean);
    const rand = seededRandom(5);
    const totals = Array.from({ length: 20000 }, () => {
      const e = names.map(() => normal(rand));
      return names.reduce((s, n, i) => {
        let z = 0;
        for (let k = 0; k <= i; k++) z += l[i * C + k]! * e[k]!;
        return s + plan.channels[n]!.outcome * (1 + rel[i]! * z);
      }, 0);
    });
    totals.sort((a, b) => a - b);
    const scale = plan.expected.mean;
    expect(Math.abs(totals[1000]! - plan.expected.lower) / scale).toBeLessThan(0.01);
    expect(Math.abs(totals[19000]! - plan.expected.upper) / scale).toBeLessThan(0.01);
    // A model stored without the correlation: the channels add up as fully correlated, a wider interval.
    const older = createPlan({ ...fit, roiCorrelation: undefined }, pair, { weeks: 13, budget });
    expect(older.expected.mean).toBeCloseTo(plan.expected.mean, 6);
    expect(older.expected.upper - older.expected.mean).toBeGreaterThan(
      1.3 * (plan.expected.upper - plan.expected.mean),
    );
  });

  it('createPlan keeps locked channels at current spend and relative bounds', () => {
    const plan = createPlan(fit, data, {
      weeks: 13,
      budget: current,
      locked: ['tv'],
      bounds: { search: { minRelative: 0.8, maxRelative: 1.2 } },
    });
    expect(plan.channels['tv']!.spend).toBeCloseTo(plan.channels['tv']!.current, 6);
    const s = plan.channels['search']!;
    expect(s.spend).toBeGreaterThanOrEqual(0.8 * s.current - 1e-6);
    expect(s.spend).toBeLessThanOrEqual(1.2 * s.current + 1e-6);
  });

  it('createPlan with a target spends the least that reaches it', () => {
    const best = createPlan(fit, data, { weeks: 13, budget: current });
    const plan = createPlan(fit, data, { weeks: 13, target: best.expected.mean * 0.9 });
    expect(plan.objective).toBe('min-spend');
    expect(plan.budget).toBeLessThan(current);
    expect(plan.expected.mean).toBeGreaterThanOrEqual(best.expected.mean * 0.9 - 1e-6);
  });

  it('createPlan names a missing objective and an unknown channel', () => {
    expect(() => createPlan(fit, data, { weeks: 13 })).toThrow(ConfigError);
    expect(() => createPlan(fit, data, { weeks: 13, budget: 1, locked: ['radio'] })).toThrow(/radio/);
  });

  it('createPlan holds channels without bounds to 0.5–1.5× current spend by default, and stores why', () => {
    const plan = createPlan(fit, data, { weeks: 13, budget: current, bounds: { tv: { min: 0 } } });
    expect(plan.boundsRule).toEqual({ minRelative: 0.5, maxRelative: 1.5 });
    for (const [name, c] of Object.entries(plan.channels)) {
      const b = plan.bounds[name]!;
      if (name === 'tv') {
        // tv's own min replaces the default's; its max stays the default's
        expect(b.min).toBe(0);
        expect(b.reason).toMatch(/^your bounds: min 0; the default max 1\.5× current spend; current spend [\d,]+$/);
      } else {
        expect(b.min).toBeCloseTo(0.5 * c.current, 6);
        expect(b.reason).toMatch(/^the default 0\.5–1\.5× current spend; current spend [\d,]+$/);
      }
      expect(b.max).toBeCloseTo(1.5 * c.current, 6);
      expect(c.spend).toBeGreaterThanOrEqual(b.min - 1e-6);
      expect(c.spend).toBeLessThanOrEqual(b.max + 1e-6);
    }
    // Without default bounds some channel leaves the 0.5–1.5× band (the reason the default exists).
    const free = createPlan(fit, data, { weeks: 13, budget: current, defaultBounds: null });
    expect(free.boundsRule).toBeNull();
    expect(Object.values(free.channels).some((c) => c.spend < 0.5 * c.current || c.spend > 1.5 * c.current)).toBe(true);
    expect(free.bounds['search']!.reason).toMatch(/^no bounds; current spend/);
  });

  it('looser bounds never give a worse plan: the optimum over a larger set is at least as high', () => {
    for (const [name, d, f] of [['clean', data, fit] as const, ['realistic', real.data, real.fit] as const]) {
      const now = periodResponses(f, d, 13).reduce((s, r) => s + r.current, 0);
      for (const scale of [0.6, 1, 1.4]) {
        const bounded = createPlan(f, d, { weeks: 13, budget: scale * now });
        const free = createPlan(f, d, { weeks: 13, budget: scale * now, defaultBounds: null });
        expect(free.expected.mean, `${name} ×${scale}`).toBeGreaterThanOrEqual(bounded.expected.mean * (1 - 1e-6));
      }
    }
  });

  it('a budget the default bounds cannot spend is a ConfigError naming the range and the rule', () => {
    const err = (() => {
      try {
        createPlan(fit, data, { weeks: 13, budget: 2 * current });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.message).toMatch(
      /^the budget [\d,]+ is outside what the bounds allow: [\d,]+ to [\d,]+ \(channels without bounds of their own are held to 0\.5–1\.5×/,
    );
    // A budget below the minimums is refused whole, not as one channel's empty bounds.
    expect(() => createPlan(fit, data, { weeks: 13, budget: 0.1 * current })).toThrow(
      /^the budget [\d,]+ is outside what the bounds allow/,
    );
    expect(createPlan(fit, data, { weeks: 13, budget: 2 * current, defaultBounds: null }).budget).toBeCloseTo(
      2 * current,
      0,
    );
  });

  it('createPlan warns for each channel planned above the highest spend per period of the training window', () => {
    const responses = periodResponses(fit, data, 13);
    const tv = responses.find((r) => r.channel === 'tv')!;
    const from = data.dates.indexOf(fit.window.from);
    const to = data.dates.indexOf(fit.window.to);
    const spend = data.channels.find((c) => c.name === 'tv')!.spend.slice(from, to + 1);
    expect(tv.maxSeen).toBe(Math.max(...spend));
    // tv at 1.2× its highest week for 13 weeks: beyond what the model has seen.
    const over = 1.2 * tv.maxSeen * 13;
    const plan = createPlan(fit, data, {
      weeks: 13,
      budget: current + over,
      locked: [],
      bounds: { tv: { min: over, max: over } },
      defaultBounds: null,
    });
    expect(plan.channels['tv']!.beyondSeen).toBe(true);
    expect(plan.warnings.find((w) => w.startsWith('tv: '))).toMatch(
      /^tv: [\d,]+ a period planned, above the most the model was fitted on \([\d,]+, in the period of \d{4}-\d\d-\d\d\); its expected outcome there is an extrapolation/,
    );
    const inside = createPlan(fit, data, { weeks: 13, budget: current });
    expect(inside.warnings.filter((w) => w.startsWith('tv: '))).toEqual(
      inside.channels['tv']!.spend / 13 > tv.maxSeen ? [expect.any(String)] : [],
    );
  });

  it('a period response is 0 at no spend and grows with spend', () => {
    for (const r of periodResponses(fit, data, 13)) {
      expect(r.response(0)).toBe(0);
      expect(r.response(r.current * 2)).toBeGreaterThan(r.response(r.current));
    }
  });
});

describe('compareScenarios', () => {
  it('compareScenarios lays plans side by side; more budget buys more outcome at a lower ROI', async () => {
    const { compareScenarios } = await import('../insights/scenarios');
    const cmp = compareScenarios(fit, data, [
      { name: 'current', options: { weeks: 13, budget: current } },
      { name: '+20%', options: { weeks: 13, budget: current * 1.2 } },
    ]);
    expect(cmp.table.map((r) => r.name)).toEqual(['current', '+20%']);
    expect(cmp.table[1]!.outcome).toBeGreaterThan(cmp.table[0]!.outcome);
    expect(cmp.table[1]!.roi).toBeLessThan(cmp.table[0]!.roi);
    expect(cmp.figure.data).toHaveLength(3);
  });

  it("a plan's 90% interval covers the outcome the true curves give its allocation (clean and realistic, 2 budgets, 10 seeds)", () => {
    let covered = 0;
    let plans = 0;
    for (const name of ['clean', 'realistic']) {
      for (let seed = 1; seed <= 10; seed++) {
        const spec = { ...CASES[name]!, seed };
        const { data: d, truth: t } = generateSynthetic(spec);
        const f = fitMmm(d, { lookback: 8 });
        const truth = { ...f, channels: f.channels.map((c) => ({ ...c, ...t.curves[c.name]! })) };
        const budget = periodResponses(f, d, 13).reduce((s, r) => s + r.current, 0);
        for (const scale of [1, 1.5]) {
          const plan = createPlan(f, d, { weeks: 13, budget: scale * budget });
          const actual = periodResponses(truth, d, 13).reduce((s, r) => s + r.response(plan.allocation[r.channel]!), 0);
          plans++;
          if (plan.expected.lower <= actual && actual <= plan.expected.upper) covered++;
        }
      }
    }
    expect(covered / plans).toBeGreaterThanOrEqual(0.75);
  });
});
