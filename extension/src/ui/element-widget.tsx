import { ReactWidget } from '@jupyterlab/ui-components';
import type * as React from 'react';

/** A widget that shows one fixed React element: a dialog's body. */
export class ElementWidget extends ReactWidget {
  constructor(private readonly element: React.ReactElement) {
    super();
  }

  protected render(): React.ReactElement {
    return this.element;
  }
}
