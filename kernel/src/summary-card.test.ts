import { describe, expect, it } from 'vitest';
import { generateSample, harmonizeDatasets } from 'mixmodeler';
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

  it('showHarmonizeSummary sends one HTML output', () => {
    const sent: string[] = [];
    showHarmonizeSummary(h.summary, { raw: (mime) => sent.push(mime) });
    expect(sent).toEqual(['text/html']);
  });
});
