import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../errors';
import { createPlan, type Plan, type PlanOptions } from '../plan/create-plan';
import { formatInteger } from '../format';
import { writeFileAtomic } from '../fs/atomic-write';
import { checkSchema } from '../fs/schemas';
import { withWorkspaceLock } from '../fs/workspace-lock';
import { PLANS_FOLDER } from '../fs/layout';
import { loadModelFit, modelGeoPanel, type LoadedModel } from './model-fit';
import type { GeoPlanData } from '../plan/geo-plan';

/** plans/<id>.json: a plan with the model id and version it was built on; only its name ever changes. */
export type StoredPlan = Plan & { id: string; name: string; modelId: string; modelVersion: number };

/** One row of the plans list. */
export interface PlanRow {
  id: string;
  name: string;
  modelId: string;
  modelVersion: number;
  createdAt: string;
  objective: Plan['objective'];
  weeks: number;
  budget: number;
  expected: Plan['expected'];
}

const ID = /^p-[a-z0-9]+-[a-z0-9]+$/;

function planFile(workspace: string, id: string): string {
  if (!ID.test(id)) throw new StoreError(`${JSON.stringify(id)} is not a plan id (p-xxxx-xxxx)`);
  return join(workspace, PLANS_FOLDER, `${id}.json`);
}

/**
 * A plan's default name, distinct from every stored plan's: `Revenue MMM: budget 2,000,000 over 13 weeks`,
 * then ` (2)`, ` (3)` … for the same model, objective, amount and period.
 */
export function defaultPlanName(
  modelName: string,
  plan: Pick<Plan, 'objective' | 'budget' | 'weeks' | 'expected'>,
  taken: string[],
): string {
  const what =
    plan.objective === 'max-outcome'
      ? `budget ${formatInteger(plan.budget)}`
      : `target ${formatInteger(plan.expected.mean)}`;
  const base = `${modelName}: ${what} over ${plan.weeks} weeks`;
  const used = new Set(taken.map((n) => n.trim().toLowerCase()));
  let name = base;
  for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base} (${k})`;
  return name;
}

/**
 * The data per geo a plan over a geo-level model's geos needs (the geos it was trained on); none for a
 * national model. @throws ConfigError as `modelGeoPanel`
 */
export function planGeoData(
  workspace: string,
  model: LoadedModel['model'],
  fit: LoadedModel['fit'],
): GeoPlanData | undefined {
  if (!fit.geo) return undefined;
  const panel = modelGeoPanel(workspace, { ...model.config, geos: fit.geo.geos });
  return { geos: panel.geos, byGeo: panel.byGeo };
}

/**
 * Builds a plan on a stored model's current version and stores it (on a geo-level model, over its geos). The plan keeps the model id and
 * version; later re-training or re-scoring never changes it. Nothing is stored when planning fails.
 * Without a name it gets one no other stored plan has (`defaultPlanName`).
 *
 * @throws StoreError when the model has no trained version; ConfigError on bad options or infeasible targets
 * @example createStoredPlan(ws, 'm-abc-123', { weeks: 13, budget: 500_000, name: 'Q3' })
 */
export function createStoredPlan(
  workspace: string,
  modelId: string,
  options: Omit<PlanOptions, 'model'> & { name?: string },
): StoredPlan {
  const { name, ...opts } = options;
  const { model, version, fit, data } = loadModelFit(workspace, modelId);
  const plan = createPlan(fit, data, { ...opts, model: { id: modelId, version } }, planGeoData(workspace, model, fit));
  const id = `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  // Under the workspace lock, which also clears temp files of plan writes that were killed; the default
  // name is chosen there, so two plans made at once do not both take it.
  return withWorkspaceLock(workspace, () => {
    const stored: StoredPlan = {
      id,
      name:
        name ??
        defaultPlanName(
          model.name,
          plan,
          listPlans(workspace).map((p) => p.name),
        ),
      modelId,
      modelVersion: version,
      ...plan,
    };
    writeFileAtomic(planFile(workspace, id), JSON.stringify(stored, null, 2) + '\n');
    return stored;
  });
}

/**
 * Reads a stored plan, checked against `schemas/plan.schema.json`.
 * @throws StoreError when there is no such plan, or its file is unreadable or does not fit the schema
 */
export function readPlan(workspace: string, id: string): StoredPlan {
  const file = planFile(workspace, id);
  if (!existsSync(file)) throw new StoreError(`no plan ${id} in ${workspace}`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new StoreError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return checkSchema<StoredPlan>('plan', doc, file, StoreError);
}

/** Lists the stored plans, oldest first, with the model version each used. */
export function listPlans(workspace: string): PlanRow[] {
  const dir = join(workspace, PLANS_FOLDER);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && ID.test(f.slice(0, -5)))
    .map((f) => readPlan(workspace, f.slice(0, -5)))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((p) => ({
      id: p.id,
      name: p.name,
      modelId: p.modelId,
      modelVersion: p.modelVersion,
      createdAt: p.createdAt,
      objective: p.objective,
      weeks: p.weeks,
      budget: p.budget,
      expected: p.expected,
    }));
}
