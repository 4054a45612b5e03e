import {
  attributionView,
  createModel,
  DEFAULT_WORKSPACE,
  deleteModels,
  duplicateModel,
  editModel,
  createStoredPlan,
  leaderboard,
  listPlans,
  MixModelerError,
  renamePlan,
  deletePlan,
  modelDetails,
  modelInsightsView,
  modelSummary,
  overviewView,
  planContext,
  rebuildModel,
  ReplaceNotConfirmedError,
  scoreModel,
  scoredMessage,
  storedScenarios,
  trainModel,
} from 'mixmodeler';
import { ACTION_PROGRESS_MIME, ACTION_RESULT_MIME, type ActionRequest, type ActionResult } from './action-protocol';
import { tslabDisplay, type RawDisplay } from './display';
import { throttleProgress } from './progress-display';

const ACTIONS = [
  'details',
  'insights',
  'plan-context',
  'plan',
  'scenarios',
  'plans',
  'leaderboard',
  'duplicate',
  'train',
  'score',
  'edit',
  'delete',
  'build',
  'rebuild',
  'plan-rename',
  'plan-delete',
  'overview',
  'attribution',
];

function checkRequest(req: unknown): ActionRequest {
  const r = req as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null || !ACTIONS.includes(r['action'] as string)) {
    throw new MixModelerError(
      'E_USAGE',
      `\`action\` must be one of ${ACTIONS.join(', ')}; got ${JSON.stringify(r?.['action'])}`,
    );
  }
  const needsId = ![
    'delete',
    'build',
    'plans',
    'leaderboard',
    'plan-rename',
    'plan-delete',
    'overview',
    'attribution',
  ].includes(r['action'] as string);
  if (needsId && typeof r['id'] !== 'string')
    throw new MixModelerError('E_USAGE', `\`${String(r['action'])}\` needs a model \`id\``);
  if (String(r['action']).startsWith('plan-') && r['action'] !== 'plan-context' && typeof r['planId'] !== 'string')
    throw new MixModelerError('E_USAGE', `\`${String(r['action'])}\` needs a plan \`planId\``);
  if (r['action'] === 'plan-rename' && typeof r['name'] !== 'string')
    throw new MixModelerError('E_USAGE', '`plan-rename` needs the new `name`');
  if (r['action'] === 'delete' && (!Array.isArray(r['ids']) || r['ids'].length === 0)) {
    throw new MixModelerError('E_USAGE', '`delete` needs `ids`, a list of at least one model id');
  }
  return r as unknown as ActionRequest;
}

async function perform(workspace: string, req: ActionRequest, display: RawDisplay): Promise<unknown> {
  const onProgress = throttleProgress(
    (p, seconds) => display.raw(ACTION_PROGRESS_MIME, { ...p, seconds } as unknown as string),
    200,
  );
  switch (req.action) {
    case 'details':
      return modelDetails(workspace, req.id);
    case 'insights':
      return modelInsightsView(workspace, req.id);
    case 'plan-context':
      return planContext(workspace, req.id, req.weeks);
    case 'plan':
      return createStoredPlan(workspace, req.id, { ...req.options, ...(req.name ? { name: req.name } : {}) });
    case 'scenarios':
      return storedScenarios(workspace, req.id, req.scenarios);
    case 'plans':
      return listPlans(workspace);
    case 'plan-rename':
      return renamePlan(workspace, req.planId, req.name);
    case 'plan-delete':
      return deletePlan(workspace, req.planId);
    case 'leaderboard':
      return leaderboard(workspace);
    case 'overview':
      return overviewView(workspace);
    case 'attribution':
      return attributionView(workspace, { methods: req.methods, lookbackDays: req.lookbackDays });
    case 'duplicate':
      return modelSummary(workspace, duplicateModel(workspace, req.id).id);
    case 'train':
      return modelSummary(workspace, (await trainModel(workspace, req.id, req.window, { onProgress })).id);
    case 'score': {
      const range = {
        ...(req.from ? { from: req.from } : {}),
        ...(req.to ? { to: req.to } : {}),
        replace: !!req.replace,
      };
      const r = await scoreModel(workspace, req.id, range);
      // Nothing new to score is information for the user, in words, naming the model by its name.
      return {
        model: modelSummary(workspace, r.model.id),
        scored: r.scored,
        message: scoredMessage(r.model, r.scored),
      };
    }
    case 'edit': {
      const changes = {
        ...(req.name !== undefined ? { name: req.name } : {}),
        ...(req.description !== undefined ? { description: req.description } : {}),
        ...(req.schedule !== undefined ? { schedule: req.schedule } : {}),
      };
      return modelSummary(workspace, (await editModel(workspace, req.id, changes)).id);
    }
    case 'delete':
      deleteModels(workspace, req.ids);
      return { deleted: req.ids };
    case 'build':
      return modelSummary(workspace, (await createModel(workspace, req.config, 'the model canvas', { onProgress })).id);
    case 'rebuild':
      return modelSummary(workspace, (await rebuildModel(workspace, req.id, req.config, { onProgress })).id);
  }
}

/**
 * Runs one action on the workspace store and shows its progress and its result (never a thrown
 * error: the result carries the message for the extension to show).
 *
 * @param req the action, as JSON from the extension
 * @param options `workspace` (default `./mixmodeler-workspace`), `display` (default tslab's)
 */
export async function runAction(
  req: unknown,
  options: { workspace?: string; display?: RawDisplay } = {},
): Promise<ActionResult> {
  const display = options.display ?? tslabDisplay();
  const workspace = options.workspace ?? DEFAULT_WORKSPACE;
  const action = String((req as Record<string, unknown> | null)?.['action']);
  let result: ActionResult;
  try {
    result = { ok: true, action, value: await perform(workspace, checkRequest(req), display) };
  } catch (e) {
    const err = e as Error & { code?: string };
    result = { ok: false, action, error: err.message, code: err.code ?? 'E_INTERNAL' };
    if (e instanceof ReplaceNotConfirmedError) result.confirm = { periods: e.periods, from: e.from, to: e.to };
  }
  display.raw(ACTION_RESULT_MIME, result as unknown as string);
  return result;
}
