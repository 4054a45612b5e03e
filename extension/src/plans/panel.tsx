import type { Contents } from '@jupyterlab/services';
import type { StoredPlan } from 'mixmodeler-kernel/dist/action-protocol';
import { formatEfficiency, formatInteger, outcomeUnits, PLANS_FOLDER } from 'mixmodeler/dist/browser';
import * as React from 'react';
import type { ActionRunner } from '../actions/runner';
import { FigureHost } from '../figure-host';
import type { ModelListModel } from '../models/model-list';
import { RadioGroup } from '../ui/choice';
import { DataTable } from '../ui/data-table';
import { Busy, Field, Problem, TextInput } from '../ui/field';
import { SignalWidget } from '../ui/signal-widget';
import { WORKSPACE_DIR } from '../workspace';
import { PlanDetails } from './allocation';
import { PlansList } from './plans-list';
import { BOUNDS_REASON, GEO_BOUNDS_REASON } from './plan-form';
import { PlansModel, type PlanPlace, type PlansState } from './plans-model';

interface ViewProps {
  model: PlansModel;
  models: ModelListModel;
}

/** The busy line of one place, shown there. */
function BusyAt({ model, place }: { model: PlansModel; place: PlanPlace }): React.ReactElement | null {
  const b = model.state.busy;
  return <Busy message={b && b.place === place ? b.message : null} />;
}

/** The error of one place, shown there. */
function ErrorAt({ model, place }: { model: PlansModel; place: PlanPlace }): React.ReactElement | null {
  return <Problem message={model.state.errors[place]} />;
}

function ModelPicker({ model, models }: ViewProps): React.ReactElement {
  const trained = models.state.rows.filter((r) => r.status === 'success' || r.status === 'training issue');
  return (
    <>
      <Field label="Model">
        <select aria-label="Model" value={model.state.modelId} onChange={(e) => void model.pick(e.currentTarget.value)}>
          <option value="">— pick a trained model —</option>
          {trained.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </Field>
      <BusyAt model={model} place="model" />
      <ErrorAt model={model} place="model" />
    </>
  );
}

/** A bounds table's column of typed multiples of current spend (`min` or `max`) for rows named `name`. */
function multipleColumn<R extends { name: string }>(
  key: 'min' | 'max',
  typed: (r: R) => { value: string; disabled?: boolean },
  onChange: (r: R, value: string) => void,
) {
  const word = key === 'min' ? 'lowest' : 'highest';
  return {
    key,
    header: key === 'min' ? 'Lowest (× current)' : 'Highest (× current)',
    cell: (r: R) => (
      <TextInput
        label={`${r.name} ${word} multiple`}
        size={5}
        inputMode="decimal"
        value={typed(r).value}
        disabled={typed(r).disabled}
        onChange={(value) => onChange(r, value)}
      />
    ),
  };
}

function BoundsTable({ model }: { model: PlansModel }): React.ReactElement {
  const ctx = model.state.context!;
  const bounds = model.state.form.bounds;
  const rows = Object.entries(ctx.channels).map(([name, current]) => ({ name, current }));
  // The most spend in one week of the training window (lib's plan context), where it gives it.
  const seen = (ctx as { maxSeen?: Record<string, number> }).maxSeen;
  return (
    <>
      <p className="mm-hint mm-bounds-reason">{BOUNDS_REASON}</p>
      <DataTable
        label="channel bounds"
        rows={rows}
        rowKey={(r) => r.name}
        columns={[
          { key: 'channel', header: 'Channel', cell: (r) => r.name },
          { key: 'current', header: 'Current spend', cell: (r) => formatInteger(r.current), numeric: true },
          ...(seen
            ? [
                {
                  key: 'seen',
                  header: 'Most in a week seen',
                  cell: (r: { name: string }) => formatInteger(seen[r.name]),
                  numeric: true,
                },
              ]
            : []),
          ...(['min', 'max'] as const).map((key) =>
            multipleColumn<(typeof rows)[number]>(
              key,
              (r) => ({ value: bounds[r.name]![key], disabled: bounds[r.name]!.locked }),
              (r, value) => model.changeBound(r.name, { [key]: value }),
            ),
          ),
          {
            key: 'locked',
            header: 'Keep as now',
            cell: (r) => (
              <input
                type="checkbox"
                aria-label={`${r.name} locked`}
                checked={bounds[r.name]!.locked}
                onChange={(e) => model.changeBound(r.name, { locked: e.currentTarget.checked })}
              />
            ),
          },
        ]}
      />
    </>
  );
}

/** On a geo-level model: each geo's bounds over its channels, as multiples of its current spend. */
function GeoBoundsTable({ model }: { model: PlansModel }): React.ReactElement | null {
  const geos = model.state.context?.geos;
  if (!geos) return null;
  const bounds = model.state.form.geoBounds;
  const rows = Object.entries(geos).map(([name, current]) => ({ name, current }));
  return (
    <>
      <p className="mm-hint mm-geo-bounds-reason">{GEO_BOUNDS_REASON}</p>
      <DataTable
        label="geo bounds"
        rows={rows}
        rowKey={(r) => r.name}
        columns={[
          { key: 'geo', header: 'Geo', cell: (r) => r.name },
          { key: 'current', header: 'Current spend', cell: (r) => formatInteger(r.current), numeric: true },
          ...(['min', 'max'] as const).map((key) =>
            multipleColumn<(typeof rows)[number]>(
              key,
              (r) => ({ value: bounds[r.name]![key] }),
              (r, value) => model.changeGeoBound(r.name, { [key]: value }),
            ),
          ),
        ]}
      />
    </>
  );
}

function PlanFormSection({ model }: { model: PlansModel }): React.ReactElement | null {
  const { context: ctx, form, busy } = model.state;
  if (!ctx) return null;
  const options = model.options;
  const problem = typeof options === 'string' ? options : null;
  return (
    <section aria-label="plan form">
      <RadioGroup
        legend="Objective"
        name="objective"
        value={form.objective}
        options={[
          ['budget', 'Maximize the outcome for a budget'],
          ['target', 'Reach a target outcome at the least spend'],
        ]}
        onChange={(objective) => model.change({ objective })}
      />
      <Field label={form.objective === 'budget' ? 'Budget' : 'Target outcome'}>
        <TextInput
          label="Amount"
          value={form.amount}
          inputMode="numeric"
          onChange={(amount) => model.change({ amount })}
        />
      </Field>
      <Field label="Plan period (weeks)">
        <TextInput
          label="Plan period in weeks"
          value={form.weeks}
          inputMode="numeric"
          onChange={(weeks) => model.change({ weeks })}
        />
      </Field>
      <Field label="Name" hint="Empty: a name from the model, the objective and the amount, never one already taken.">
        <TextInput label="Plan name" value={form.name} onChange={(name) => model.change({ name })} />
      </Field>
      <p className="mm-muted">
        Current spend over {ctx.weeks} weeks: {formatInteger(ctx.current.spend)}, for a media outcome of{' '}
        {formatInteger(ctx.current.outcome)}.
      </p>
      <BoundsTable model={model} />
      <GeoBoundsTable model={model} />
      <Problem message={problem} />
      <div className="mm-toolbar">
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept"
          disabled={!!problem || !!busy}
          onClick={() => void model.create()}
        >
          Create plan
        </button>
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          disabled={!!problem}
          onClick={() => model.addScenario()}
        >
          Add scenario
        </button>
      </div>
      <BusyAt model={model} place="create" />
      <ErrorAt model={model} place="create" />
      {model.state.notice && (
        <p className="mm-activity mm-plan-notice" role="status">
          {model.state.notice}
        </p>
      )}
    </section>
  );
}

function Scenarios({ model }: { model: PlansModel }): React.ReactElement | null {
  const { scenarios, comparison: c, busy } = model.state;
  const figure = c?.figure;
  if (scenarios.length === 0) return null;
  return (
    <section aria-label="scenarios">
      <h3>Scenarios</h3>
      <ol>
        {scenarios.map((s, i) => (
          <li key={s.name}>
            {s.name}{' '}
            <button
              type="button"
              className="jp-Button"
              aria-label={`Remove ${s.name}`}
              onClick={() => model.removeScenario(i)}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-mod-accept"
        disabled={scenarios.length < 2 || !!busy}
        onClick={() => void model.compare()}
      >
        Compare scenarios
      </button>
      <BusyAt model={model} place="compare" />
      <ErrorAt model={model} place="compare" />
      {c && (
        <div className="mm-figure-beside">
          <DataTable
            label="scenario comparison"
            rows={c.table}
            rowKey={(t) => t.name}
            columns={[
              { key: 'name', header: 'Scenario', cell: (t) => t.name },
              { key: 'budget', header: 'Budget', cell: (t) => formatInteger(t.budget), numeric: true },
              { key: 'outcome', header: 'Expected outcome', cell: (t) => formatInteger(t.outcome), numeric: true },
              {
                key: 'interval',
                header: '90% interval',
                cell: (t) => `${formatInteger(t.lower)} – ${formatInteger(t.upper)}`,
              },
              {
                key: 'roi',
                header: c.units.efficiency === 'roi' ? 'ROI' : c.units.efficiencyLabel,
                cell: (t) =>
                  formatEfficiency(c.units.efficiency === 'roi' ? t.roi : t.roi > 0 ? 1 / t.roi : null, c.units),
                numeric: true,
              },
            ]}
          />
          {figure && <FigureHost figure={figure} />}
          {c.geoFigure && <FigureHost figure={c.geoFigure} />}
        </div>
      )}
    </section>
  );
}

/** The plans and scenarios view. */
export function PlansView(props: ViewProps): React.ReactElement {
  const opened = props.model.state.opened;
  return (
    <div className="mm-plans-content">
      <h2 className="mm-title">Plans and scenarios</h2>
      <ModelPicker {...props} />
      <PlanFormSection model={props.model} />
      {opened && (
        <PlanDetails
          plan={opened}
          units={outcomeUnits(props.models.state.rows.find((r) => r.id === opened.modelId)?.conversion || 'outcome')}
          onClose={() => props.model.close()}
        />
      )}
      <Scenarios model={props.model} />
      <PlansList {...props} />
    </div>
  );
}

/**
 * The plans and scenarios panel: its state is a {@link PlansModel}; plans are made, renamed and
 * deleted by lib in the kernel session, and read from the store's files to be opened.
 */
export class PlansPanel extends SignalWidget<PlansState, PlansModel> {
  constructor(runner: ActionRunner, models: ModelListModel, contents: Contents.IManager) {
    const model = new PlansModel({
      run: (request) => runner.run(request),
      modelName: (id) => models.state.rows.find((r) => r.id === id)?.name ?? id,
      readPlan: async (id) => {
        const file = await contents.get(`${WORKSPACE_DIR}/${PLANS_FOLDER}/${id}.json`, {
          content: true,
          format: 'text',
          type: 'file',
        });
        return JSON.parse(String(file.content)) as StoredPlan;
      },
    });
    super(model, (m) => <PlansView model={m} models={models} />, 'mm-plans');
    models.changed.connect(() => this.update(), this);
    void model.loadPlans();
  }
}
