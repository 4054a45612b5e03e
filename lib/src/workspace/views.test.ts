import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CHANNELS, SAMPLE_MODEL, sampleWorkspace } from '../../../tests/helpers/sample-workspace';
import { INSIGHT_FIGURES } from '../insights/model-figures';
import { createPlan } from '../plan/create-plan';
import { createModel, duplicateModel } from './lifecycle';
import { loadModelFit } from './model-fit';
import { leaderboard, modelDetails, modelInsightsView, modelSummary, planContext, storedScenarios } from './views';

let ws: string;
let trained: string;
let untrained: string;
beforeAll(async () => {
  ws = sampleWorkspace('mm-views-');
  trained = (await createModel(ws, SAMPLE_MODEL)).id;
  untrained = duplicateModel(ws, trained).id;
});

describe('planContext(workspace, id, weeks)', () => {
  it('is the current allocation createPlan measures against, for every plan length', () => {
    const { fit, data } = loadModelFit(ws, trained);
    for (const weeks of [1, 13, 52]) {
      const context = planContext(ws, trained, weeks);
      const plan = createPlan(fit, data, { weeks, budget: 1000, defaultBounds: null });
      expect(context.weeks).toBe(weeks);
      expect(context.current).toEqual(plan.current);
      expect(context.channels).toEqual(
        Object.fromEntries(Object.entries(plan.channels).map(([c, v]) => [c, v.current])),
      );
    }
    // Spend over 52 weeks is more than over 13: the context follows the plan length.
    expect(planContext(ws, trained, 52).current.spend).toBeGreaterThan(planContext(ws, trained, 13).current.spend);
  });

  it('refuses a plan length out of range and an untrained model', () => {
    expect(() => planContext(ws, trained, 0)).toThrow(/`weeks` must be an integer in \[1, 520\]; got 0/);
    expect(() => planContext(ws, untrained, 13)).toThrow(/has no trained version/);
  });
});

describe('modelDetails(workspace, id)', () => {
  it('holds the ROI per channel and the fit for a trained model, nulls for an untrained one', () => {
    const d = modelDetails(ws, trained);
    expect(Object.keys(d.roi!)).toEqual([...SAMPLE_CHANNELS]);
    for (const r of Object.values(d.roi!)) expect(r!.lower).toBeLessThanOrEqual(r!.upper);
    expect(d.diagnostics!['r2']).toBeGreaterThan(0.8);
    expect(modelDetails(ws, untrained)).toMatchObject({ roi: null, diagnostics: null, model: { id: untrained } });
  });
});

describe('modelInsightsView(workspace, id)', () => {
  it('carries every insight figure in display order, with the status and advice', () => {
    const v = modelInsightsView(ws, trained);
    expect(v.figures).toHaveLength(INSIGHT_FIGURES.length);
    expect(JSON.stringify(v.figures[0]!.layout)).toMatch(/ROI per channel/);
    expect(v.model).toEqual({ id: trained, name: 'Revenue MMM', version: 1 });
    expect(v.advice.heading).toMatch(/lift test/);
    expect(v.figureNames).toEqual([...INSIGHT_FIGURES]);
    expect(v.units).toMatchObject({ conversion: 'revenue', efficiency: 'roi' });
    // The table beside the figures: every channel, its ROI as the efficiency of a revenue model.
    expect(Object.keys(v.channels).sort()).toEqual(SAMPLE_MODEL.touchpoints.map((t) => t.channel).sort());
    for (const c of Object.values(v.channels)) {
      expect(c.efficiency).toEqual(c.roi);
      expect(c.contribution).toBeCloseTo(c.roi!.mean * c.spend, -1);
    }
  });
});

describe('leaderboard(workspace)', () => {
  it('lists each channel of each trained model once, highest ROI first, and skips untrained models', () => {
    const rows = leaderboard(ws);
    expect(rows.map((r) => r.channel).sort()).toEqual([...SAMPLE_CHANNELS].sort());
    expect(rows.every((r) => r.id === trained)).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.roi).toBeGreaterThanOrEqual(rows[i]!.roi);
  });
});

describe('storedScenarios(workspace, id, scenarios)', () => {
  it('plans each scenario on the current version and records the model in each plan', () => {
    const s = storedScenarios(ws, trained, [
      { name: 'low', options: { weeks: 13, budget: 100_000, defaultBounds: null } },
      { name: 'high', options: { weeks: 13, budget: 400_000, defaultBounds: null } },
    ]);
    expect(s.table.map((r) => r.name)).toEqual(['low', 'high']);
    expect(s.table[1]!.outcome).toBeGreaterThan(s.table[0]!.outcome);
    for (const p of s.plans) expect(p.plan.model).toEqual({ id: trained, version: 1 });
  });
});

describe('modelSummary(workspace, id)', () => {
  it('is the model list row, and names an unknown model', () => {
    expect(modelSummary(ws, trained)).toMatchObject({ id: trained, name: 'Revenue MMM', conversion: 'revenue' });
    expect(() => modelSummary(ws, 'm-none-none')).toThrow(/no model m-none-none in /);
  });
});
