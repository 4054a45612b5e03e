import type {
  AttributionView,
  ChainProgress,
  LeaderboardRow,
  ModelConfig,
  ModelDetails,
  ModelInsightsView,
  MtaMethod,
  OverviewView,
  PlanContext,
  PlanOptions,
  PlanRow,
  ScenarioComparison,
  StoredPlan,
} from 'mixmodeler';
import { jsLiteral } from './js-literal';

export type {
  AttributionView,
  LeaderboardRow,
  ModelDetails,
  ModelInsightsView,
  OverviewView,
  PlanContext,
  PlanRow,
  ScenarioComparison,
  StoredPlan,
};

/**
 * The JupyterLab extension's actions on the workspace store, run by lib inside a tslab kernel
 * session: the extension sends `await runAction({...})` and reads the progress and the result from
 * the display messages of these two MIME types. The extension holds no modeling logic.
 */
export const ACTION_PROGRESS_MIME = 'application/vnd.mixmodeler.action-progress+json';
export const ACTION_RESULT_MIME = 'application/vnd.mixmodeler.action-result+json';

export type Window = ModelConfig['trainingWindow'];
export type Schedule = ModelConfig['schedule'];

/** One action of the models sidebar or the model canvas. */
export type ActionRequest =
  | { action: 'details'; id: string }
  | { action: 'insights'; id: string }
  | { action: 'duplicate'; id: string }
  | { action: 'train'; id: string; window: Window }
  | { action: 'score'; id: string; from?: string; to?: string; replace?: boolean }
  | { action: 'edit'; id: string; name?: string; description?: string; schedule?: Partial<Schedule> }
  | { action: 'delete'; ids: string[] }
  | { action: 'build'; config: unknown }
  | { action: 'rebuild'; id: string; config: unknown }
  | { action: 'plan-context'; id: string; weeks: number }
  | { action: 'plan'; id: string; name?: string; options: PlanRequestOptions }
  | { action: 'scenarios'; id: string; scenarios: { name: string; options: PlanRequestOptions }[] }
  | { action: 'plans' }
  | { action: 'plan-rename'; planId: string; name: string }
  | { action: 'plan-delete'; planId: string }
  | { action: 'leaderboard' }
  /** The overview dashboard's layout, data range, leaderboard, plans and figures (nothing needs to exist yet). */
  | { action: 'overview' }
  /** The event-level attribution, methods side by side (lib's `attributionView`). */
  | { action: 'attribution'; methods: MtaMethod[]; lookbackDays: number | 'auto' };

/**
 * The code the extension sends to the kernel for one action: a single expression, no declarations
 * (the kernel keeps no state between actions). The request is embedded with `jsLiteral`, so any text
 * in it (U+2028/U+2029 in a model name included) stays inside its string literal.
 *
 * @example actionCode({ action: 'details', id: 'rev-1' })
 * // `await require('mixmodeler-kernel').runAction({"action":"details","id":"rev-1"});`
 */
export function actionCode(request: ActionRequest): string {
  return `await require('mixmodeler-kernel').runAction(${jsLiteral(request)});`;
}

/** What to plan: a budget or a target over `weeks`, with per-channel bounds and locked channels. */
export type PlanRequestOptions = Omit<PlanOptions, 'model'>;

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

/** A progress event of a running action: lib's progress and the seconds since the start. */
export interface ActionProgress {
  stage: string;
  done: number;
  total: number;
  message: string;
  seconds: number;
  /** While the full posterior samples: each chain's phase and iterations. */
  chains?: ChainProgress[];
}
