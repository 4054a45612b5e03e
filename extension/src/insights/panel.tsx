import { formatNumber, formatPercent } from 'mixmodeler/dist/browser';
import * as React from 'react';
import type { ActionRunner } from '../actions/runner';
import { FigureHost } from '../figure-host';
import { Reasons } from '../ui/reasons';
import { SignalWidget } from '../ui/signal-widget';
import { InsightsModel, insightSections, type FigureItem, type InsightsState, type ShownTable } from './insights-model';

/** A table of text, first column as row headers, the others right-aligned numbers. */
function TextTableView({ table, label }: { table: ShownTable; label?: string }): React.ReactElement {
  return (
    <table className="mm-table" aria-label={label ?? table.caption}>
      <thead>
        <tr>
          {table.headers.map((h, i) => (
            <th key={i} scope="col" className={i > 0 ? 'mm-num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map(([key, ...cells], r) => (
          <tr key={r}>
            <th scope="row">{key}</th>
            {cells.map((v, i) => (
              <td key={i} className="mm-num">
                {v}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One figure of the insights under its own heading, with the table of its numbers beside it. */
function FigureSection({ item, index }: { item: FigureItem; index: number }): React.ReactElement {
  const id = `mm-insight-${index}`;
  return (
    <section className="mm-insight-section" aria-labelledby={id} data-figure={item.name}>
      <h3 id={id}>{item.title}</h3>
      <div className="mm-figure-beside">
        <FigureHost figure={item.figure} />
        {item.table && (
          <div className="mm-figure-table">
            <TextTableView table={item.table} label={`${item.title}: the numbers`} />
          </div>
        )}
      </div>
    </section>
  );
}

/** The insights: status and fit, the advice, every national figure in its section, then the geos'. */
export function InsightsView({ model }: { model: InsightsModel }): React.ReactElement {
  const { view, error } = model.state;
  const sections = React.useMemo(() => view && insightSections(view), [view]);
  if (error) {
    return (
      <p className="mm-error" role="alert">
        Could not load the insights: {error}
      </p>
    );
  }
  if (!view || !sections) return <p className="mm-muted">Computing the insights in the kernel…</p>;
  const d = view.diagnostics;
  const national = sections.national.length;
  return (
    <div className="mm-insights-content">
      <h2 className="mm-title">Insights: {view.model.name}</h2>
      <section aria-labelledby="mm-insight-status">
        <h3 id="mm-insight-status">Status and fit</h3>
        <p>
          <strong>Status:</strong> {view.status} · version {view.model.version} · window {view.window.from} to{' '}
          {view.window.to}
        </p>
        <Reasons reasons={view.reasons} />
        <p>
          R² {formatNumber(d['r2'], 3)} · NRMSE {formatNumber(d['nrmse'], 3)} · MAPE {formatPercent(d['mape'])} ·
          hold-out MAPE {formatPercent(d['holdoutMape'])}
        </p>
        {sections.fittedOn && <p>{sections.fittedOn}</p>}
      </section>
      {view.advice.items.length > 0 && (
        <section aria-labelledby="mm-insight-advice">
          <h3 id="mm-insight-advice">{view.advice.heading}</h3>
          <ul aria-label="experiment advice">
            {view.advice.items.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </section>
      )}
      {sections.national.map((item, i) => (
        <FigureSection key={item.name} item={item} index={i} />
      ))}
      {sections.geo && (
        <section className="mm-insight-geos" aria-labelledby="mm-insight-geos">
          <h3 id="mm-insight-geos">By geo</h3>
          <p>{sections.geo.intro}</p>
          {sections.geo.figures.map((item, i) => (
            <FigureSection key={item.name} item={item} index={national + i} />
          ))}
          {sections.geo.tables.map((t) => (
            <section key={t.caption} className="mm-insight-table" aria-label={t.caption}>
              <h4>{t.caption}</h4>
              <TextTableView table={t} />
            </section>
          ))}
        </section>
      )}
    </div>
  );
}

/** A trained model's insights panel; its state is an {@link InsightsModel}. */
export class InsightsPanel extends SignalWidget<InsightsState, InsightsModel> {
  constructor(runner: ActionRunner, modelId: string) {
    const model = new InsightsModel((r) => runner.run(r), modelId);
    super(model, (m) => <InsightsView model={m} />, 'mm-insights');
    void model.load();
  }
}
