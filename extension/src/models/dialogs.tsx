import { Dialog, showDialog } from '@jupyterlab/apputils';
import { ReactWidget } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import { RUN_FREQUENCIES } from 'mixmodeler/dist/browser';
import type { Schedule, Window } from 'mixmodeler-kernel/dist/action-protocol';
import * as React from 'react';
import { rangeProblem, type DataBounds } from '../ui/date-range-rules';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A dialog body holding a small form: it re-renders on every change, shows what is wrong inline and
 * keeps the dialog's accept button disabled until the form is valid.
 */
abstract class FormBody<T> extends ReactWidget implements Dialog.IBodyWidget<T> {
  constructor(protected state: T) {
    super();
    this.addClass('mm-dialog-form');
  }

  getValue(): T {
    return this.state;
  }

  /** What is wrong with the form, or null. */
  abstract problem(): string | null;

  /** What the user should know before accepting (the form stays valid), or null. */
  warning(): string | null {
    return null;
  }

  protected abstract fields(): React.ReactElement;

  protected set(patch: Partial<T>): void {
    this.state = { ...this.state, ...patch };
    this.update();
  }

  protected override onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.syncAccept();
  }

  protected override onUpdateRequest(msg: Message): void {
    super.onUpdateRequest(msg);
    this.syncAccept();
  }

  protected render(): React.ReactElement {
    const problem = this.problem();
    return (
      <form onSubmit={(e) => e.preventDefault()}>
        {this.fields()}
        <p className="mm-error mm-form-problem" role="alert" aria-live="polite">
          {problem ?? ''}
        </p>
        {problem === null && this.warning() && (
          <p className="mm-warning mm-form-warning" role="status">
            {this.warning()}
          </p>
        )}
      </form>
    );
  }

  private syncAccept(): void {
    const accept = this.node.closest('.jp-Dialog-content')?.querySelector<HTMLButtonElement>('.jp-mod-accept');
    if (accept) accept.disabled = this.problem() !== null;
  }
}

/** The first field of a form body: a dialog opens with focus on it. */
export const FIRST_FIELD = 'input, select, textarea';

/**
 * Shows a form dialog until the user cancels (null) or accepts a valid form (its value). A form
 * accepted while invalid (Enter in a field) opens again with what was typed. The dialog opens with
 * focus on the form's first field (without `focusNodeSelector`, JupyterLab moves focus to the accept
 * button once the body has rendered, which can be after the user started typing).
 */
export async function askForm<T>(
  title: string,
  accept: string,
  make: (state: T | null) => FormBody<T>,
): Promise<T | null> {
  let state: T | null = null;
  for (;;) {
    const body = make(state);
    const r = await showDialog({
      title,
      body,
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: accept })],
      focusNodeSelector: FIRST_FIELD,
    });
    if (!r.button.accept || r.value === null) return null;
    state = r.value;
    if (body.problem() === null) return state;
  }
}

function Radio(props: { name: string; checked: boolean; onChange: () => void; label: string }): React.ReactElement {
  return (
    <label className="mm-radio">
      <input type="radio" name={props.name} checked={props.checked} onChange={props.onChange} /> {props.label}
    </label>
  );
}

function DateField(props: { label: string; value: string; onChange: (v: string) => void }): React.ReactElement {
  return (
    <label className="mm-field">
      {props.label}{' '}
      <input
        type="text"
        inputMode="numeric"
        placeholder="YYYY-MM-DD"
        aria-label={props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value.trim())}
      />
    </label>
  );
}

function RangeFields(props: {
  from: string;
  to: string;
  set: (patch: { from?: string; to?: string }) => void;
}): React.ReactElement {
  return (
    <div className="mm-range">
      <DateField label="From" value={props.from} onChange={(from) => props.set({ from })} />
      <DateField label="To" value={props.to} onChange={(to) => props.set({ to })} />
    </div>
  );
}

/** What the data cover and what "the last 2 years" are on them (nothing when the data are not known). */
function DataRangeHint({ bounds }: { bounds: DataBounds | null }): React.ReactElement | null {
  if (!bounds) return null;
  const last = bounds.lastTwoYears;
  const unit = bounds.periodDays === 1 ? 'days' : 'weeks';
  return (
    <p className="mm-hint" aria-label="data range">
      The data run from {bounds.from} to {bounds.to}. The last 2 years of data are {last.from} to {last.to} (
      {last.periods} {unit}).
    </p>
  );
}

/** The train dialog's form: the last 2 years, every period, or a range of at least one year. */
export interface TrainForm {
  mode: 'last-2-years' | 'all' | 'range';
  from: string;
  to: string;
}

export class TrainBody extends FormBody<TrainForm> {
  /** @param bounds the harmonized data's first and last period (null: not known), for the range's checks */
  constructor(
    state: TrainForm | null,
    private readonly bounds: DataBounds | null = null,
  ) {
    super(state ?? { mode: 'last-2-years', from: '', to: '' });
  }

  problem(): string | null {
    return this.state.mode === 'range' ? rangeProblem(this.state.from, this.state.to, this.bounds) : null;
  }

  protected fields(): React.ReactElement {
    const s = this.state;
    return (
      <fieldset>
        <legend>Training window</legend>
        <Radio
          name="window"
          label="The last 2 years of data"
          checked={s.mode === 'last-2-years'}
          onChange={() => this.set({ mode: 'last-2-years' })}
        />
        <Radio
          name="window"
          label="All the data"
          checked={s.mode === 'all'}
          onChange={() => this.set({ mode: 'all' })}
        />
        <Radio
          name="window"
          label="A date range of at least one year"
          checked={s.mode === 'range'}
          onChange={() => this.set({ mode: 'range' })}
        />
        <DataRangeHint bounds={this.bounds} />
        {s.mode === 'range' && <RangeFields from={s.from} to={s.to} set={(p) => this.set(p)} />}
      </fieldset>
    );
  }
}

/** The window a train form asks for. */
export function trainWindow(f: TrainForm): Window {
  return f.mode === 'range' ? { from: f.from, to: f.to } : f.mode;
}

/** The score dialog's form: new data from a date (empty: after the last scored period), or a range. */
export interface ScoreForm {
  mode: 'new' | 'range';
  from: string;
  to: string;
}

export class ScoreBody extends FormBody<ScoreForm> {
  constructor(
    state: ScoreForm | null,
    private readonly scoredThrough: string | null,
    private readonly bounds: DataBounds | null = null,
  ) {
    super(state ?? { mode: 'new', from: '', to: '' });
  }

  problem(): string | null {
    const { mode, from, to } = this.state;
    if (mode === 'new') return from === '' || DATE.test(from) ? null : `the date must be YYYY-MM-DD; got "${from}"`;
    if (!DATE.test(from)) return `the start must be a date YYYY-MM-DD; got "${from}"`;
    if (!DATE.test(to)) return `the end must be a date YYYY-MM-DD; got "${to}"`;
    return to < from ? `the end ${to} is before the start ${from}` : rangeProblem(from, to, this.bounds, 'none');
  }

  protected fields(): React.ReactElement {
    const s = this.state;
    const after = this.scoredThrough ? `after ${this.scoredThrough}` : 'all periods';
    return (
      <fieldset>
        <legend>Periods to score</legend>
        <Radio
          name="score"
          label={`New data from a date (empty: ${after})`}
          checked={s.mode === 'new'}
          onChange={() => this.set({ mode: 'new' })}
        />
        {s.mode === 'new' && <DateField label="From" value={s.from} onChange={(from) => this.set({ from })} />}
        <Radio
          name="score"
          label="A specific date range (re-score)"
          checked={s.mode === 'range'}
          onChange={() => this.set({ mode: 'range' })}
        />
        <DataRangeHint bounds={this.bounds} />
        {s.mode === 'range' && <RangeFields from={s.from} to={s.to} set={(p) => this.set(p)} />}
      </fieldset>
    );
  }
}

/** The edit dialog's form: name, description and schedule. */
export interface EditForm {
  name: string;
  description: string;
  schedule: Schedule;
}

export class EditBody extends FormBody<EditForm> {
  /** @param taken whether another model has a name already */
  constructor(
    state: EditForm,
    private readonly taken: (name: string) => boolean = () => false,
  ) {
    super(state);
  }

  problem(): string | null {
    return this.state.name.trim() === '' ? 'the name must not be empty' : null;
  }

  override warning(): string | null {
    return this.taken(this.state.name) ? `another model is named “${this.state.name.trim()}” already` : null;
  }

  protected fields(): React.ReactElement {
    const s = this.state;
    return (
      <>
        <label className="mm-field">
          Name{' '}
          <input
            type="text"
            aria-label="Name"
            value={s.name}
            onChange={(e) => this.set({ name: e.currentTarget.value })}
          />
        </label>
        <label className="mm-field">
          Description{' '}
          <textarea
            aria-label="Description"
            value={s.description}
            onChange={(e) => this.set({ description: e.currentTarget.value })}
          />
        </label>
        <label className="mm-field">
          <input
            type="checkbox"
            checked={s.schedule.enabled}
            onChange={(e) => this.set({ schedule: { ...s.schedule, enabled: e.currentTarget.checked } })}
          />{' '}
          Run on a schedule
        </label>
        <label className="mm-field">
          Frequency{' '}
          <select
            aria-label="Frequency"
            value={s.schedule.frequency}
            disabled={!s.schedule.enabled}
            onChange={(e) =>
              this.set({ schedule: { ...s.schedule, frequency: e.currentTarget.value as Schedule['frequency'] } })
            }
          >
            {RUN_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
      </>
    );
  }
}
