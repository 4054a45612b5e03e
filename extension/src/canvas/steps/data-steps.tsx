// The steps about the data: what they hold, the conversion, the touchpoints, the factors.
import * as React from 'react';
import { RadioGroup, Select, type Option } from '../../ui/choice';
import { WORKSPACE_DIR } from '../../workspace';
import { metricChoices, PAID_CHOICES, SOURCES, FACTOR_USES, type StepProps } from './choices';

/** Step 1: what the harmonized data hold (periods, channels, metrics, conversions, factors, sources). */
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

/** Step 2: the one conversion the model explains. */
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

/**
 * Step 3: the channels in the model, each with its media input, paid or owned (an owned or earned
 * channel, such as email sends, has a volume and no spend: a contribution per unit, no ROI; its cost
 * per unit lets plans move it), and its data.
 */
export function TouchpointsStep({ model }: StepProps): React.ReactElement {
  const f = model.state.form;
  const metrics = metricChoices(model.state.data?.metrics ?? []);
  return (
    <table className="mm-table" aria-label="touchpoints">
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Media input</th>
          <th scope="col">Paid or owned</th>
          <th scope="col">Cost per unit</th>
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
                <Select
                  name={`${c} media input`}
                  value={t.metric}
                  options={metrics}
                  disabled={!t.include}
                  onChange={(metric) => put({ metric })}
                />
              </td>
              <td>
                <Select
                  name={`${c} paid or owned`}
                  value={t.paid}
                  options={PAID_CHOICES}
                  disabled={!t.include}
                  onChange={(paid) => put({ paid })}
                />
              </td>
              <td>
                <input
                  type="text"
                  inputMode="decimal"
                  size={6}
                  aria-label={`${c} cost per unit`}
                  title="What one unit of an owned channel's volume costs (a send, a post): plans then move it"
                  value={t.costPerUnit}
                  disabled={!t.include || t.paid !== 'owned'}
                  onChange={(e) => put({ costPerUnit: e.currentTarget.value })}
                />
              </td>
              <td>
                <Select
                  name={`${c} data`}
                  value={t.source}
                  options={SOURCES}
                  disabled={!t.include}
                  onChange={(source) => put({ source })}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Step 4: each factor of the data as not used, internal or external. */
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
