import {
  ENGINE_WORDS,
  formatAmount,
  formatNumber,
  formatPercent,
  lookbackInWords,
  type WorkspaceAttribution,
} from 'mixmodeler';
import { escapeHtml } from './figure-html';
import { card, htmlTable, para } from './html';

/** What an attribution needs to show itself: `attributeWorkspace`'s result, or `attributeWorkspaceWith`'s. */
export type AttributionShown = Pick<
  WorkspaceAttribution,
  'result' | 'lookback' | 'warning' | 'engine' | 'warnings' | 'model' | 'scaling'
> &
  Partial<Pick<WorkspaceAttribution, 'lookbackChosen'>>;

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
      `${r.method}, ${ENGINE_WORDS[att.engine]}` +
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
