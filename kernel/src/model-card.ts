import {
  ADVICE_HEADING,
  channelEfficiency,
  formatEfficiency,
  formatInteger,
  formatNumber,
  formatOutcome,
  formatPercent,
  GENERIC_UNITS,
  roiFigure,
  SHARE_LABELS,
  type FittedMmm,
  type OutcomeUnits,
  type StoredMmm,
} from 'mixmodeler';
import { showFigure, tslabDisplay, type RawDisplay } from './display';
import { escapeHtml } from './figure-html';
import { showGeoInsights } from './geo-card';

const STATUS_COLOR: Record<string, string> = { success: '#1a7f37', 'training issue': '#b35900' };

/**
 * A fitted model as an HTML card: status with its reasons, diagnostics, and the table of each channel's
 * efficiency with its 90% interval (ROI for revenue, cost per acquisition for a count such as orders),
 * contribution in the outcome's units, share of media effect and share of spend; owned and earned
 * channels (no spend) in a table of their own, per unit of volume. Every text from the model is escaped.
 *
 * @param units the outcome's units, e.g. `outcomeUnits('orders')` (default: an outcome judged by ROI)
 */
export function modelCardHtml(fit: FittedMmm, name = 'MMM', units: OutcomeUnits = GENERIC_UNITS): string {
  const d = fit.diagnostics;
  // Geo data fitted on their national sum say so.
  const fittedOn = (fit as StoredMmm).fittedOn;
  const reasons = fit.reasons.length
    ? `<ul>${fit.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`
    : '<p>No diagnostic warnings.</p>';
  const advice = fit.advice?.length
    ? `<p>${escapeHtml(ADVICE_HEADING)}</p><ul>${fit.advice.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>`
    : '';
  const rows = fit.channels
    .filter((c) => c.paid !== false)
    .map((c) => {
      const e = channelEfficiency(c.roi, units);
      return (
        `<tr><th scope="row">${escapeHtml(c.name)}</th><td>${formatEfficiency(e.mean, units)}</td>` +
        `<td>${formatEfficiency(e.lower, units)} – ${formatEfficiency(e.upper, units)}</td>` +
        `<td>${escapeHtml(formatOutcome(c.contribution.mean, units))}</td><td>${formatPercent(c.effectShare)}</td>` +
        `<td>${formatPercent(c.spendShare)}</td></tr>`
      );
    })
    .join('');
  const label = units.efficiency === 'roi' ? 'ROI' : units.efficiencyLabel;
  return [
    `<div class="mixmodeler-card" style="font-family:sans-serif;max-width:760px">`,
    `<h3 style="margin:4px 0">${escapeHtml(name)} <span style="color:${STATUS_COLOR[fit.status] ?? '#555'}">● ${escapeHtml(fit.status)}</span></h3>`,
    fittedOn ? `<p>Fitted on ${escapeHtml(fittedOn)} (geo-level model off).</p>` : '',
    `<p>Window ${escapeHtml(fit.window.from)} – ${escapeHtml(fit.window.to)} · fitted in ${formatNumber(fit.fitSeconds, 2)} s · `,
    `R² ${formatNumber(d.r2, 3)} · NRMSE ${formatNumber(d.nrmse, 3)} · MAPE ${formatPercent(d.mape)} · hold-out MAPE ${formatPercent(d.holdoutMape)} · `,
    `DECOMP.RSSD ${formatNumber(d.decompRssd, 3)}</p>`,
    reasons,
    advice,
    `<table><caption>${escapeHtml(label[0]!.toUpperCase() + label.slice(1))} per channel with 90% intervals</caption>`,
    `<thead><tr><th scope="col">channel</th><th scope="col">${escapeHtml(label)}</th>`,
    `<th scope="col">90% interval</th><th scope="col">contribution (${escapeHtml(units.conversion)})</th>`,
    `<th scope="col">${SHARE_LABELS.effect}</th><th scope="col">${SHARE_LABELS.spend}</th></tr></thead>`,
    `<tbody>${rows}</tbody></table>`,
    ownedTableHtml(fit, units),
    '</div>',
  ].join('');
}

/**
 * The owned and earned channels of a fit (no spend, so no ROI) as a table: contribution per unit of
 * volume with its 90% interval, volume, contribution and share of media effect; '' when there are none.
 */
function ownedTableHtml(fit: FittedMmm, units: OutcomeUnits): string {
  const owned = fit.channels.filter((c) => c.paid === false);
  if (!owned.length) return '';
  const rows = owned.map(
    (c) =>
      `<tr><th scope="row">${escapeHtml(c.name)} (owned)</th><td>${formatNumber(c.roi.mean, 3)}</td>` +
      `<td>${formatNumber(c.roi.lower, 3)} – ${formatNumber(c.roi.upper, 3)}</td><td>${formatInteger(c.volume)}</td>` +
      `<td>${escapeHtml(formatOutcome(c.contribution.mean, units))}</td><td>${formatPercent(c.effectShare)}</td></tr>`,
  );
  return [
    `<table><caption>Owned and earned channels: a volume and no spend, so contribution per unit, no ROI</caption>`,
    `<thead><tr><th scope="col">channel</th><th scope="col">contribution per unit</th><th scope="col">90% interval</th>`,
    `<th scope="col">volume</th><th scope="col">contribution (${escapeHtml(units.conversion)})</th>`,
    `<th scope="col">${SHARE_LABELS.effect}</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table>`,
  ].join('');
}

/**
 * Shows a fitted model in the notebook: its card (HTML) and its ROI (or cost-per-acquisition) figure;
 * for a stored geo-level model (`withGeoNational`) then its regional answers ({@link showGeoInsights}).
 *
 * @example showModel(fit, 'Orders MMM', undefined, outcomeUnits('orders'))
 */
export function showModel(fit: FittedMmm, name?: string, display?: RawDisplay, units?: OutcomeUnits): void {
  const out = display ?? tslabDisplay();
  out.raw('text/html', modelCardHtml(fit, name, units));
  showFigure(roiFigure(fit, undefined, units), out);
  const geo = (fit as StoredMmm).geo;
  if (geo) showGeoInsights(geo, units, undefined, out);
}
