import { ILayoutRestorer, type JupyterFrontEnd, type JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { ModelCanvas } from './canvas/canvas';
import { mixmodelerIcon } from './icons';
import { ModelListModel } from './models/model-list';
import { ModelSidebar } from './models/sidebar';

/** Command ids of the extension. */
export const CommandIds = {
  openCanvas: 'mixmodeler:open-canvas',
  refreshModels: 'mixmodeler:refresh-models',
} as const;

const CATEGORY = 'mixmodeler';

/** The model status sidebar in the left area, listing the workspace's models. */
const sidebarPlugin: JupyterFrontEndPlugin<void> = {
  id: 'mixmodeler-jupyterlab:models-sidebar',
  description: 'The mixmodeler model status sidebar.',
  autoStart: true,
  optional: [ILayoutRestorer, ICommandPalette],
  activate: (app: JupyterFrontEnd, restorer: ILayoutRestorer | null, palette: ICommandPalette | null) => {
    const model = new ModelListModel(app.serviceManager.contents);
    const sidebar = new ModelSidebar(model);
    sidebar.id = 'mixmodeler-models';
    sidebar.title.icon = mixmodelerIcon;
    sidebar.title.caption = 'mixmodeler models';
    sidebar.node.setAttribute('role', 'region');
    sidebar.node.setAttribute('aria-label', 'mixmodeler models');
    app.shell.add(sidebar, 'left', { rank: 650 });
    restorer?.add(sidebar, 'mixmodeler-models');
    app.commands.addCommand(CommandIds.refreshModels, {
      label: 'Refresh mixmodeler Models',
      execute: () => model.refresh(),
    });
    palette?.addItem({ command: CommandIds.refreshModels, category: CATEGORY });
    void model.refresh();
  },
};

/** The model canvas panel, opened from the launcher and the command palette. */
const canvasPlugin: JupyterFrontEndPlugin<void> = {
  id: 'mixmodeler-jupyterlab:model-canvas',
  description: 'The mixmodeler model canvas panel.',
  autoStart: true,
  optional: [ILauncher, ICommandPalette, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    launcher: ILauncher | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
  ) => {
    const tracker = new WidgetTracker<MainAreaWidget<ModelCanvas>>({ namespace: 'mixmodeler-canvas' });
    let count = 0;
    app.commands.addCommand(CommandIds.openCanvas, {
      label: (args) => (args['isLauncher'] ? 'Model Canvas' : 'New mixmodeler Model Canvas'),
      caption: 'Configure a marketing mix model step by step',
      icon: (args) => (args['isPalette'] ? undefined : mixmodelerIcon),
      execute: async () => {
        const widget = new MainAreaWidget({ content: new ModelCanvas() });
        widget.id = `mixmodeler-canvas-${++count}`;
        widget.title.label = 'Model canvas';
        widget.title.icon = mixmodelerIcon;
        widget.title.closable = true;
        await tracker.add(widget);
        app.shell.add(widget, 'main');
        app.shell.activateById(widget.id);
        return widget;
      },
    });
    launcher?.add({ command: CommandIds.openCanvas, category: 'mixmodeler', rank: 1 });
    palette?.addItem({ command: CommandIds.openCanvas, category: CATEGORY });
    if (restorer) void restorer.restore(tracker, { command: CommandIds.openCanvas, name: () => 'canvas' });
  },
};

export default [sidebarPlugin, canvasPlugin];
