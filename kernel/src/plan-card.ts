import {
  formatInteger,
  formatNumber,
  formatOutcome,
  formatSpend,
  GENERIC_UNITS,
  planGeoFigure,
  type OutcomeUnits,
  type Plan,
} from 'mixmodeler';
import { showFigure, tslabDisplay, type RawDisplay } from './display';
import { htmlTable } from './html';
import { escapeHtml } from './figure-html';

/**
 * A plan as HTML: per channel current and planned spend, outcome, ROI and marginal ROI, and the bounds it
 * was held to with their reason; then every warning (a channel planned beyond the spend the model has
 * seen), and the owned channels it holds at their volume. Amounts are in the outcome's units; every text is escaped.
 *
 * @param units the outcome's units, e.g. `outcomeUnits('orders')` (default: an outcome judged by ROI)
 */
export function planHtml(plan: Plan, name = 'Plan', units: OutcomeUnits = GENERIC_UNITS): string {
  const spend = (v: number) => escapeHtml(formatSpend(v, units));
  const rows = Object.entries(plan.channels)
    .map(([c, x]) => {
      // Plans stored before bounds were recorded have none.
      const b = plan.bounds?.[c];
      const bounds = b ? `${spend(b.min)} – ${spend(b.max)}: ${escapeHtml(b.reason)}` : '—';
      return (
        `<tr><th scope="row">${escapeHtml(c)}</th><td>${spend(x.current)}</td><td>${spend(x.spend)}${x.beyondSeen ? ' ⚠' : ''}</td>` +
        `<td>${escapeHtml(formatOutcome(x.outcome, units))}</td><td>${formatNumber(x.roi)}</td><td>${formatNumber(x.marginalRoi)}</td>` +
        `<td>${bounds}</td></tr>`
      );
    })
    .join('');
  const model = plan.model ? `model ${escapeHtml(plan.model.id)} v${plan.model.version}, ` : '';
  const warnings = plan.warnings?.length
    ? `<p role="alert"><strong>Warnings</strong></p><ul>${plan.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
    : '';
  const outcome = (v: number) => escapeHtml(formatOutcome(v, units));
  return [
    '<div class="mixmodeler-card" style="font-family:sans-serif;max-width:960px">',
    `<h3 style="margin:4px 0">${escapeHtml(name)}: ${plan.weeks} weeks, budget ${spend(plan.budget)}</h3>`,
    `<p>${model}trained on ${escapeHtml(plan.modelWindow.from)} – ${escapeHtml(plan.modelWindow.to)}. `,
    `Expected media-driven ${escapeHtml(units.conversion)} ${outcome(plan.expected.mean)} (90%: ${outcome(plan.expected.lower)} – ${outcome(plan.expected.upper)}), `,
    `vs ${outcome(plan.current.outcome)} at the current allocation.</p>`,
    warnings,
    '<table><thead><tr><th scope="col">channel</th><th scope="col">current spend</th><th scope="col">planned spend</th>',
    `<th scope="col">${escapeHtml(units.conversion)}</th><th scope="col">ROI</th><th scope="col">marginal ROI</th>`,
    `<th scope="col">bounds (why)</th></tr></thead><tbody>${rows}</tbody></table>`,
    heldHtml(plan, outcome),
    geoPlanHtml(plan, units),
    '</div>',
  ].join('');
}

/** The owned channels a plan holds at their volume (no cost per unit), one line each; '' when none. */
function heldHtml(plan: Plan, outcome: (v: number) => string): string {
  const held = Object.entries(plan.held ?? {});
  if (!held.length) return '';
  const items = held.map(
    ([c, h]) =>
      `<li>${escapeHtml(c)}: ${formatInteger(h.volume)} units, ${outcome(h.outcome)} (${escapeHtml(h.reason)})</li>`,
  );
  return `<p>Owned channels held at their volume, outside the budget:</p><ul>${items.join('')}</ul>`;
}

/**
 * A geo plan's cells as HTML tables: each geo's total (current, planned, outcome, its bounds and why), then
 * each geo × channel cell (current, planned, outcome, ROI, marginal ROI, its bounds and why); '' for a
 * national plan.
 */
export function geoPlanHtml(plan: Plan, units: OutcomeUnits = GENERIC_UNITS): string {
  if (!plan.byGeo) return '';
  const spend = (v: number) => formatSpend(v, units);
  const bound = (b: { min: number; max: number; reason: string } | undefined) =>
    b ? `${spend(b.min)} – ${spend(b.max)}: ${b.reason}` : null;
  const geos = Object.entries(plan.byGeo);
  const totals = geos.map(([g, cells]) => {
    const xs = Object.values(cells);
    const sum = (k: 'current' | 'spend' | 'outcome') => xs.reduce((s, x) => s + x[k], 0);
    return [
      g,
      spend(sum('current')),
      spend(sum('spend')),
      formatOutcome(sum('outcome'), units),
      bound(plan.geoBounds?.[g]),
    ];
  });
  const rows = geos.flatMap(([g, cells]) =>
    Object.entries(cells).map(([c, x]) => [
      `${g} / ${c}`,
      spend(x.current),
      `${spend(x.spend)}${x.beyondSeen ? ' ⚠' : ''}`,
      formatOutcome(x.outcome, units),
      formatNumber(x.roi),
      formatNumber(x.marginalRoi),
      bound(plan.cellBounds?.[g]?.[c]),
    ]),
  );
  const conversion = units.conversion;
  return (
    htmlTable('Per geo', ['geo', 'current spend', 'planned spend', conversion, 'bounds (why)'], totals) +
    htmlTable(
      'Per geo and channel',
      ['geo / channel', 'current spend', 'planned spend', conversion, 'ROI', 'marginal ROI', 'bounds (why)'],
      rows,
    )
  );
}

/** Shows a plan in the notebook: the card, and for a geo plan the change per geo × channel as a heatmap. */
export function showPlan(plan: Plan, name?: string, display?: RawDisplay, units?: OutcomeUnits): void {
  const out = display ?? tslabDisplay();
  out.raw('text/html', planHtml(plan, name, units));
  const geo = planGeoFigure(plan);
  if (geo) showFigure(geo, out);
}
