import {
  createModel,
  DEFAULT_WORKSPACE,
  deleteModels,
  duplicateModel,
  editModel,
  listModels,
  MixModelerError,
  readModel,
  rebuildModel,
  ReplaceNotConfirmedError,
  scoreModel,
  storedInsights,
  trainModel,
  type ModelConfig,
  type ModelRecord,
  type ModelSummary,
} from 'mixmodeler';
import { tslabDisplay, type RawDisplay } from './display';
import { throttleProgress } from './progress-display';

/**
 * The JupyterLab extension's actions on the workspace store, run by lib inside a tslab kernel
 * session: the extension sends `await runAction({...})` and reads the progress and the result from
 * the display messages of these two MIME types. The extension holds no modeling logic.
 */
export const ACTION_PROGRESS_MIME = 'application/vnd.mixmodeler.action-progress+json';
export const ACTION_RESULT_MIME = 'application/vnd.mixmodeler.action-result+json';

type Window = ModelConfig['trainingWindow'];
type Schedule = ModelConfig['schedule'];

/** One action of the models sidebar or the model canvas. */
export type ActionRequest =
  | { action: 'details'; id: string }
  | { action: 'duplicate'; id: string }
  | { action: 'train'; id: string; window: Window }
  | { action: 'score'; id: string; from?: string; to?: string; replace?: boolean }
  | { action: 'edit'; id: string; name?: string; description?: string; schedule?: Partial<Schedule> }
  | { action: 'delete'; ids: string[] }
  | { action: 'build'; config: unknown }
  | { action: 'rebuild'; id: string; config: unknown };

/** A model's details for the details pop-up: its record without the config's bulk, and its ROI. */
export interface ModelDetails {
  model: ModelRecord;
  roi: Record<string, { mean: number; lower: number; upper: number }> | null;
  diagnostics: Record<string, number | null> | null;
}

/** What an action gave: its value, or the error's message (and what a re-score would replace). */
export type ActionResult =
  | { ok: true; action: string; value: unknown }
  | {
      ok: false;
      action: string;
      error: string;
      code: string;
      /** Set when a re-score needs the user's confirmation before it replaces stored scores. */
      confirm?: { periods: number; from: string; to: string };
    };

const ACTIONS = ['details', 'duplicate', 'train', 'score', 'edit', 'delete', 'build', 'rebuild'];

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
  const needsId = !['delete', 'build'].includes(r['action'] as string);
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
