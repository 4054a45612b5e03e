import type { PlanContext } from 'mixmodeler-kernel/dist/action-protocol';
import { describe, expect, it } from 'vitest';
import { initialPlanForm, planName, planOptions } from './plan-form';

const CONTEXT = {
  weeks: 13,
  current: { spend: 300_000, outcome: 700_000 },
  channels: { tv: 200_000, search: 100_000, podcast: 0 },
  maxSeen: { tv: 30_000, search: 12_000, podcast: 0 },
} as PlanContext;

describe('the plans form', () => {
  it('initialPlanForm(context) budgets the current spend with every channel within 0.5–1.5× of it', () => {
    const f = initialPlanForm(CONTEXT);
    expect(f.amount).toBe('300000');
    expect(f.weeks).toBe('13');
    expect(f.bounds['tv']).toEqual({ min: '0.5', max: '1.5', locked: false });
  });

  it("planOptions(form, context) sends the multiples other than lib's default", () => {
    const f = initialPlanForm(CONTEXT);
    f.bounds['search'] = { min: '', max: '3', locked: false };
    f.bounds['tv'] = { ...f.bounds['tv']!, locked: true };
    f.bounds['podcast'] = { min: '1', max: '4', locked: false };
    expect(planOptions(f, CONTEXT)).toEqual({
      weeks: 13,
      budget: 300_000,
      // tv is locked; podcast has no current spend, so no upper multiple (×4 of 0 would lock it at 0)
      bounds: { search: { maxRelative: 3 }, podcast: { minRelative: 1 } },
      locked: ['tv'],
    });
    expect(planOptions(initialPlanForm(CONTEXT), CONTEXT)).toMatchObject({ bounds: {} });
  });

  it.each([
    [{ weeks: '0' }, 'the plan period must be 1 to 104 weeks'],
    [{ amount: '-5' }, 'the budget must be a positive number'],
    [{ objective: 'target' as const, amount: 'x' }, 'the target must be a positive number'],
  ])('planOptions with %o is "%s"', (patch, problem) => {
    expect(planOptions({ ...initialPlanForm(CONTEXT), ...patch }, CONTEXT)).toBe(problem);
  });

  it('planOptions names a channel whose lowest multiple is above its highest', () => {
    const f = initialPlanForm(CONTEXT);
    f.bounds['tv'] = { min: '2', max: '1', locked: false };
    expect(planOptions(f, CONTEXT)).toBe('tv: the lowest multiple is above the highest');
  });

  it('on a geo-level model each geo gets empty bounds, and planOptions sends the typed multiples as geoBounds', () => {
    const geoContext = { ...CONTEXT, geos: { north: 180_000, south: 120_000 } } as PlanContext;
    const f = initialPlanForm(geoContext);
    expect(f.geoBounds).toEqual({ north: { min: '', max: '' }, south: { min: '', max: '' } });
    expect(planOptions(f, geoContext)).not.toHaveProperty('geoBounds');
    f.geoBounds['north'] = { min: '', max: '0.9' };
    f.geoBounds['south'] = { min: '1.1', max: '' };
    expect(planOptions(f, geoContext)).toMatchObject({
      geoBounds: { north: { maxRelative: 0.9 }, south: { minRelative: 1.1 } },
    });
    // The form keeps what was typed when the model is read again (a new plan period).
    expect(initialPlanForm(geoContext, f).geoBounds['north']).toEqual({ min: '', max: '0.9' });
    f.geoBounds['south'] = { min: '2', max: '1' };
    expect(planOptions(f, geoContext)).toBe('geo south: the lowest multiple is above the highest');
    f.geoBounds['south'] = { min: '-1', max: '' };
    expect(planOptions(f, geoContext)).toBe('geo south: the bounds must be multiples of current spend, 0 or more');
    // A national model has no geo rows.
    expect(initialPlanForm(CONTEXT).geoBounds).toEqual({});
  });

  it('planName(form, model, taken) is the typed name or a default, never one taken', () => {
    const f = { ...initialPlanForm(CONTEXT), amount: '2000000' };
    const base = 'Revenue MMM: budget 2,000,000 over 13 weeks';
    expect(planName(f, 'Revenue MMM', [])).toBe(base);
    expect(planName(f, 'Revenue MMM', [base])).toBe(`${base} (2)`);
    expect(planName({ ...f, name: ' Q3 ' }, 'Revenue MMM', ['Q3'])).toBe('Q3 (2)');
  });
});
