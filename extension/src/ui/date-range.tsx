import * as React from 'react';
import type { DataBounds } from './date-range-rules';
import { TextInput } from './field';

/**
 * Two date fields (From, To) that know the data's first and last period: they say so, and the
 * problem with the range (from {@link rangeProblem}) shows beside them.
 */
export function DateRange(props: {
  from: string;
  to: string;
  bounds: DataBounds | null;
  problem: string | null;
  onChange: (patch: { from?: string; to?: string }) => void;
}): React.ReactElement {
  const b = props.bounds;
  return (
    <div className="mm-range">
      {b && (
        <p className="mm-hint" data-testid="data-range">
          The data run from {b.from} to {b.to}.
        </p>
      )}
      <label className="mm-field">
        <span className="mm-field-label">From</span>{' '}
        <TextInput
          label="From"
          placeholder={b?.from ?? 'YYYY-MM-DD'}
          value={props.from}
          onChange={(v) => props.onChange({ from: v.trim() })}
        />
      </label>
      <label className="mm-field">
        <span className="mm-field-label">To</span>{' '}
        <TextInput
          label="To"
          placeholder={b?.to ?? 'YYYY-MM-DD'}
          value={props.to}
          onChange={(v) => props.onChange({ to: v.trim() })}
        />
      </label>
      {props.problem && (
        <p className="mm-error mm-form-problem" role="alert">
          {props.problem}
        </p>
      )}
    </div>
  );
}
