import type { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget } from '@jupyterlab/apputils';
import type { Widget } from '@lumino/widgets';
import { mixmodelerIcon } from '../icons';

/**
 * Opens views in the main area with the mixmodeler icon: one per `key` (shown again when it is open
 * already), or a new one each time without a key.
 */
export class MainAreaViews {
  private readonly open = new Map<string, MainAreaWidget>();
  private count = 0;

  constructor(private readonly app: JupyterFrontEnd) {}

  /** Shows the view of `key`, making it with `make` when it is not open. */
  show<W extends Widget>(options: { key?: string; label: string; make: () => W }): MainAreaWidget<W> {
    const existing = options.key ? this.open.get(options.key) : undefined;
    if (existing && !existing.isDisposed) {
      this.app.shell.activateById(existing.id);
      return existing as MainAreaWidget<W>;
    }
    const widget = new MainAreaWidget({ content: options.make() });
    widget.id = `mixmodeler-${options.key ?? `view-${++this.count}`}`;
    widget.title.label = options.label;
    widget.title.icon = mixmodelerIcon;
    widget.title.closable = true;
    if (options.key) this.open.set(options.key, widget);
    this.app.shell.add(widget, 'main');
    this.app.shell.activateById(widget.id);
    return widget;
  }
}
