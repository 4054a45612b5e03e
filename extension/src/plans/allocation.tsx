import type { StoredPlan } from 'mixmodeler-kernel/dist/action-protocol';
import { formatInteger, formatNumber, formatPercent, planFigure } from 'mixmodeler/dist/browser';
import * as React from 'react';
import { FigureHost } from '../figure-host';
import { DataTable, type Column } from '../ui/data-table';

/** One channel of a plan, as the allocation table shows it. */
export interface AllocationRow {
  channel: string;
  current: number;
  planned: number;
  /** Planned over current, minus one; null when there is no current spend. */
  change: number | null;
  outcome: number;
  roi: number;
  marginalRoi: number;
}

/** The rows of a plan's allocation table, in the plan's channel order. */
export function allocationRows(plan: Pick<StoredPlan, 'channels'>): AllocationRow[] {
  return Object.entries(plan.channels).map(([channel, c]) => ({
    channel,
    current: c.current,
    planned: c.spend,
    change: c.current > 0 ? c.spend / c.current - 1 : null,
    outcome: c.outcome,
    roi: c.roi,
    marginalRoi: c.marginalRoi,
  }));
}

const signed = (v: number | null) => (v === null ? 'new' : `${v > 0 ? '+' : ''}${formatPercent(v, 0)}`);

const COLUMNS: Column<AllocationRow>[] = [
  { key: 'channel', header: 'Channel', cell: (r) => r.channel },
  { key: 'current', header: 'Current spend', cell: (r) => formatInteger(r.current), numeric: true },
  { key: 'planned', header: 'Planned spend', cell: (r) => formatInteger(r.planned), numeric: true },
  { key: 'change', header: 'Change', cell: (r) => signed(r.change), numeric: true },
  { key: 'outcome', header: 'Expected outcome', cell: (r) => formatInteger(r.outcome), numeric: true },
  { key: 'roi', header: 'ROI', cell: (r) => formatNumber(r.roi), numeric: true },
  { key: 'marginalRoi', header: 'Marginal ROI', cell: (r) => formatNumber(r.marginalRoi), numeric: true },
];

/** The warnings a plan carries (lib adds one for each channel planned beyond the spend it was fitted on). */
export function planWarnings(plan: object): string[] {
  const w = (plan as { warnings?: unknown }).warnings;
  return Array.isArray(w)
    ? w.map((x) => (typeof x === 'string' ? x : String((x as { message?: unknown }).message ?? x)))
    : [];
}

/** A plan in full: its totals with the 90% interval, its warnings, the allocation table and figure. */
export function PlanDetails({ plan, onClose }: { plan: StoredPlan; onClose?: () => void }): React.ReactElement {
  const e = plan.expected;
  const warnings = planWarnings(plan);
  const figure = React.useMemo(() => planFigure(plan), [plan]);
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
        {plan.weeks} weeks, on model version {plan.modelVersion}: spend {formatInteger(plan.budget)} (now{' '}
        {formatInteger(plan.current.spend)}), expected media outcome <strong>{formatInteger(e.mean)}</strong> (90%
        interval {formatInteger(e.lower)}–{formatInteger(e.upper)}; now {formatInteger(plan.current.outcome)}).
      </p>
      {warnings.length > 0 && (
        <ul className="mm-warning" aria-label="plan warnings">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      <div className="mm-figure-beside">
        <DataTable label="plan allocation" columns={COLUMNS} rows={allocationRows(plan)} rowKey={(r) => r.channel} />
        <FigureHost figure={figure} />
      </div>
    </section>
  );
}
