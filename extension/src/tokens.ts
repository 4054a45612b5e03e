import { Token } from '@lumino/coreutils';
import type { ActionRunner } from './actions/runner';
import type { ModelListModel } from './models/model-list';

/**
 * The models of the workspace store, polled, with the runs this page started: one list that the
 * sidebar, the canvas, the plans view and the dashboard share (`extension-examples/documents` shares
 * services the same way).
 */
export const IModelList = new Token<ModelListModel>(
  'mixmodeler-jupyterlab:IModelList',
  'The models of the mixmodeler workspace store and the runs in progress.',
);

/** The one tslab kernel session that runs mixmodeler's actions, in order. */
export const IActionRunner = new Token<ActionRunner>(
  'mixmodeler-jupyterlab:IActionRunner',
  'Runs mixmodeler actions through lib in a tslab kernel session.',
);
