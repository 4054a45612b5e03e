import {
  ADVICE_HEADING,
  createModel,
  DEFAULT_WORKSPACE,
  deleteModels,
  duplicateModel,
  editModel,
  compareScenarios,
  createPlan,
  createStoredPlan,
  insightsOf,
  listPlans,
  listModels,
  loadModelFit,
  MixModelerError,
  readModel,
  rebuildModel,
  ReplaceNotConfirmedError,
  roiFigure,
  contributionsFigure,
  shareFigure,
  responseCurvesFigure,
  adstockFigure,
  fitFigure,
  waterfallFigure,
  scoreModel,
  storedInsights,
  trainModel,
  type ModelRecord,
  type ModelSummary,
} from 'mixmodeler';
import {
  ACTION_PROGRESS_MIME,
  ACTION_RESULT_MIME,
  type ActionRequest,
  type ActionResult,
  type ModelDetails,
  type LeaderboardRow,
  type ModelInsightsView,
  type PlanContext,
} from './action-protocol';
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
];

function summary(workspace: string, m: ModelRecord): ModelSummary {
  return listModels(workspace).find((r) => r.id === m.id)!;
}

function checkRequest(req: unknown): ActionRequest {
  const r = req as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null || !ACTIONS.includes(r['action'] as string)) {
    throw new MixModelerError(
      'E_USAGE',
      `\`action\` must be one of ${ACTIONS.join(', ')}; got ${JSON.stringify(r?.['action'])}`,
    );
  }
  const needsId = !['delete', 'build', 'plans', 'leaderboard'].includes(r['action'] as string);
  if (needsId && typeof r['id'] !== 'string')
    throw new MixModelerError('E_USAGE', `\`${String(r['action'])}\` needs a model \`id\``);
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
    case 'details': {
      const model = readModel(workspace, req.id);
      const insights = model.currentVersion === null ? null : storedInsights(workspace, req.id);
      const details: ModelDetails = {
        model,
        roi: insights && Object.fromEntries(Object.entries(insights.channels).map(([c, v]) => [c, v.roi])),
        diagnostics: insights && { ...insights.diagnostics },
      };
      return details;
    }
    case 'insights': {
      const loaded = loadModelFit(workspace, req.id);
      const ins = insightsOf(loaded);
      const view: ModelInsightsView = {
        model: ins.model,
        status: ins.status,
        reasons: ins.reasons,
        advice: { heading: ADVICE_HEADING, items: ins.advice },
        window: ins.window,
        diagnostics: { ...ins.diagnostics },
        figures: [
          roiFigure(loaded.fit),
          contributionsFigure(ins),
          shareFigure(ins),
          responseCurvesFigure(ins),
          adstockFigure(ins),
          fitFigure(ins),
          waterfallFigure(ins),
        ],
      };
      return view;
    }
    case 'plan-context': {
      const { fit, data } = loadModelFit(workspace, req.id);
      const probe = createPlan(fit, data, { weeks: req.weeks, budget: 1 });
      const context: PlanContext = {
        weeks: probe.weeks,
        current: probe.current,
        channels: Object.fromEntries(Object.entries(probe.channels).map(([c, v]) => [c, v.current])),
      };
      return context;
    }
    case 'plan':
      return createStoredPlan(workspace, req.id, { ...req.options, ...(req.name ? { name: req.name } : {}) });
    case 'scenarios': {
      const { fit, data, version } = loadModelFit(workspace, req.id);
      const model = { id: req.id, version };
      return compareScenarios(
        fit,
        data,
        req.scenarios.map((sc) => ({ name: sc.name, options: { ...sc.options, model } })),
      );
    }
    case 'plans':
      return listPlans(workspace);
    case 'leaderboard': {
      const rows: LeaderboardRow[] = [];
      for (const m of listModels(workspace)) {
        if (readModel(workspace, m.id).currentVersion === null) continue;
        const ins = storedInsights(workspace, m.id);
        for (const [channel, c] of Object.entries(ins.channels)) {
          rows.push({
            id: m.id,
            name: m.name,
            version: ins.model.version,
            status: m.status,
            channel,
            roi: c.roi.mean,
            lower: c.roi.lower,
            upper: c.roi.upper,
          });
        }
      }
      return rows.sort((a, b) => b.roi - a.roi);
    }
    case 'duplicate':
      return summary(workspace, duplicateModel(workspace, req.id));
    case 'train':
      return summary(workspace, await trainModel(workspace, req.id, req.window, { onProgress }));
    case 'score': {
      const range = {
        ...(req.from ? { from: req.from } : {}),
        ...(req.to ? { to: req.to } : {}),
        replace: !!req.replace,
      };
      const r = await scoreModel(workspace, req.id, range);
      return { model: summary(workspace, r.model), scored: r.scored };
    }
    case 'edit': {
      const changes = {
        ...(req.name !== undefined ? { name: req.name } : {}),
        ...(req.description !== undefined ? { description: req.description } : {}),
        ...(req.schedule !== undefined ? { schedule: req.schedule } : {}),
      };
      return summary(workspace, await editModel(workspace, req.id, changes));
    }
    case 'delete':
      deleteModels(workspace, req.ids);
      return { deleted: req.ids };
    case 'build':
      return summary(workspace, await createModel(workspace, req.config, 'the model canvas', { onProgress }));
    case 'rebuild':
      return summary(workspace, await rebuildModel(workspace, req.id, req.config, { onProgress }));
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
