import { formatInteger, formatNumber, type Plan } from 'mixmodeler';
import { tslabDisplay, type RawDisplay } from './display';
import { escapeHtml } from './figure-html';

/** A plan as an HTML table: current and planned spend, outcome, ROI and marginal ROI per channel. */
export function planHtml(plan: Plan, name = 'Plan'): string {
  const rows = Object.entries(plan.channels)
    .map(
      ([c, x]) =>
        `<tr><th scope="row">${escapeHtml(c)}</th><td>${formatInteger(x.current)}</td><td>${formatInteger(x.spend)}</td><td>${formatInteger(
          x.outcome,
        )}</td><td>${formatNumber(x.roi)}</td><td>${formatNumber(x.marginalRoi)}</td></tr>`,
    )
    .join('');
  const model = plan.model ? `model ${escapeHtml(plan.model.id)} v${plan.model.version}, ` : '';
  return [
    '<div class="mixmodeler-card" style="font-family:sans-serif;max-width:760px">',
    `<h3 style="margin:4px 0">${escapeHtml(name)}: ${plan.weeks} weeks, budget ${formatInteger(plan.budget)}</h3>`,
    `<p>${model}trained on ${escapeHtml(plan.modelWindow.from)} – ${escapeHtml(plan.modelWindow.to)}. `,
    `Expected media-driven outcome ${formatInteger(plan.expected.mean)} (90%: ${formatInteger(plan.expected.lower)} – ${formatInteger(plan.expected.upper)}), `,
    `vs ${formatInteger(plan.current.outcome)} at the current allocation.</p>`,
    '<table><thead><tr><th scope="col">channel</th><th scope="col">current spend</th><th scope="col">planned spend</th>',
    `<th scope="col">outcome</th><th scope="col">ROI</th><th scope="col">marginal ROI</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  ].join('');
}

/** Shows a plan in the notebook. */
export function showPlan(plan: Plan, name?: string, display?: RawDisplay): void {
  const out = display ?? tslabDisplay();
  out.raw('text/html', planHtml(plan, name));
}
