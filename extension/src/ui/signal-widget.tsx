import { ReactWidget } from '@jupyterlab/ui-components';
import type { ISignal } from '@lumino/signaling';
import type * as React from 'react';

/** What a {@link SignalWidget} draws: a model with a state and a signal for its changes. */
export interface ViewModel<S> {
  readonly state: S;
  readonly changed: ISignal<unknown, S>;
}

/**
 * A ReactWidget that draws its model's current state with a function component and draws again on
 * every `changed`. (A UseSignal child that starts from the state at element creation misses a change
 * emitted before React mounts it: the view then stays at its first state, seen in CI under load.)
 */
export class SignalWidget<S, M extends ViewModel<S>> extends ReactWidget {
  constructor(
    readonly model: M,
    private readonly view: (model: M) => React.ReactElement,
    className: string,
  ) {
    super();
    this.addClass(className);
    model.changed.connect(() => this.update(), this);
  }

  protected render(): React.ReactElement {
    return this.view(this.model);
  }
}
