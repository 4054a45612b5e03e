import { Signal, type ISignal } from '@lumino/signaling';

/**
 * The state of one view and the Lumino signal that says it changed: views read `state`, change it only
 * through their model's methods, and re-render on `changed` (STYLE: state lives in a model, not in
 * fields of a widget).
 */
export class StateModel<S extends object> {
  private _state: S;
  private readonly _changed = new Signal<this, S>(this);

  constructor(initial: S) {
    this._state = initial;
  }

  /** Emitted with the new state after every change. */
  get changed(): ISignal<this, S> {
    return this._changed;
  }

  get state(): S {
    return this._state;
  }

  /** Disconnects every slot. */
  dispose(): void {
    Signal.clearData(this);
  }

  /** Replaces part of the state and tells the views. */
  protected set(patch: Partial<S>): void {
    this._state = { ...this._state, ...patch };
    this._changed.emit(this._state);
  }
}
