import * as React from 'react';

/** One choice: its value and its label in words. */
export type Option<T extends string> = readonly [value: T, label: string];

/** What a select over fixed choices takes: its accessible name, the value, the choices, the change. */
interface SelectProps<T extends string> {
  name: string;
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
  disabled?: boolean;
}

/** A select over fixed choices without a visible label (a table cell's), `name` its accessible name. */
export function Select<T extends string>(props: SelectProps<T>): React.ReactElement {
  return (
    <select
      aria-label={props.name}
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.currentTarget.value as T)}
    >
      {props.options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}

/** A labelled select over fixed choices; `name` is its accessible name (the label when omitted). */
export function Choice<T extends string>(
  props: Omit<SelectProps<T>, 'name'> & { label: string; name?: string },
): React.ReactElement {
  return (
    <label className="mm-field">
      <span className="mm-field-label">{props.label}</span> <Select {...props} name={props.name ?? props.label} />
    </label>
  );
}

/** A group of radio buttons with a legend; each button's accessible name is its label. */
export function RadioGroup<T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
  children?: React.ReactNode;
}): React.ReactElement {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.options.map(([v, text]) => (
        <label key={v} className="mm-radio">
          <input type="radio" name={props.name} checked={props.value === v} onChange={() => props.onChange(v)} /> {text}
        </label>
      ))}
      {props.children}
    </fieldset>
  );
}
