import type { Plan } from 'mixmodeler';
import { tslabDisplay, type RawDisplay } from './display';
import { escapeHtml } from './figure-html';

const money = (v: number) => Math.round(v).toLocaleString('en-US');

/** A plan as an HTML table: current and planned spend, outcome, ROI and marginal ROI per channel. */
export function planHtml(plan: Plan, name = 'Plan'): string {
  const rows = Object.entries(plan.channels)
    .map(
      ([c, x]) =>
        `<tr><th scope="row">${escapeHtml(c)}</th><td>${money(x.current)}</td><td>${money(x.spend)}</td><td>${money(
          x.outcome,
        )}</td><td>${x.roi.toFixed(2)}</td><td>${x.marginalRoi.toFixed(2)}</td></tr>`,
    )
    .join('');
  const model = plan.model ? `model ${escapeHtml(plan.model.id)} v${plan.model.version}, ` : '';
  return [
    '<div class="mixmodeler-card" style="font-family:sans-serif;max-width:760px">',
    `<h3 style="margin:4px 0">${escapeHtml(name)}: ${plan.weeks} weeks, budget ${money(plan.budget)}</h3>`,
    `<p>${model}trained on ${escapeHtml(plan.modelWindow.from)} – ${escapeHtml(plan.modelWindow.to)}. `,
    `Expected media-driven outcome ${money(plan.expected.mean)} (90%: ${money(plan.expected.lower)} – ${money(plan.expected.upper)}), `,
    `vs ${money(plan.current.outcome)} at the current allocation.</p>`,
    '<table><thead><tr><th scope="col">channel</th><th scope="col">current spend</th><th scope="col">planned spend</th>',
    `<th scope="col">outcome</th><th scope="col">ROI</th><th scope="col">marginal ROI</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  ].join('');
}

/** Shows a plan in the notebook. */
export function showPlan(plan: Plan, name?: string, display?: RawDisplay): void {
  const out = display ?? tslabDisplay();
  out.raw('text/html', planHtml(plan, name));
}
