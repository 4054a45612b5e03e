import type { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import { formatNumber } from 'mixmodeler/dist/browser';
import type { ModelDetails } from 'mixmodeler-kernel/dist/action-protocol';
import * as React from 'react';
import type { ActionRequest, ActionResult, ActionRunner } from '../actions/runner';
import type { ModelRow } from '../workspace';
import {
  askForm,
  EditBody,
  ScoreBody,
  TrainBody,
  trainWindow,
  type EditForm,
  type ScoreForm,
  type TrainForm,
} from './dialogs';
import type { ModelListModel } from './model-list';
import type { ActivityState } from './sidebar-model';
import { nameTaken } from './names';
import type { DataBounds } from '../ui/date-range-rules';
import { ElementWidget } from '../ui/element-widget';
import { DetailsView } from './details-view';

/** Command ids of the per-model actions; each takes `{ id }` (delete takes `{ ids }`). */
export const ModelCommandIds = {
  details: 'mixmodeler:model-details',
  duplicate: 'mixmodeler:model-duplicate',
  train: 'mixmodeler:model-train',
  score: 'mixmodeler:model-score',
  edit: 'mixmodeler:model-edit',
  remove: 'mixmodeler:model-delete',
  insights: 'mixmodeler:model-insights',
  editConfig: 'mixmodeler:model-edit-config',
} as const;

/** The per-model actions, in menu order. */
export const ROW_ACTIONS: string[] = [
  ModelCommandIds.details,
  ModelCommandIds.insights,
  ModelCommandIds.train,
  ModelCommandIds.score,
  ModelCommandIds.edit,
  ModelCommandIds.editConfig,
  ModelCommandIds.duplicate,
  ModelCommandIds.remove,
];

export type { ActivityState };

/** Everything the model commands need. */
export interface ModelActionsContext {
  app: JupyterFrontEnd;
  runner: ActionRunner;
  models: ModelListModel;
  /** Reports the activity for the sidebar's status line. */
  activity: (a: ActivityState) => void;
  /** Opens the insights of a model. */
  openInsights: (row: ModelRow) => Promise<void>;
  /** Opens the canvas on a model's config. */
  editConfig: (row: ModelRow) => Promise<void>;
  /** The harmonized data's first and last period, for the dialogs' date ranges (null: none). */
  dataBounds: () => Promise<DataBounds | null>;
}

/**
 * Registers the per-model commands. Every action runs through lib in the kernel session; its progress
 * and outcome show in the sidebar, and its error in a dialog too.
 */
export function registerModelCommands(ctx: ModelActionsContext): void {
  const { app, runner, models } = ctx;
  const row = (args: { id?: unknown }): ModelRow => {
    const r = models.state.rows.find((m) => m.id === args.id);
    if (!r) throw new Error(`no model ${String(args.id)} in the workspace`);
    return r;
  };

  /**
   * Runs an action; one that works on a model (`on`) shows its row in progress from the moment it
   * starts until it ends (the model list's `track`).
   */
  async function run(title: string, request: ActionRequest, on?: string): Promise<ActionResult> {
    ctx.activity({ title, message: 'starting…', running: true, error: false });
    const go = (progressed: () => void) =>
      runner.run(request, (p) => {
        progressed();
        ctx.activity({ title, message: `${p.message} (${formatNumber(p.seconds, 1)} s)`, running: true, error: false });
      });
    const result = on ? await models.track({ id: on }, go) : await go(() => undefined);
    if (!on) await models.refresh();
    if (result.ok) {
      ctx.activity({ title, message: 'done', running: false, error: false });
    } else if (result.confirm) {
      ctx.activity({ title, message: 'waiting for your confirmation', running: false, error: false });
    } else {
      ctx.activity({ title, message: result.error, running: false, error: true });
      await showErrorMessage(`${title}: failed`, result.error);
    }
    return result;
  }

  const add = (id: string, label: string, execute: (args: Record<string, unknown>) => Promise<unknown>) =>
    app.commands.addCommand(id, { label, execute: (args) => execute(args) });

  add(ModelCommandIds.details, 'Model Details', async (args) => {
    const m = row(args);
    const r = await run(`Details of ${m.name}`, { action: 'details', id: m.id });
    if (!r.ok) return;
    await showDialog({
      title: `${m.name}`,
      body: new ElementWidget(<DetailsView details={r.value as ModelDetails} />),
      buttons: [Dialog.okButton({ label: 'Close' })],
    });
  });

  add(ModelCommandIds.duplicate, 'Duplicate Model', async (args) => {
    const m = row(args);
    await run(`Duplicating ${m.name}`, { action: 'duplicate', id: m.id });
  });

  add(ModelCommandIds.train, 'Train Model…', async (args) => {
    const m = row(args);
    const bounds = await ctx.dataBounds();
    const form = await askForm<TrainForm>(`Train ${m.name}`, 'Train', (s) => new TrainBody(s, bounds));
    if (form) await run(`Training ${m.name}`, { action: 'train', id: m.id, window: trainWindow(form) }, m.id);
  });

  add(ModelCommandIds.score, 'Score Model…', async (args) => {
    const m = row(args);
    const bounds = await ctx.dataBounds();
    const form = await askForm<ScoreForm>(`Score ${m.name}`, 'Score', (s) => new ScoreBody(s, m.scoredThrough, bounds));
    if (!form) return;
    const range =
      form.mode === 'new' ? { ...(form.from ? { from: form.from } : {}) } : { from: form.from, to: form.to };
    const title = `Scoring ${m.name}`;
    const first = await run(title, { action: 'score', id: m.id, ...range }, m.id);
    const scored = first.ok ? (first.value as { scored?: { periods?: number }; message?: unknown }) : null;
    if (scored?.scored?.periods === 0) {
      // Nothing new is an outcome, not a failure: lib's message in words, or ours.
      const after = m.scoredThrough ? ` after ${m.scoredThrough}` : '';
      ctx.activity({
        title,
        message:
          typeof scored.message === 'string'
            ? scored.message
            : `no new periods to score${after}: the scores are up to date`,
        running: false,
        error: false,
        info: true,
      });
      return;
    }
    if (first.ok || !first.confirm) return;
    const c = first.confirm;
    const ok = await showDialog({
      title: 'Existing scores are replaced',
      body: `Scoring ${c.from} to ${c.to} replaces the stored scores of ${c.periods} period(s) of ${m.name}. Plans already made keep their numbers.`,
      buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: 'Replace Scores' })],
    });
    if (ok.button.accept) await run(title, { action: 'score', id: m.id, ...range, replace: true }, m.id);
    else ctx.activity({ title, message: 'cancelled: the stored scores are kept', running: false, error: false });
  });

  add(ModelCommandIds.edit, 'Edit Model…', async (args) => {
    const m = row(args);
    const form = await askForm<EditForm>(
      `Edit ${m.name}`,
      'Save',
      (s) =>
        new EditBody(s ?? { name: m.name, description: m.description, schedule: m.schedule }, (name) =>
          nameTaken(name, models.state.rows, m.id),
        ),
    );
    if (form) await run(`Editing ${m.name}`, { action: 'edit', id: m.id, ...form, name: form.name.trim() }, m.id);
  });

  add(ModelCommandIds.remove, 'Delete…', async (args) => {
    const ids = (Array.isArray(args['ids']) ? args['ids'] : [args['id']]) as string[];
    const rows = ids.map((id) => row({ id }));
    const ok = await showDialog({
      title: `Delete ${rows.length} model${rows.length > 1 ? 's' : ''}?`,
      body: new ElementWidget(
        <div>
          <p>Deleting is immediate and cannot be undone: the models, their versions and scores are removed.</p>
          <ul>
            {rows.map((r) => (
              <li key={r.id}>{r.name}</li>
            ))}
          </ul>
        </div>,
      ),
      buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: 'Delete' })],
    });
    if (ok.button.accept) await run(`Deleting ${rows.length} model(s)`, { action: 'delete', ids });
  });

  add(ModelCommandIds.insights, 'Open Model Insights', (args) => ctx.openInsights(row(args)));
  add(ModelCommandIds.editConfig, 'Edit Configuration in the Canvas', (args) => ctx.editConfig(row(args)));
}
