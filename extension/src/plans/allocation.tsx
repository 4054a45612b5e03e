import type { StoredPlan } from 'mixmodeler-kernel/dist/action-protocol';
import {
  formatEfficiency,
  formatInteger,
  formatOutcome,
  formatPercent,
  formatSpend,
  GENERIC_UNITS,
  planFigure,
  planGeoFigure,
  type OutcomeUnits,
} from 'mixmodeler/dist/browser';
import * as React from 'react';
import { FigureHost } from '../figure-host';
import { DataTable, type Column } from '../ui/data-table';
import {
  geoAllocationRows,
  allocationRows,
  heldRows,
  type AllocationRow,
  type GeoAllocationRow,
} from './allocation-rows';

export { allocationRows, geoAllocationRows, type AllocationRow, type GeoAllocationRow } from './allocation-rows';

/** A channel's efficiency in the outcome's units: ROI for revenue, spend per outcome (CPA) for counts. */
const efficiency = (roi: number, units: OutcomeUnits) =>
  formatEfficiency(units.efficiency === 'roi' ? roi : roi > 0 ? 1 / roi : null, units);

const signed = (v: number | null) => (v === null ? 'new' : `${v > 0 ? '+' : ''}${formatPercent(v, 0)}`);

/** The allocation table's columns in the outcome's units. */
export function allocationColumns(units: OutcomeUnits, weeks: number): Column<AllocationRow>[] {
  const e = units.efficiency === 'roi' ? 'ROI' : units.efficiencyLabel;
  return [
    {
      key: 'channel',
      header: 'Channel',
      cell: (r) => (r.beyondSeen ? <span className="mm-warning">{r.channel} ⚠</span> : r.channel),
    },
    { key: 'current', header: 'Current spend', cell: (r) => formatSpend(r.current, units), numeric: true },
    { key: 'planned', header: 'Planned spend', cell: (r) => formatSpend(r.planned, units), numeric: true },
    { key: 'change', header: 'Change', cell: (r) => signed(r.change), numeric: true },
    {
      key: 'perWeek',
      header: 'Planned a week (most seen)',
      cell: (r) =>
        `${formatSpend(r.planned / weeks, units)}${r.maxSeen === null ? '' : ` (${formatSpend(r.maxSeen, units)})`}`,
      numeric: true,
    },
    {
      key: 'outcome',
      header: `Expected ${units.conversion.replace(/[_-]+/g, ' ')}`,
      cell: (r) => formatOutcome(r.outcome, units),
      numeric: true,
    },
    { key: 'roi', header: e, cell: (r) => efficiency(r.roi, units), numeric: true },
    { key: 'marginalRoi', header: `Marginal ${e}`, cell: (r) => efficiency(r.marginalRoi, units), numeric: true },
  ];
}

/** The warnings a plan carries (lib adds one for each channel planned beyond the spend it was fitted on). */
export function planWarnings(plan: object): string[] {
  const w = (plan as { warnings?: unknown }).warnings;
  return Array.isArray(w)
    ? w.map((x) => (typeof x === 'string' ? x : String((x as { message?: unknown }).message ?? x)))
    : [];
}

/** A plan in full: its totals with the 90% interval, its warnings, the allocation table and figure. */
export function PlanDetails({
  plan,
  units = GENERIC_UNITS,
  onClose,
}: {
  plan: StoredPlan;
  units?: OutcomeUnits;
  onClose?: () => void;
}): React.ReactElement {
  const e = plan.expected;
  const warnings = planWarnings(plan);
  const held = heldRows(plan);
  const figure = React.useMemo(() => planFigure(plan), [plan]);
  const geoFigure = React.useMemo(() => planGeoFigure(plan), [plan]);
  const geoRows = geoAllocationRows(plan);
  return (
    <section className="mm-plan-details" aria-label={`plan ${plan.name}`}>
      <header className="mm-section-header">
        <h3>{plan.name}</h3>
        {onClose && (
          <button type="button" className="jp-Button" onClick={onClose} aria-label="Close the plan">
            Close
          </button>
        )}
      </header>
      <p>
        {plan.objective === 'max-outcome' ? 'Most outcome for the budget' : 'Least spend for the target'} over{' '}
        {plan.weeks} weeks, on model version {plan.modelVersion}: spend {formatSpend(plan.budget, units)} (now{' '}
        {formatSpend(plan.current.spend, units)}), expected media outcome{' '}
        <strong>{formatOutcome(e.mean, units)}</strong> (90% interval {formatOutcome(e.lower, units)}–
        {formatOutcome(e.upper, units)}; now {formatOutcome(plan.current.outcome, units)}).
      </p>
      {warnings.length > 0 && (
        <ul className="mm-warning" aria-label="plan warnings">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {held.length > 0 && (
        <ul aria-label="owned channels held at their volume">
          {held.map((h) => (
            <li key={h.channel}>
              {h.channel} (owned): held at {formatInteger(h.volume)} units, {formatOutcome(h.outcome, units)} —{' '}
              {h.reason}
            </li>
          ))}
        </ul>
      )}
      <div className="mm-figure-beside">
        <DataTable
          label="plan allocation"
          columns={allocationColumns(units, plan.weeks)}
          rows={allocationRows(plan)}
          rowKey={(r) => r.channel}
        />
        <FigureHost figure={figure} />
      </div>
      {geoRows.length > 0 && (
        <div className="mm-figure-beside">
          <DataTable
            label="plan allocation per geo"
            columns={[
              { key: 'geo', header: 'Geo', cell: (r: GeoAllocationRow) => r.geo },
              ...(allocationColumns(units, plan.weeks) as Column<GeoAllocationRow>[]),
            ]}
            rows={geoRows}
            rowKey={(r) => `${r.geo}/${r.channel}`}
          />
          {geoFigure && <FigureHost figure={geoFigure} />}
        </div>
      )}
    </section>
  );
}
