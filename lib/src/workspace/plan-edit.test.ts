import { mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError, StoreError } from '../errors';
import { deletePlan, renamePlan } from './plan-edit';
import { listPlans, readPlan, type StoredPlan } from './plan-store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A workspace holding two stored plans, written as createStoredPlan writes them. */
function workspaceWithPlans(): string {
  const ws = mkdtempSync(join(tmpdir(), 'mm-plan-edit-'));
  dirs.push(ws);
  mkdirSync(join(ws, 'plans'), { recursive: true });
  for (const [id, name, at] of [
    ['p-aaaa-111111', 'Q3 plan', '2026-01-01T00:00:00.000Z'],
    ['p-bbbb-222222', 'Q4 plan', '2026-01-02T00:00:00.000Z'],
  ]) {
    const plan = {
      kind: 'plan',
      schema: 1,
      createdAt: at!,
      model: { id: 'm-1', version: 1 },
      modelWindow: { from: '2024-01-01', to: '2025-12-22' },
      weeks: 13,
      objective: 'max-outcome',
      budget: 100,
      expected: { mean: 200, lower: 150, upper: 250 },
      current: { spend: 100, outcome: 180 },
      allocation: { tv: 100 },
      channels: { tv: { spend: 100, current: 100, outcome: 200, roi: 2, marginalRoi: 1 } },
      id: id!,
      name: name!,
      modelId: 'm-1',
      modelVersion: 1,
    } as unknown as StoredPlan;
    writeFileSync(join(ws, 'plans', `${id}.json`), JSON.stringify(plan));
  }
  return ws;
}

describe('renamePlan and deletePlan', () => {
  it('renamePlan(ws, id, name) changes the name only', () => {
    const ws = workspaceWithPlans();
    const before = readPlan(ws, 'p-aaaa-111111');
    renamePlan(ws, 'p-aaaa-111111', '  Summer push ');
    expect(readPlan(ws, 'p-aaaa-111111')).toEqual({ ...before, name: 'Summer push' });
  });

  it("renamePlan refuses an empty name and another plan's name", () => {
    const ws = workspaceWithPlans();
    expect(() => renamePlan(ws, 'p-aaaa-111111', '  ')).toThrow(InputError);
    expect(() => renamePlan(ws, 'p-aaaa-111111', 'q4 PLAN')).toThrow(/another plan \(p-bbbb-222222\)/);
    expect(readPlan(ws, 'p-aaaa-111111').name).toBe('Q3 plan');
  });

  it('deletePlan(ws, id) removes the plan; an unknown plan is a StoreError', () => {
    const ws = workspaceWithPlans();
    deletePlan(ws, 'p-aaaa-111111');
    expect(existsSync(join(ws, 'plans', 'p-aaaa-111111.json'))).toBe(false);
    expect(listPlans(ws).map((p) => p.id)).toEqual(['p-bbbb-222222']);
    expect(() => deletePlan(ws, 'p-aaaa-111111')).toThrow(StoreError);
  });
});
