import {
  ADSTOCK_FAMILIES,
  formatNumber,
  SATURATION_FAMILIES,
  TOUCHPOINT_SOURCES,
  USER_PRIOR_SOURCES,
  type TouchpointSource,
  type UserPriorSource,
} from 'mixmodeler/dist/browser';
import * as React from 'react';
import { Choice, RadioGroup, type Option } from '../ui/choice';
import { DateRange } from '../ui/date-range';
import { Field } from '../ui/field';
import { WORKSPACE_DIR } from '../workspace';
import type { CanvasModel } from './canvas-model';
import { dataBounds, formConfig, STEPS, type CanvasForm } from './form';
import { reviewSummary } from './review';

/** Every step's component takes the canvas model. */
export interface StepProps {
  model: CanvasModel;
}

/** A curve family as a choice: its name, and its label with what it does (lib's registry). */
const choice = <N extends string>(f: { name: N; label: string; description: string }): Option<N> => [
  f.name,
  `${f.label}: ${f.description}`,
];
const ADSTOCK_CHOICES = ADSTOCK_FAMILIES.map(choice);
const SATURATION_CHOICES = SATURATION_FAMILIES.map(choice);
const METRICS: Option<'spend' | 'impressions'>[] = [
  ['spend', 'spend'],
  ['impressions', 'impressions'],
];
const SOURCES: Option<TouchpointSource>[] = TOUCHPOINT_SOURCES.map((s) => [s, s]);
const PRIOR_SOURCES: Option<UserPriorSource>[] = USER_PRIOR_SOURCES.map((s) => [s, s]);
const FACTOR_USES: Option<'none' | 'internal' | 'external'>[] = [
  ['none', 'not used'],
  ['internal', 'internal (promotions, holidays)'],
  ['external', 'external (price, competitors, macro)'],
];

export function DataStep({ model }: StepProps): React.ReactElement {
  const { data: d, loaded, dataError } = model.state;
  if (!loaded) return <p className="mm-muted">Reading the harmonized data…</p>;
  if (!d) {
    return (
      <>
        <p className="mm-error" role="alert">
          {/404|not found/i.test(dataError ?? '')
            ? `No harmonized data in ${WORKSPACE_DIR} yet: run \`mixmodeler sample\` (the built-in example data) or harmonize your data (notebook 01, \`mixmodeler harmonize\`)`
            : `Could not read the harmonized data: ${dataError}`}
        </p>
        <button type="button" className="jp-Button" onClick={() => void model.load()}>
          Read again
        </button>
      </>
    );
  }
  const missing = d.missing.conversions.length + d.missing.factors.length;
  return (
    <dl className="mm-dl" aria-label="harmonized data summary">
      <dt>Periods</dt>
      <dd>
        {d.periods} {d.grain === 'week' ? 'weeks' : 'days'}, {d.from} to {d.to}
      </dd>
      <dt>Channels</dt>
      <dd>{d.channels.join(', ')}</dd>
      <dt>Media metrics</dt>
      <dd>{d.metrics.join(', ')}</dd>
      <dt>Conversions</dt>
      <dd>{d.conversions.join(', ')}</dd>
      <dt>Factors</dt>
      <dd>{d.factors.join(', ') || 'none'}</dd>
      <dt>Sources</dt>
      <dd>{d.sources.map((s) => `${s.name} (${s.kind}, ${s.rows} rows)`).join('; ')}</dd>
      <dt>Conflicts resolved</dt>
      <dd>{d.conflicts.length}</dd>
      <dt>Missing values</dt>
      <dd>{missing}</dd>
    </dl>
  );
}

export function ConversionStep({ model }: StepProps): React.ReactElement {
  const options: Option<string>[] = (model.state.data?.conversions ?? []).map((c) => [c, c]);
  return (
    <RadioGroup
      legend="The outcome the model explains (exactly one)"
      name="conversion"
      value={model.state.form.conversion}
      options={options}
      onChange={(conversion) => model.change({ conversion })}
    />
  );
}

export function TouchpointsStep({ model }: StepProps): React.ReactElement {
  const f = model.state.form;
  return (
    <table className="mm-table" aria-label="touchpoints">
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Media input</th>
          <th scope="col">Data</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(f.touchpoints).map(([c, t]) => {
          const put = (patch: Partial<typeof t>) =>
            model.change({ touchpoints: { ...f.touchpoints, [c]: { ...t, ...patch } } });
          return (
            <tr key={c} data-channel={c}>
              <td>
                <label>
                  <input
                    type="checkbox"
                    checked={t.include}
                    onChange={(e) => put({ include: e.currentTarget.checked })}
                  />{' '}
                  {c}
                </label>
              </td>
              <td>
                <select
                  aria-label={`${c} media input`}
                  value={t.metric}
                  disabled={!t.include}
                  onChange={(e) => put({ metric: e.currentTarget.value as 'spend' | 'impressions' })}
                >
                  {METRICS.map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  aria-label={`${c} data`}
                  value={t.source}
                  disabled={!t.include}
                  onChange={(e) => put({ source: e.currentTarget.value as TouchpointSource })}
                >
                  {SOURCES.map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function FactorsStep({ model }: StepProps): React.ReactElement {
  const f = model.state.form;
  if (Object.keys(f.factors).length === 0) return <p className="mm-muted">The harmonized data hold no factors.</p>;
  return (
    <table className="mm-table" aria-label="factors">
      <thead>
        <tr>
          <th scope="col">Factor</th>
          <th scope="col">Use</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(f.factors).map(([name, use]) => (
          <tr key={name}>
            <td>{name}</td>
            <td>
              <select
                aria-label={`${name} use`}
                value={use}
                onChange={(e) =>
                  model.change({ factors: { ...f.factors, [name]: e.currentTarget.value as typeof use } })
                }
              >
                {FACTOR_USES.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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

export function PriorsStep({ model }: StepProps): React.ReactElement {
  const f = model.state.form;
  const channels = Object.keys(f.touchpoints).filter((c) => f.touchpoints[c]!.include);
  const put = (i: number, patch: Partial<CanvasForm['priors'][number]>) =>
    model.change({ priors: f.priors.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <>
      <p className="mm-muted">
        What you already know about a channel: an ROI or a share of the outcome, with its uncertainty (sd) and where it
        comes from (a lift test is the strongest).
      </p>
      {f.priors.length > 0 && (
        <table className="mm-table" aria-label="priors">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Kind</th>
              <th scope="col">Value</th>
              <th scope="col">sd</th>
              <th scope="col">Source</th>
              <th scope="col">
                <span className="mm-visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {f.priors.map((p, i) => (
              <tr key={i}>
                <td>
                  <select
                    aria-label={`prior ${i + 1} channel`}
                    value={p.channel}
                    onChange={(e) => put(i, { channel: e.currentTarget.value })}
                  >
                    {channels.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    aria-label={`prior ${i + 1} kind`}
                    value={p.kind}
                    onChange={(e) => put(i, { kind: e.currentTarget.value as 'roi' | 'share' })}
                  >
                    <option value="roi">ROI</option>
                    <option value="share">contribution share</option>
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`prior ${i + 1} value`}
                    size={6}
                    value={p.value}
                    onChange={(e) => put(i, { value: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`prior ${i + 1} sd`}
                    size={6}
                    value={p.sd}
                    onChange={(e) => put(i, { sd: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`prior ${i + 1} source`}
                    value={p.source}
                    onChange={(e) => put(i, { source: e.currentTarget.value as UserPriorSource })}
                  >
                    {PRIOR_SOURCES.map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="jp-Button"
                    aria-label={`Remove prior ${i + 1}`}
                    onClick={() => model.change({ priors: f.priors.filter((_, j) => j !== i) })}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        className="jp-Button"
        disabled={channels.length === 0}
        onClick={() =>
          model.change({
            priors: [...f.priors, { channel: channels[0]!, kind: 'roi', value: '', sd: '', source: 'experiment' }],
          })
        }
      >
        Add prior
      </button>
    </>
  );
}

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

/** The Review step: every choice in words, name and description, the build and its outcome. */
export function ReviewStep({ model }: StepProps): React.ReactElement {
  const { form: f, build: b, data } = model.state;
  const problem = model.problem;
  return (
    <>
      <dl className="mm-dl mm-review" aria-label="your choices">
        {reviewSummary(f, data).map((line) => (
          <React.Fragment key={line.label}>
            <dt>{line.label}</dt>
            <dd>{line.text}</dd>
          </React.Fragment>
        ))}
      </dl>
      <Field label="Name" problem={null}>
        <input
          type="text"
          aria-label="Model name"
          value={f.name}
          onChange={(e) => model.change({ name: e.currentTarget.value })}
        />
      </Field>
      {model.nameWarning && (
        <p className="mm-warning" role="status">
          {model.nameWarning}: a second model of the same name is hard to tell apart in the sidebar and the plans.
        </p>
      )}
      <Field label="Description">
        <textarea
          aria-label="Model description"
          value={f.description}
          onChange={(e) => model.change({ description: e.currentTarget.value })}
        />
      </Field>
      <details>
        <summary>model.json</summary>
        <pre className="mm-config-json">{JSON.stringify(formConfig(f), null, 2)}</pre>
      </details>
      {problem && problem.step !== 'review' && (
        <p className="mm-error" role="alert">
          Step “{STEPS.find((s) => s.id === problem.step)!.title}”: {problem.message}
        </p>
      )}
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-mod-accept mm-build"
        disabled={!model.canBuild}
        onClick={() => void model.runBuild()}
      >
        {model.editing ? 'Rebuild model' : 'Build model'}
      </button>
      <p className="mm-muted">
        {b.phase === 'done'
          ? 'Built: change a choice to build again.'
          : 'Building creates the model, trains it and scores it.'}
      </p>
      {b.phase === 'running' && (
        <p className="mm-activity" role="status">
          <progress max={b.progress?.total ?? 1} value={b.progress?.done ?? 0} aria-label="build progress" />{' '}
          {b.progress ? `${b.progress.message} (${formatNumber(b.progress.seconds, 1)} s)` : 'starting the kernel…'}
        </p>
      )}
      {b.phase === 'done' && (
        <p className="mm-activity mm-build-done" role="status">
          {b.message}
        </p>
      )}
      {b.phase === 'failed' && (
        <p className="mm-error mm-build-failed" role="alert">
          The build failed: {b.message}
        </p>
      )}
    </>
  );
}
