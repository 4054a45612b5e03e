import { formatAmount, formatNumber, formatPercent } from 'mixmodeler/dist/browser';
import type { ModelInsightsView } from 'mixmodeler-kernel/dist/action-protocol';
import * as React from 'react';
import type { ActionRunner } from '../actions/runner';
import { FigureHost } from '../figure-host';
import { Reasons } from '../ui/reasons';
import { SignalWidget } from '../ui/signal-widget';
import { figureTable } from './figure-table';
import { InsightsModel, type InsightsState } from './insights-model';

type Figure = ModelInsightsView['figures'][number];

const titleText = (fig: Figure): string => {
  const t = (fig.layout as { title?: unknown }).title;
  return typeof t === 'string'
    ? t
    : typeof (t as { text?: unknown })?.text === 'string'
      ? (t as { text: string }).text
      : 'Figure';
};

/** One figure of the insights under its own heading, with the table of its numbers beside it. */
function FigureSection({ figure, index }: { figure: Figure; index: number }): React.ReactElement {
  const title = titleText(figure);
  const table = React.useMemo(() => figureTable(figure), [figure]);
  const id = `mm-insight-${index}`;
  return (
    <section className="mm-insight-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <div className="mm-figure-beside">
        <FigureHost figure={figure} />
        {table && (
          <div className="mm-figure-table">
            <table className="mm-table" aria-label={`${title}: the numbers`}>
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
                {table.rows.map((r) => (
                  <tr key={r.key}>
                    <td>{r.key}</td>
                    {r.values.map((v, i) => (
                      <td key={i} className="mm-num">
                        {formatAmount(v, 2)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

/** The insights: status and fit, the advice, then every figure in its section. */
export function InsightsView({ model }: { model: InsightsModel }): React.ReactElement {
  const { view, error } = model.state;
  if (error) {
    return (
      <p className="mm-error" role="alert">
        Could not load the insights: {error}
      </p>
    );
  }
  if (!view) return <p className="mm-muted">Computing the insights in the kernel…</p>;
  const d = view.diagnostics;
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
      {view.figures.map((fig, i) => (
        <FigureSection key={i} figure={fig} index={i} />
      ))}
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
