import * as React from 'react';

/**
 * A labelled form field: the label in the user's words, the control, an optional hint (what the value
 * means for this data) and the problem with it, shown where the user typed.
 */
export function Field(props: {
  label: string;
  hint?: React.ReactNode;
  problem?: string | null;
  children: React.ReactNode;
  className?: string;
}): React.ReactElement {
  return (
    <div className={`mm-field${props.className ? ` ${props.className}` : ''}`}>
      <label>
        <span className="mm-field-label">{props.label}</span> {props.children}
      </label>
      {props.hint && <p className="mm-hint">{props.hint}</p>}
      {props.problem && (
        <p className="mm-error mm-field-problem" role="alert">
          {props.problem}
        </p>
      )}
    </div>
  );
}

/** A text input whose accessible name is its label. */
export function TextInput(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  size?: number;
  disabled?: boolean;
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
}): React.ReactElement {
  return (
    <input
      type="text"
      aria-label={props.label}
      value={props.value}
      size={props.size}
      disabled={props.disabled}
      placeholder={props.placeholder}
      inputMode={props.inputMode}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    />
  );
}

/** A line that says something is wrong, or that needs the user's attention, where it happened. */
export function Problem({
  message,
  kind = 'error',
}: {
  message: string | null | undefined;
  kind?: 'error' | 'warning';
}) {
  if (!message) return null;
  return (
    <p className={kind === 'error' ? 'mm-error' : 'mm-warning'} role={kind === 'error' ? 'alert' : 'status'}>
      {message}
    </p>
  );
}

/** A busy line with a spinner. */
export function Busy({ message }: { message: string | null }): React.ReactElement | null {
  if (!message) return null;
  return (
    <p className="mm-activity" role="status">
      <span className="mm-spinner" aria-hidden="true" /> {message}…
    </p>
  );
}
