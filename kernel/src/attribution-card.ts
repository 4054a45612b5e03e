import { formatAmount, formatNumber, formatPercent, type WorkspaceAttribution } from 'mixmodeler';
import { escapeHtml } from './figure-html';
import { card, htmlTable, para } from './html';

/** What an attribution needs to show itself: `attributeWorkspace`'s result, or `attributeWorkspaceWith`'s. */
export type AttributionShown = Pick<
  WorkspaceAttribution,
  'result' | 'lookback' | 'warning' | 'engine' | 'warnings' | 'model' | 'scaling'
> &
  Partial<Pick<WorkspaceAttribution, 'lookbackChosen'>>;

const ENGINES: Record<WorkspaceAttribution['engine'], string> = {
  memory: 'journeys built in memory',
  duckdb: 'journeys built out of core in DuckDB',
  spark: 'journeys built on Spark',
};

/** The lookback, how it was chosen, and what it left out, in words. */
function lookbackInWords(l: AttributionShown['lookback'], chosen?: 'auto' | 'fixed'): string {
  const share = l.touches > 0 ? l.outside / l.touches : 0;
  const how =
    chosen === 'auto'
      ? ' (chosen from the data: the days that cover 95% of the touch-to-conversion gaps)'
      : chosen === 'fixed'
        ? ' (fixed)'
        : '';
  return (
    `Lookback ${l.lookbackDays} days${how}: ${formatAmount(l.outside)} of ${formatAmount(l.touches)} touches before a ` +
    `conversion (${formatPercent(share)}) fall outside it and are left out; ${formatAmount(l.unattributed)} of ` +
    `${formatAmount(l.conversions)} conversions keep no touch within it.`
  );
}

/** A list of findings under a heading, escaped; nothing when there are none. */
const findings = (heading: string, items: readonly string[]) =>
  items.length ? `<p>${escapeHtml(heading)}</p><ul>${items.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : '';

/**
 * A workspace attribution as an HTML card: the method and the engine that built the journeys, the
 * lookback and what it left out, its warning when that is more than a small share, the findings in the
 * events that did not stop the run, where the method cannot separate intent from effect (its reasons),
 * and per channel the conversions and share (with a model: the factor that scales them to its
 * incremental contribution).
 */
export function attributionHtml(att: AttributionShown, title = 'Multi-touch attribution'): string {
  const r = att.result;
  const scaling = att.scaling;
  const head = ['channel', 'conversions', 'share', ...(scaling ? ['× factor', 'incremental (model)'] : [])];
  const rows = Object.entries(r.channels).map(([c, v]) => {
    const s = scaling?.[c];
    return [
      c,
      formatAmount(v.conversions, 1),
      formatPercent(v.share),
      ...(scaling ? [formatNumber(s?.factor), formatAmount(s?.mmmContribution)] : []),
    ];
  });
  return card(
    title,
    para(
      `${r.method}, ${ENGINES[att.engine]}` +
        (att.model ? `; scaled to model ${att.model.id} (version ${att.model.version})` : '') +
        '.',
    ),
    para(lookbackInWords(att.lookback, att.lookbackChosen)),
    att.warning ? `<p><strong>Warning:</strong> ${escapeHtml(att.warning)}</p>` : '',
    findings('Found in the events (the run went on):', att.warnings),
    findings('Where the events cannot tell intent from effect:', r.reasons ?? []),
    htmlTable('attributed conversions by channel', head, rows),
  );
}
