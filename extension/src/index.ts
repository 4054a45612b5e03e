import { ILayoutRestorer, type JupyterFrontEnd, type JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import type { HarmonizeSummary, ModelConfig } from 'mixmodeler/dist/browser';
import { ActionRunner } from './actions/runner';
import { AttributionPanel } from './attribution/panel';
import { ModelCanvas, type CanvasOptions } from './canvas/canvas';
import { DashboardPanel } from './dashboard/panel';
import { mixmodelerIcon } from './icons';
import { InsightsPanel } from './insights/panel';
import { registerModelCommands } from './models/commands';
import { ModelListModel } from './models/model-list';
import { ModelSidebar } from './models/sidebar';
import { SidebarModel } from './models/sidebar-model';
import { PlansPanel } from './plans/panel';
import { IActionRunner, IModelList } from './tokens';
import { MainAreaViews } from './ui/main-area';
import { HARMONIZED_MANIFEST, modelFilePath, type ModelRow } from './workspace';
import { readTextIfExists } from './workspace-files';
import { dataBounds } from './canvas/form';

/** Command ids of the extension. */
export const CommandIds = {
  openCanvas: 'mixmodeler:open-canvas',
  openPlans: 'mixmodeler:open-plans',
  openDashboard: 'mixmodeler:open-dashboard',
  openAttribution: 'mixmodeler:open-attribution',
  refreshModels: 'mixmodeler:refresh-models',
} as const;

const CATEGORY = 'mixmodeler';

/** The action runner: one tslab kernel session for every view. */
const runnerPlugin: JupyterFrontEndPlugin<ActionRunner> = {
  id: 'mixmodeler-jupyterlab:runner',
  description: 'Runs mixmodeler actions through lib in a tslab kernel session.',
  autoStart: true,
  provides: IActionRunner,
  activate: (app: JupyterFrontEnd) => new ActionRunner(app.serviceManager),
};

/** The models of the workspace store, polled, shared by every view. */
const modelListPlugin: JupyterFrontEndPlugin<ModelListModel> = {
  id: 'mixmodeler-jupyterlab:model-list',
  description: 'The models of the mixmodeler workspace store.',
  autoStart: true,
  provides: IModelList,
  activate: (app: JupyterFrontEnd) => {
    const models = new ModelListModel(app.serviceManager.contents);
    void models.refresh();
    return models;
  },
};

/** The model status sidebar, the model actions, the model canvas and the insights view. */
const modelsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'mixmodeler-jupyterlab:models',
  description: 'The mixmodeler model status sidebar, model canvas and insights view.',
  autoStart: true,
  requires: [IModelList, IActionRunner],
  optional: [ILayoutRestorer, ICommandPalette, ILauncher],
  activate: (
    app: JupyterFrontEnd,
    models: ModelListModel,
    runner: ActionRunner,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
  ) => {
    const contents = app.serviceManager.contents;
    const sidebar = new ModelSidebar(models, new SidebarModel(window.localStorage), app.commands);
    sidebar.id = 'mixmodeler-models';
    sidebar.title.icon = mixmodelerIcon;
    sidebar.title.caption = 'mixmodeler models';
    sidebar.node.setAttribute('role', 'region');
    sidebar.node.setAttribute('aria-label', 'mixmodeler models');
    app.shell.add(sidebar, 'left', { rank: 650 });
    restorer?.add(sidebar, 'mixmodeler-models');

    const views = new MainAreaViews(app);
    const canvases = new WidgetTracker<MainAreaWidget<ModelCanvas>>({ namespace: 'mixmodeler-canvas' });
    const openCanvas = async (edit?: CanvasOptions['model']) => {
      const widget = views.show({
        label: edit ? `Model canvas: ${edit.config.name}` : 'Model canvas',
        make: () => new ModelCanvas({ contents, runner, models, model: edit }),
      });
      if (!edit) await canvases.add(widget);
      return widget;
    };
    const openInsights = async (row: ModelRow) => {
      views.show({ label: `Insights: ${row.name}`, make: () => new InsightsPanel(runner, row.id) });
    };
    const editConfig = async (row: ModelRow) => {
      const file = await contents.get(modelFilePath(row.id), { content: true, format: 'text', type: 'file' });
      const record = JSON.parse(String(file.content)) as { config: ModelConfig };
      await openCanvas({ id: row.id, config: record.config });
    };

    registerModelCommands({
      app,
      runner,
      models,
      activity: (a) => sidebar.view.setActivity(a),
      openInsights,
      editConfig,
      dataBounds: async () => {
        const text = await readTextIfExists(contents, HARMONIZED_MANIFEST).catch(() => null);
        const summary = text ? (JSON.parse(text) as { summary?: HarmonizeSummary }).summary : undefined;
        return summary ? dataBounds(summary) : null;
      },
    });
    app.commands.addCommand(CommandIds.refreshModels, {
      label: 'Refresh mixmodeler Models',
      execute: () => models.refresh(),
    });
    app.commands.addCommand(CommandIds.openCanvas, {
      label: (args) => (args['isLauncher'] ? 'Model Canvas' : 'New mixmodeler Model Canvas'),
      caption: 'Configure a marketing mix model step by step',
      icon: (args) => (args['isPalette'] ? undefined : mixmodelerIcon),
      execute: () => openCanvas(),
    });
    palette?.addItem({ command: CommandIds.refreshModels, category: CATEGORY });
    palette?.addItem({ command: CommandIds.openCanvas, category: CATEGORY });
    launcher?.add({ command: CommandIds.openCanvas, category: 'mixmodeler', rank: 1 });
    if (restorer) void restorer.restore(canvases, { command: CommandIds.openCanvas, name: () => 'canvas' });
  },
};

/** The plans and scenarios view, the overview dashboard and the attribution view. */
const viewsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'mixmodeler-jupyterlab:views',
  description: 'The mixmodeler plans and scenarios view, the overview dashboard and the attribution view.',
  autoStart: true,
  requires: [IModelList, IActionRunner],
  optional: [ICommandPalette, ILauncher],
  activate: (
    app: JupyterFrontEnd,
    models: ModelListModel,
    runner: ActionRunner,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
  ) => {
    const contents = app.serviceManager.contents;
    const views = new MainAreaViews(app);
    app.commands.addCommand(CommandIds.openPlans, {
      label: (args) => (args['isLauncher'] ? 'Plans' : 'Open mixmodeler Plans and Scenarios'),
      caption: 'Budget plans and scenario comparison on a trained model',
      icon: (args) => (args['isPalette'] ? undefined : mixmodelerIcon),
      execute: () => {
        views.show({ key: 'plans', label: 'Plans', make: () => new PlansPanel(runner, models, contents) });
      },
    });
    app.commands.addCommand(CommandIds.openDashboard, {
      label: (args) => (args['isLauncher'] ? 'Overview' : 'Open mixmodeler Overview Dashboard'),
      caption: 'Harmonized data, models and plans at a glance',
      icon: (args) => (args['isPalette'] ? undefined : mixmodelerIcon),
      execute: () => {
        views.show({ key: 'dashboard', label: 'Overview', make: () => new DashboardPanel(contents, runner, models) });
      },
    });
    app.commands.addCommand(CommandIds.openAttribution, {
      label: (args) => (args['isLauncher'] ? 'Attribution' : 'Open mixmodeler Attribution'),
      caption: "Multi-touch attribution of the workspace's event-level conversions, methods side by side",
      icon: (args) => (args['isPalette'] ? undefined : mixmodelerIcon),
      execute: () => {
        views.show({ key: 'attribution', label: 'Attribution', make: () => new AttributionPanel(runner) });
      },
    });
    for (const command of [CommandIds.openPlans, CommandIds.openDashboard, CommandIds.openAttribution]) {
      palette?.addItem({ command, category: CATEGORY });
      launcher?.add({ command, category: 'mixmodeler', rank: 2 });
    }
  },
};

export default [runnerPlugin, modelListPlugin, modelsPlugin, viewsPlugin];
