import { describe, expect, it } from 'vitest';
import { GEO_PANEL_SPEC, generateGeoPanel, generateSample, geoPanelRows, harmonizeDatasets } from 'mixmodeler';
import { harmonizeSummaryHtml, showHarmonizeSummary } from './summary-card';

const s = generateSample();
const h = harmonizeDatasets([
  { name: 'media<x>', kind: 'summary', data: s.summary },
  { name: 'sales', kind: 'conversions', data: s.conversions },
]);

describe('harmonizeSummaryHtml', () => {
  it('harmonizeSummaryHtml(summary) lists range, channels, sources and escapes names', () => {
    const html = harmonizeSummaryHtml(h.summary);
    expect(html).toContain('164 weeks, 2022-11-07 – 2025-12-22');
    expect(html).toContain('display, email, podcast, search, social, tv');
    expect(html).toContain('media&#60;x&#62;');
    expect(html).not.toContain('media<x>');
    expect(html).toContain('No conflicts between sources.');
  });

  it('harmonizeSummaryHtml(geo summary) lists each geo with its weeks, spend and population', () => {
    const rows = geoPanelRows(generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 2, weeks: 60, history: 0 }));
    const geo = harmonizeDatasets([
      { name: 'media', kind: 'summary', data: rows.summary },
      { name: 'sales', kind: 'conversions', data: rows.conversions },
      { name: 'population', kind: 'population', data: rows.population },
    ]).summary;
    const t = geo.geoTotals!['geo02']!;
    const html = harmonizeSummaryHtml(geo);
    expect(html).toContain(
      `geo02 (60 weeks, spend ${Math.round(t.spend!).toLocaleString('en-US')}, population ${geo.population!['geo02']!.toLocaleString('en-US')})`,
    );
    expect(harmonizeSummaryHtml(h.summary)).not.toContain('>geos<');
  });

  it('showHarmonizeSummary sends one HTML output', () => {
    const sent: string[] = [];
    showHarmonizeSummary(h.summary, { raw: (mime) => sent.push(mime) });
    expect(sent).toEqual(['text/html']);
  });
});
