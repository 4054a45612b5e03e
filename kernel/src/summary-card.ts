import { formatAmount, type HarmonizeSummary } from 'mixmodeler';
import { tslabDisplay, type RawDisplay } from './display';
import { escapeHtml } from './figure-html';

const list = (xs: string[]) => (xs.length ? xs.map(escapeHtml).join(', ') : '—');

/** Each geo of geo data with its periods, spend and population where the summary has them. */
function geosHtml(s: HarmonizeSummary): string {
  const unit = s.grain === 'day' ? 'days' : 'weeks';
  return (s.geos ?? [])
    .map((g) => {
      const t = s.geoTotals?.[g];
      const pop = s.population?.[g];
      const parts = [
        ...(t ? [`${t.periods} ${unit}`, `spend ${formatAmount(t.spend)}`] : []),
        ...(pop === undefined ? [] : [`population ${formatAmount(pop)}`]),
      ];
      return escapeHtml(parts.length ? `${g} (${parts.join(', ')})` : g);
    })
    .join('; ');
}

/**
 * A harmonized dataset's summary as an HTML card: date range and grain, channels, geos (with their
 * weeks, spend and population), metrics, conversions, factors, row counts, sources, every resolved
 * conflict and every missing value.
 */
export function harmonizeSummaryHtml(s: HarmonizeSummary): string {
  const sources = s.sources
    .map(
      (x) =>
        `<tr><td>${escapeHtml(x.name)}</td><td>${escapeHtml(x.kind)}</td><td>${escapeHtml(x.source)}</td><td>${x.rows}</td></tr>`,
    )
    .join('');
  const conflicts = s.conflicts.length
    ? `<details><summary>${s.conflicts.length} conflict(s) resolved</summary><pre>${escapeHtml(
        s.conflicts.map((c) => JSON.stringify(c)).join('\n'),
      )}</pre></details>`
    : '<p>No conflicts between sources.</p>';
  const missing = [
    ...s.missing.conversions.map((m) => `conversion ${m.metric} on ${m.date}`),
    ...s.missing.factors.map((m) => `factor ${m.factor} on ${m.date}`),
  ];
  return [
    '<div class="mixmodeler-card" style="font-family:sans-serif;max-width:760px">',
    `<h3 style="margin:4px 0">Harmonized dataset: ${s.periods} ${escapeHtml(s.grain)}s, ${escapeHtml(s.from ?? '—')} – ${escapeHtml(s.to ?? '—')}</h3>`,
    '<table><tbody>',
    `<tr><th scope="row">channels</th><td>${list(s.channels)}</td></tr>`,
    s.geos ? `<tr><th scope="row">geos</th><td>${geosHtml(s)}</td></tr>` : '',
    `<tr><th scope="row">media metrics</th><td>${list(s.metrics)}</td></tr>`,
    `<tr><th scope="row">conversions</th><td>${list(s.conversions)}</td></tr>`,
    `<tr><th scope="row">factors</th><td>${list(s.factors)}</td></tr>`,
    `<tr><th scope="row">rows</th><td>media ${s.rows.media}, conversions ${s.rows.conversions}, factors ${s.rows.factors}</td></tr>`,
    '</tbody></table>',
    `<table><caption>sources</caption><thead><tr><th scope="col">dataset</th><th scope="col">kind</th><th scope="col">file</th><th scope="col">rows</th></tr></thead><tbody>${sources}</tbody></table>`,
    conflicts,
    missing.length
      ? `<p><strong>${missing.length} missing value(s)</strong> (left empty, never zero): ${escapeHtml(missing.slice(0, 20).join('; '))}${missing.length > 20 ? ' …' : ''}</p>`
      : '<p>No missing conversion or factor values.</p>',
    '</div>',
  ].join('');
}

/** Shows a harmonize summary in the notebook. */
export function showHarmonizeSummary(s: HarmonizeSummary, display?: RawDisplay): void {
  const out = display ?? tslabDisplay();
  out.raw('text/html', harmonizeSummaryHtml(s));
}
