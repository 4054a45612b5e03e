import { formatAmount, formatPercent, MTA_METHODS } from 'mixmodeler/dist/browser';
import * as React from 'react';
import type { ActionRunner } from '../actions/runner';
import { FigureHost } from '../figure-host';
import { RadioGroup } from '../ui/choice';
import { DataTable } from '../ui/data-table';
import { Busy, Problem, TextInput } from '../ui/field';
import { SignalWidget } from '../ui/signal-widget';
import { AttributionModel, type AttributionState } from './attribution-model';

function Form({ model }: { model: AttributionModel }): React.ReactElement {
  const s = model.state;
  const request = model.request;
  return (
    <section aria-label="attribution form">
      <fieldset className="mm-inline-choices">
        <legend>Methods, side by side</legend>
        {MTA_METHODS.map((m) => (
          <label key={m} className="mm-radio">
            <input
              type="checkbox"
              aria-label={m}
              checked={s.methods.includes(m)}
              onChange={(e) => model.toggle(m, e.currentTarget.checked)}
            />{' '}
            {m}
          </label>
        ))}
      </fieldset>
      <RadioGroup
        legend="Lookback"
        name="lookback"
        value={s.lookback}
        options={[
          ['auto', 'From the data (the days that cover 95% of the touch-to-conversion gaps)'],
          ['days', 'Days:'],
        ]}
        onChange={(lookback) => model.setLookback(lookback)}
      >
        <TextInput
          label="Lookback in days"
          size={4}
          inputMode="numeric"
          value={s.days}
          disabled={s.lookback !== 'days'}
          onChange={(days) => model.setLookback('days', days)}
        />
      </RadioGroup>
      <Problem message={typeof request === 'string' ? request : null} />
      <div className="mm-toolbar">
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept"
          disabled={typeof request === 'string' || !!s.busy}
          onClick={() => void model.attribute()}
        >
          Attribute
        </button>
      </div>
      <Busy message={s.busy} />
      <Problem message={s.error} />
    </section>
  );
}

function Result({ model }: { model: AttributionModel }): React.ReactElement | null {
  const v = model.state.view;
  if (!v) return null;
  const reasons = v.methods.filter((m) => m.reasons.length > 0);
  return (
    <section aria-label="attribution result" className="mm-attribution-result">
      <p className="mm-attribution-engine">{v.engineText}</p>
      <p className="mm-attribution-lookback">{v.lookbackText}</p>
      <Problem message={v.warning} kind="warning" />
      {v.warnings.length > 0 && (
        <>
          <p>Found in the events (the run went on):</p>
          <ul className="mm-attribution-findings">
            {v.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
      {reasons.map((m) => (
        <div key={m.method} className="mm-attribution-reasons">
          <p>{m.method}: where the events cannot tell intent from effect</p>
          <ul>
            {m.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ))}
      <div className="mm-figure-beside">
        <FigureHost figure={v.figure} />
        <DataTable
          label="attributed share of conversions by channel and method"
          rows={v.channels}
          rowKey={(c) => c}
          columns={[
            { key: 'channel', header: 'Channel', cell: (c) => c },
            ...v.methods.map((m) => ({
              key: m.method,
              header: m.method,
              numeric: true,
              cell: (c: string) => {
                const x = m.channels[c];
                return x ? `${formatPercent(x.share)} (${formatAmount(x.conversions, 1)})` : '—';
              },
            })),
          ]}
        />
      </div>
    </section>
  );
}

function AttributionView({ model }: { model: AttributionModel }): React.ReactElement {
  return (
    <div className="mm-attribution-content">
      <h2 className="mm-title">Multi-touch attribution</h2>
      <p className="mm-hint">
        The workspace&apos;s event-level conversions, credited to the touches before them by each method ticked: the
        share per channel, and in brackets the conversions. Every method but intent-factor splits every conversion over
        its touches; intent-factor credits only the conversions the touches brought beyond the users&apos; own intent,
        so its conversions add up to fewer.
      </p>
      <Form model={model} />
      <Result model={model} />
    </div>
  );
}

/** The attribution view: methods side by side on the workspace's event data, through lib in the kernel. */
export class AttributionPanel extends SignalWidget<AttributionState, AttributionModel> {
  constructor(runner: ActionRunner) {
    super(
      new AttributionModel((request) => runner.run(request)),
      (m) => <AttributionView model={m} />,
      'mm-attribution',
    );
  }
}
