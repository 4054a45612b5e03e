// The steps about the model: the lookback and curves, the training window, the spend-share prior.
import * as React from 'react';
import { Choice, RadioGroup } from '../../ui/choice';
import { DateRange } from '../../ui/date-range';
import { dataBounds } from '../form';
import { ADSTOCK_CHOICES, SATURATION_CHOICES, type StepProps } from './choices';

/** Step 5: how long an exposure keeps working, and the carry-over and diminishing-returns curves. */
export function LookbackStep({ model }: StepProps): React.ReactElement {
  const f = model.state.form;
  return (
    <div>
      <label className="mm-field">
        Lookback window (weeks an exposure keeps working, 1–52){' '}
        <input
          type="number"
          min={1}
          max={52}
          aria-label="Lookback window in weeks"
          value={f.lookbackWeeks}
          onChange={(e) => model.change({ lookbackWeeks: e.currentTarget.value })}
        />
      </label>
      <Choice
        label="Carry-over (adstock)"
        name="Adstock"
        value={f.adstock}
        options={
          ADSTOCK_CHOICES.some(([v]) => v === f.adstock)
            ? ADSTOCK_CHOICES
            : [...ADSTOCK_CHOICES, [f.adstock, `${f.adstock}: chosen by lib from the data`] as const]
        }
        onChange={(adstock) => model.change({ adstock })}
      />
      <Choice
        label="Diminishing returns (saturation)"
        name="Saturation"
        value={f.saturation}
        options={SATURATION_CHOICES}
        onChange={(saturation) => model.change({ saturation })}
      />
    </div>
  );
}

/** The training window: the data's range, what "the last 2 years" means on it, or a custom range. */
export function WindowStep({ model }: StepProps): React.ReactElement {
  const { form: f, data } = model.state;
  const bounds = data ? dataBounds(data) : null;
  const last = bounds?.lastTwoYears ?? null;
  const unit = data?.grain === 'day' ? 'days' : 'weeks';
  // (the step's problem shows once, under the step: canvas.tsx)
  return (
    <RadioGroup
      legend="The periods the model is fitted on"
      name="window"
      value={f.window.mode}
      options={[
        ['last-2-years', 'The last 2 years of data'],
        ['all', 'All the data'],
        ['range', 'A date range of at least one year'],
      ]}
      onChange={(mode) => model.change({ window: { ...f.window, mode } })}
    >
      {bounds && last && (
        <p className="mm-hint" aria-label="data range">
          The data run from {bounds.from} to {bounds.to} ({data!.periods} {unit}). The last 2 years of data are{' '}
          {last.from} to {last.to} ({last.periods} {unit}).
        </p>
      )}
      {f.window.mode === 'range' && (
        <DateRange
          from={f.window.from}
          to={f.window.to}
          bounds={bounds}
          problem={null}
          onChange={(p) => model.change({ window: { ...f.window, ...p } })}
        />
      )}
    </RadioGroup>
  );
}

/** Step 8: the spend-share prior on or off. */
export function SpendShareStep({ model }: StepProps): React.ReactElement {
  return (
    <label className="mm-field">
      <input
        type="checkbox"
        checked={model.state.form.spendShare}
        onChange={(e) => model.change({ spendShare: e.currentTarget.checked })}
      />{' '}
      Spend-share prior: where a channel&apos;s data are sparse, its share of the effect is pulled toward its share of
      spend
    </label>
  );
}
