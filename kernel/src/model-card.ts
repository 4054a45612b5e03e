import { ADVICE_HEADING, formatInteger, formatNumber, formatPercent, roiFigure, type FittedMmm } from 'mixmodeler';
import { showFigure, tslabDisplay, type RawDisplay } from './display';
import { escapeHtml } from './figure-html';

const STATUS_COLOR: Record<string, string> = { success: '#1a7f37', 'training issue': '#b35900' };

/**
 * A fitted model as an HTML card: status with its reasons, diagnostics, and the ROI table with 90%
 * intervals. Every text from the model is escaped.
 */
export function modelCardHtml(fit: FittedMmm, name = 'MMM'): string {
  const d = fit.diagnostics;
  const reasons = fit.reasons.length
    ? `<ul>${fit.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`
    : '<p>No diagnostic warnings.</p>';
  const advice = fit.advice?.length
    ? `<p>${escapeHtml(ADVICE_HEADING)}</p><ul>${fit.advice.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>`
    : '';
  const rows = fit.channels
    .map(
      (c) =>
        `<tr><th scope="row">${escapeHtml(c.name)}</th><td>${formatNumber(c.roi.mean)}</td><td>${formatNumber(c.roi.lower)} – ${formatNumber(
          c.roi.upper,
        )}</td><td>${formatInteger(c.contribution.mean)}</td><td>${formatPercent(c.effectShare)}</td><td>${formatPercent(
          c.spendShare,
        )}</td></tr>`,
    )
    .join('');
  return [
    `<div class="mixmodeler-card" style="font-family:sans-serif;max-width:760px">`,
    `<h3 style="margin:4px 0">${escapeHtml(name)} <span style="color:${STATUS_COLOR[fit.status] ?? '#555'}">● ${escapeHtml(fit.status)}</span></h3>`,
    `<p>Window ${escapeHtml(fit.window.from)} – ${escapeHtml(fit.window.to)} · fitted in ${formatNumber(fit.fitSeconds, 2)} s · `,
    `R² ${formatNumber(d.r2, 3)} · NRMSE ${formatNumber(d.nrmse, 3)} · MAPE ${formatPercent(d.mape)} · hold-out MAPE ${formatPercent(d.holdoutMape)} · `,
    `DECOMP.RSSD ${formatNumber(d.decompRssd, 3)}</p>`,
    reasons,
    advice,
    `<table><caption>ROI per channel with 90% intervals</caption><thead><tr><th scope="col">channel</th><th scope="col">ROI</th>`,
    `<th scope="col">90% interval</th><th scope="col">contribution</th><th scope="col">effect share</th><th scope="col">spend share</th></tr></thead>`,
    `<tbody>${rows}</tbody></table></div>`,
  ].join('');
}

/** Shows a fitted model in the notebook: its card (HTML) and its ROI figure. */
export function showModel(fit: FittedMmm, name?: string, display?: RawDisplay): void {
  const out = display ?? tslabDisplay();
  out.raw('text/html', modelCardHtml(fit, name));
  showFigure(roiFigure(fit), out);
}
