import { ILayoutRestorer, type JupyterFrontEnd, type JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import type { Widget } from '@lumino/widgets';
import { ILauncher } from '@jupyterlab/launcher';
import { ActionRunner } from './actions/runner';
import { ModelCanvas, type CanvasOptions } from './canvas/canvas';
import { DashboardPanel } from './dashboard/panel';
import { InsightsPanel } from './insights/panel';
import { PlansPanel } from './plans/panel';
import { registerModelCommands } from './models/commands';
import { mixmodelerIcon } from './icons';
import { ModelListModel } from './models/model-list';
import { ModelSidebar } from './models/sidebar';
import { modelFilePath, type ModelRow } from './workspace';
import type { ModelConfig } from 'mixmodeler/dist/browser';

/** Command ids of the extension. */
export const CommandIds = {
  openCanvas: 'mixmodeler:open-canvas',
  openPlans: 'mixmodeler:open-plans',
  openDashboard: 'mixmodeler:open-dashboard',
  refreshModels: 'mixmodeler:refresh-models',
} as const;

const CATEGORY = 'mixmodeler';

/** The model status sidebar, the model actions, the model canvas and the insights view. */
const modelsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'mixmodeler-jupyterlab:models',
  description: 'The mixmodeler model status sidebar, model canvas and insights view.',
  autoStart: true,
  optional: [ILayoutRestorer, ICommandPalette, ILauncher],
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
  ) => {
    const contents = app.serviceManager.contents;
    const model = new ModelListModel(contents);
    const runner = new ActionRunner(app.serviceManager);
    const sidebar = new ModelSidebar(model, app.commands);
    sidebar.id = 'mixmodeler-models';
    sidebar.title.icon = mixmodelerIcon;
    sidebar.title.caption = 'mixmodeler models';
    sidebar.node.setAttribute('role', 'region');
    sidebar.node.setAttribute('aria-label', 'mixmodeler models');
    app.shell.add(sidebar, 'left', { rank: 650 });
    restorer?.add(sidebar, 'mixmodeler-models');

    const canvases = new WidgetTracker<MainAreaWidget<ModelCanvas>>({ namespace: 'mixmodeler-canvas' });
    let count = 0;
    const openCanvas = async (edit?: CanvasOptions['model']) => {
      const content = new ModelCanvas({ contents, runner, built: () => void model.refresh(), model: edit });
      const widget = new MainAreaWidget({ content });
      widget.id = `mixmodeler-canvas-${++count}`;
      widget.title.label = edit ? `Model canvas: ${edit.config.name}` : 'Model canvas';
      widget.title.icon = mixmodelerIcon;
      widget.title.closable = true;
      if (!edit) await canvases.add(widget);
      app.shell.add(widget, 'main');
      app.shell.activateById(widget.id);
      return widget;
    };

    const openInsights = async (row: ModelRow) => {
      const widget = new MainAreaWidget({ content: new InsightsPanel(runner, row.id) });
      widget.id = `mixmodeler-insights-${row.id}-${++count}`;
      widget.title.label = `Insights: ${row.name}`;
      widget.title.icon = mixmodelerIcon;
      widget.title.closable = true;
      app.shell.add(widget, 'main');
      app.shell.activateById(widget.id);
    };

    /** Opens a view in the main area, or shows it again when it is open already. */
    const views = new Map<string, MainAreaWidget>();
    const openView = (key: string, label: string, make: () => Widget) => {
      const open = views.get(key);
      if (open && !open.isDisposed) return app.shell.activateById(open.id);
      const widget = new MainAreaWidget({ content: make() });
      widget.id = `mixmodeler-${key}`;
      widget.title.label = label;
      widget.title.icon = mixmodelerIcon;
      widget.title.closable = true;
      views.set(key, widget);
      app.shell.add(widget, 'main');
      app.shell.activateById(widget.id);
    };
    app.commands.addCommand(CommandIds.openPlans, {
      label: (args) => (args['isLauncher'] ? 'Plans' : 'Open mixmodeler Plans and Scenarios'),
      caption: 'Budget plans and scenario comparison on a trained model',
      icon: (args) => (args['isPalette'] ? undefined : mixmodelerIcon),
      execute: () => openView('plans', 'Plans', () => new PlansPanel(runner, model)),
    });
    app.commands.addCommand(CommandIds.openDashboard, {
      label: (args) => (args['isLauncher'] ? 'Overview' : 'Open mixmodeler Overview Dashboard'),
      caption: 'Harmonized data, models and plans at a glance',
      icon: (args) => (args['isPalette'] ? undefined : mixmodelerIcon),
      execute: () => openView('dashboard', 'Overview', () => new DashboardPanel(contents, runner, model)),
    });
    for (const command of [CommandIds.openPlans, CommandIds.openDashboard]) {
      palette?.addItem({ command, category: CATEGORY });
      launcher?.add({ command, category: 'mixmodeler', rank: 2 });
    }

    const editConfig = async (row: ModelRow) => {
      const file = await contents.get(modelFilePath(row.id), { content: true, format: 'text', type: 'file' });
      const record = JSON.parse(String(file.content)) as { config: ModelConfig };
      await openCanvas({ id: row.id, config: record.config });
    };

    registerModelCommands({
      app,
      runner,
      models: model,
      activity: (a) => sidebar.setActivity(a),
      openInsights,
      editConfig,
    });
    app.commands.addCommand(CommandIds.refreshModels, {
      label: 'Refresh mixmodeler Models',
      execute: () => model.refresh(),
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
    void model.refresh();
  },
};

export default [modelsPlugin];
