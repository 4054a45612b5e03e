import {
  formatAmount,
  formatEfficiency,
  formatOutcome,
  formatPercent,
  formatSpend,
  mtaFigure,
  type MtaResult,
  type ScenarioComparison,
} from 'mixmodeler';
import { attributionHtml, type AttributionShown } from './attribution-card';
import { showFigure, tslabDisplay, type RawDisplay } from './display';
import { escapeHtml } from './figure-html';
import { card, htmlTable } from './html';

/**
 * MTA results side by side: per channel, the attributed conversions and share of each method; then
 * where a method says the events cannot separate intent from effect, its reasons.
 */
export function mtaHtml(results: MtaResult[], title = 'Multi-touch attribution'): string {
  const channels = [...new Set(results.flatMap((r) => Object.keys(r.channels)))].sort();
  const total = (r: MtaResult) => Object.values(r.channels).reduce((a, c) => a + c.conversions, 0);
  return card(
    title,
    htmlTable(
      'share of conversions by channel and method',
      ['channel', ...results.map((r) => r.method)],
      channels.map((c) => [c, ...results.map((r) => formatPercent(r.channels[c]?.share ?? 0))]),
    ),
    htmlTable(
      'conversions handed out and touches scored',
      ['method', 'conversions', 'touches'],
      results.map((r) => [r.method, formatAmount(total(r), 1), formatAmount(r.touches.length)]),
    ),
    ...results
      .filter((r) => r.reasons?.length)
      .map(
        (r) =>
          `<p>${escapeHtml(r.method)}: where the events cannot tell intent from effect</p>` +
          `<ul>${r.reasons!.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`,
      ),
  );
}

/**
 * Shows MTA results in the notebook: the table (HTML) and the shares figure. A workspace attribution
 * (`attributeWorkspace`, `attributeWorkspaceWith`) shows its engine, lookback and what it left out,
 * warnings and reasons too ({@link attributionHtml}).
 */
export function showMta(
  results: MtaResult | MtaResult[] | AttributionShown,
  title?: string,
  display?: RawDisplay,
): void {
  const out = display ?? tslabDisplay();
  if ('lookback' in results) {
    out.raw('text/html', attributionHtml(results, title));
    showFigure(mtaFigure([results.result]), out);
    return;
  }
  const list = Array.isArray(results) ? results : [results];
  out.raw('text/html', mtaHtml(list, title));
  showFigure(mtaFigure(list), out);
}

/**
 * Budget scenarios side by side: budget, expected outcome with its 90% interval, the plan's ROI (or cost
 * per acquisition for a count outcome), and spend per channel, in the comparison's units.
 */
export function scenariosHtml(cmp: ScenarioComparison, title = 'Scenarios'): string {
  const units = cmp.units;
  const channels = [...new Set(cmp.plans.flatMap((p) => Object.keys(p.plan.channels)))];
  const roi = units.efficiency === 'roi';
  return card(
    title,
    htmlTable(
      `expected media-driven ${units.conversion} per scenario (90% interval)`,
      ['scenario', 'budget', units.conversion, 'interval', roi ? 'ROI' : units.efficiencyLabel],
      cmp.table.map((r) => [
        r.name,
        formatSpend(r.budget, units),
        formatOutcome(r.outcome, units),
        `${formatOutcome(r.lower, units)} – ${formatOutcome(r.upper, units)}`,
        formatEfficiency(roi ? r.roi : r.roi > 0 ? 1 / r.roi : null, units),
      ]),
    ),
    htmlTable(
      'spend per channel',
      ['channel', ...cmp.plans.map((p) => p.name)],
      channels.map((c) => [c, ...cmp.plans.map((p) => formatSpend(p.plan.channels[c]?.spend ?? 0, units))]),
    ),
  );
}

/** Shows a scenario comparison in the notebook: the tables (HTML) and the comparison figure. */
export function showScenarios(cmp: ScenarioComparison, title?: string, display?: RawDisplay): void {
  const out = display ?? tslabDisplay();
  out.raw('text/html', scenariosHtml(cmp, title));
  showFigure(cmp.figure, out);
}
