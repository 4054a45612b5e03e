import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { fitMmm } from '../mmm/fit';
import { ownedCase } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { createPlan, planBaseline } from './create-plan';

// Plans and owned channels (issue 20): an owned channel is held at its volume unless it has a cost
// per unit; then it is a channel whose spend is volume × cost.

const WEEKS = 13;
const families = [ownedCase(1, 'clean'), ownedCase(2, 'flighted')].map((spec) => {
  const { data } = generateSynthetic(spec);
  return { data, fit: fitMmm(data, { lookback: 8 }) };
});
const lastSends = (data: (typeof families)[number]['data']) =>
  data.channels
    .find((c) => c.name === 'email')!
    .input.subarray(-WEEKS)
    .reduce((s, v) => s + v, 0);
const withCost = (data: (typeof families)[number]['data'], costPerUnit: number) => ({
  ...data,
  channels: data.channels.map((c) => (c.name === 'email' ? { ...c, costPerUnit } : c)),
});

describe('createPlan with an owned channel', () => {
  it('createPlan(fit, data, budget) never moves an owned channel without a cost: held at its volume at any budget', () => {
    for (const { fit, data } of families) {
      const base = planBaseline(fit, data, WEEKS);
      expect(Object.keys(base.channels)).toEqual(['tv', 'search', 'social']);
      for (const [m, defaultBounds] of [
        [0.6, undefined],
        [1, undefined],
        [1.5, null],
        [3, null],
      ] as const) {
        const plan = createPlan(fit, data, { weeks: WEEKS, budget: m * base.current.spend, defaultBounds });
        expect(Object.keys(plan.allocation)).toEqual(['tv', 'search', 'social']);
        expect(plan.budget).toBeCloseTo(m * base.current.spend, 0);
        expect(plan.held!['email']!.volume).toBeCloseTo(lastSends(data), 3);
        expect(plan.held!['email']!.outcome).toBeGreaterThan(0);
        expect(plan.held!['email']!.reason).toMatch(/held at its volume/);
      }
    }
  });

  it('createPlan with email at 0.05 a send plans it as spend = sends × 0.05, within 0.5–1.5× of that', () => {
    for (const { fit, data } of families) {
      const priced = withCost(data, 0.05);
      const base = planBaseline(fit, priced, WEEKS);
      expect(base.channels['email']).toBeCloseTo(0.05 * lastSends(data), 3);
      const plan = createPlan(fit, priced, { weeks: WEEKS, budget: base.current.spend });
      expect(plan.held).toBeUndefined();
      const email = plan.channels['email']!;
      expect(email.current).toBeCloseTo(0.05 * lastSends(data), 3);
      expect(email.spend).toBeGreaterThanOrEqual(0.5 * email.current * (1 - 1e-9));
      expect(email.spend).toBeLessThanOrEqual(1.5 * email.current * (1 + 1e-9));
      // A cheaper send buys more of them for the same money: the plan gives email at least as much.
      const cheap = createPlan(fit, withCost(data, 0.01), {
        weeks: WEEKS,
        budget: base.current.spend,
        defaultBounds: null,
      });
      const dear = createPlan(fit, withCost(data, 0.5), {
        weeks: WEEKS,
        budget: base.current.spend,
        defaultBounds: null,
      });
      expect(cheap.channels['email']!.outcome).toBeGreaterThan(dear.channels['email']!.outcome);
    }
  });

  it('createPlan refuses bounds or a lock on a held owned channel, naming costPerUnit', () => {
    const { fit, data } = families[0]!;
    const budget = planBaseline(fit, data, WEEKS).current.spend;
    const bounds = { email: { max: 100 } };
    expect(() => createPlan(fit, data, { weeks: WEEKS, budget, bounds })).toThrow(ConfigError);
    expect(() => createPlan(fit, data, { weeks: WEEKS, budget, locked: ['email'] })).toThrow(/"email".*costPerUnit/);
    // A model of owned channels alone has nothing a plan can move: said so, not as an empty budget range.
    const owned = {
      ...data,
      channels: data.channels.map((c) => ({ ...c, spend: new Float64Array(c.spend.length), paid: false })),
    };
    const allOwned = fitMmm(owned, { lookback: 8 });
    expect(() => createPlan(allOwned, owned, { weeks: WEEKS, budget })).toThrow(
      /no channel a plan can move.*costPerUnit/,
    );
    expect(Object.keys(planBaseline(allOwned, owned, WEEKS).channels)).toEqual([]);
  });
});
