import type { PlanContext, PlanRow, StoredPlan } from 'mixmodeler-kernel/dist/action-protocol';
import { describe, expect, it } from 'vitest';
import type { ActionRequest, ActionResult } from '../actions/runner';
import { PlansModel } from './plans-model';

const CONTEXT = {
  weeks: 13,
  current: { spend: 300, outcome: 700 },
  channels: { tv: 200, search: 100 },
  maxSeen: { tv: 30, search: 12 },
} as PlanContext;
const OUT_OF_REACH = 'the target 50000000 is out of reach: the bounds allow at most 10357063';

/** A kernel that answers each action as told, and records what it was asked. */
function kernel(answers: Partial<Record<ActionRequest['action'], (r: ActionRequest) => ActionResult>>) {
  const asked: ActionRequest[] = [];
  const run = async (r: ActionRequest): Promise<ActionResult> => {
    asked.push(r);
    const answer = answers[r.action];
    return answer ? answer(r) : { ok: true, action: r.action, value: [] };
  };
  return { asked, run };
}

const ok =
  (value: unknown) =>
  (r: ActionRequest): ActionResult => ({ ok: true, action: r.action, value });

function plansModel(k: ReturnType<typeof kernel>, plans: Record<string, StoredPlan> = {}) {
  return new PlansModel({
    run: k.run,
    modelName: () => 'Revenue MMM',
    readPlan: async (id) => {
      const plan = plans[id];
      if (!plan) throw new Error(`no plan ${id}`);
      return plan;
    },
  });
}

describe('PlansModel', () => {
  it("an unreachable target's error stays at the form after the plans list is read again", async () => {
    const k = kernel({
      'plan-context': ok(CONTEXT),
      plan: (r) => ({ ok: false, action: r.action, error: OUT_OF_REACH, code: 'E_CONFIG' }),
    });
    const m = plansModel(k);
    await m.pick('m-1');
    m.change({ objective: 'target', amount: '50000000' });
    await m.create();
    expect(m.state.errors.create).toBe(OUT_OF_REACH);
    await m.loadPlans();
    expect(m.state.errors.create).toBe(OUT_OF_REACH);
    m.change({ amount: '500' }); // acting at the form again clears it
    expect(m.state.errors.create).toBeUndefined();
  });

  it("create() names the plan, leaves the default bounds to lib's rule, and opens the stored plan at once", async () => {
    const stored = { id: 'p-a-1', name: 'Revenue MMM: budget 300 over 13 weeks', modelVersion: 1 } as StoredPlan;
    const k = kernel({ 'plan-context': ok(CONTEXT), plan: ok(stored) });
    const m = plansModel(k);
    await m.pick('m-1');
    await m.create();
    const sent = k.asked.find((r) => r.action === 'plan') as Extract<ActionRequest, { action: 'plan' }>;
    expect(sent.name).toBe('Revenue MMM: budget 300 over 13 weeks');
    expect(sent.options.bounds).toEqual({});
    expect(m.state.opened).toBe(stored);
  });

  it('two scenarios of the same budget get different names', async () => {
    const m = plansModel(kernel({ 'plan-context': ok(CONTEXT) }));
    await m.pick('m-1');
    m.addScenario();
    m.addScenario();
    expect(m.state.scenarios.map((s) => s.name)).toEqual([
      'Revenue MMM: budget 300 over 13 weeks',
      'Revenue MMM: budget 300 over 13 weeks (2)',
    ]);
  });

  it("a second plan of the same budget does not get the first one's default name", async () => {
    const first = { id: 'p-a-1', name: 'Revenue MMM: budget 300 over 13 weeks' } as PlanRow;
    const k = kernel({ 'plan-context': ok(CONTEXT), plans: ok([first]), plan: ok({ id: 'p-a-2' }) });
    const m = plansModel(k);
    await m.loadPlans();
    await m.pick('m-1');
    await m.create();
    const sent = k.asked.filter((r): r is Extract<ActionRequest, { action: 'plan' }> => r.action === 'plan');
    expect(sent[0]!.name).toBe('Revenue MMM: budget 300 over 13 weeks (2)');
  });

  it('rename(id, name) refuses a name another plan has before asking the kernel', async () => {
    const rows = [
      { id: 'p-a-1', name: 'Q3' },
      { id: 'p-a-2', name: 'Q4' },
    ] as PlanRow[];
    const k = kernel({ plans: ok(rows), 'plan-rename': ok({}) });
    const m = plansModel(k);
    await m.loadPlans();
    expect(await m.rename('p-a-1', ' q4 ')).toBe(false);
    expect(m.state.errors.list).toBe('another plan is named “q4” already');
    expect(k.asked.some((r) => r.action === 'plan-rename')).toBe(false);
    expect(await m.rename('p-a-1', 'Summer')).toBe(true);
    expect(k.asked).toContainEqual({ action: 'plan-rename', planId: 'p-a-1', name: 'Summer' });
  });

  it('open(id) shows a stored plan; remove(id) deletes it and closes it', async () => {
    const plan = { id: 'p-a-1', name: 'Q3' } as StoredPlan;
    const k = kernel({ 'plan-delete': ok({ deleted: 'p-a-1' }) });
    const m = plansModel(k, { 'p-a-1': plan });
    await m.open('p-a-1');
    expect(m.state.opened).toBe(plan);
    await m.open('p-zz-9');
    expect(m.state.errors.list).toBe('could not open the plan: no plan p-zz-9');
    await m.remove('p-a-1');
    expect(m.state.opened).toBeNull();
    expect(k.asked).toContainEqual({ action: 'plan-delete', planId: 'p-a-1' });
  });
});
