import {
  DEFAULT_ADSTOCK,
  DEFAULT_SATURATION,
  formatEfficiency,
  formatNumber,
  formatPercent,
  trainingWindowLabel,
} from 'mixmodeler/dist/browser';
import type { ModelDetails } from 'mixmodeler-kernel/dist/action-protocol';
import * as React from 'react';
import { Reasons } from '../ui/reasons';

/** The details pop-up: status with reasons or error, config, versions, runs and ROI. */
export function DetailsView({ details }: { details: ModelDetails }): React.ReactElement {
  const m = details.model;
  const c = m.config;
  const units = details.units;
  const eLabel = units.efficiency === 'roi' ? 'ROI' : units.efficiencyLabel;
  return (
    <div className="mm-details">
      <p>
        <strong>Status:</strong> {m.status}
        {m.error ? ` — ${m.error}` : ''}
      </p>
      <Reasons reasons={m.reasons} />
      <p>{m.description}</p>
      <dl className="mm-dl">
        <dt>Conversion</dt>
        <dd>{c.conversion}</dd>
        <dt>Touchpoints</dt>
        <dd>
          {c.touchpoints
            .map((t) => `${t.channel} (${t.metric}, ${t.source}${t.paid === false ? ', owned' : ''})`)
            .join(', ')}
        </dd>
        <dt>Factors</dt>
        <dd>{[...c.factors.internal, ...c.factors.external].join(', ') || 'none'}</dd>
        <dt>Lookback</dt>
        <dd>{c.lookbackWeeks} weeks</dd>
        <dt>Curves</dt>
        <dd>
          {c.adstock ?? DEFAULT_ADSTOCK} adstock, {c.saturation ?? DEFAULT_SATURATION} saturation
        </dd>
        <dt>Training window</dt>
        <dd>{trainingWindowLabel(c.trainingWindow, ' to ')}</dd>
        <dt>Version</dt>
        <dd>
          {m.currentVersion ?? 'none'} of {m.versions.length}; scored through {m.scoredThrough ?? 'never'}
        </dd>
      </dl>
      {details.efficiency && (
        <table className="mm-table" aria-label={`${eLabel} per channel with 90% interval`}>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">{eLabel}</th>
              <th scope="col">90% interval</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(details.efficiency).map(([ch, r]) => {
              // An owned channel has no spend, so no ROI: its contribution per unit of volume instead.
              const u = details.perUnit?.[ch];
              return u ? (
                <tr key={ch}>
                  <td>{ch} (owned)</td>
                  <td>{formatNumber(u.mean, 3)} per unit</td>
                  <td>
                    {formatNumber(u.lower, 3)} – {formatNumber(u.upper, 3)} per unit
                  </td>
                </tr>
              ) : (
                <tr key={ch}>
                  <td>{ch}</td>
                  <td>{formatEfficiency(r.mean, units)}</td>
                  <td>
                    {formatEfficiency(r.lower, units)} – {formatEfficiency(r.upper, units)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {details.diagnostics && (
        <p>
          R² {formatNumber(details.diagnostics['r2'] ?? null, 3)} · NRMSE{' '}
          {formatNumber(details.diagnostics['nrmse'] ?? null, 3)} · MAPE{' '}
          {formatPercent(details.diagnostics['mape'] ?? null)}
        </p>
      )}
      <table className="mm-table" aria-label="run history">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {m.runs.map((r, i) => (
            <tr key={i}>
              <td>
                {r.kind}
                {r.version ? ` v${r.version}` : ''}
              </td>
              <td>{new Date(r.started).toLocaleString()}</td>
              <td>{r.error ? `${r.status}: ${r.error}` : r.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
