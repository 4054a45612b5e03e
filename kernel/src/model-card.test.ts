import { describe, expect, it } from 'vitest';
import { confoundedCase, fitMmm, generateSynthetic, PLOTLY_MIME } from 'mixmodeler';
import { modelCardHtml, showModel } from './model-card';

const { data } = generateSynthetic(confoundedCase());
const fit = fitMmm(data, { lookback: 8 });

describe('modelCardHtml', () => {
  it('modelCardHtml(fit) shows status, reasons, diagnostics and one ROI row per channel', () => {
    const html = modelCardHtml(fit, 'Revenue <MMM>');
    expect(html).toContain('Revenue &#60;MMM&#62;');
    expect(html).toContain('training issue');
    expect(html).toContain('social: its spend moves with seasonality');
    expect(html).toContain('hold-out MAPE');
    expect(html.match(/<tr><th scope="row">/g)).toHaveLength(4);
  });

  it('showModel sends the card and the ROI figure with its HTML fallback', () => {
    const sent: string[] = [];
    showModel(fit, 'm', { raw: (mime) => sent.push(mime) });
    expect(sent).toEqual(['text/html', PLOTLY_MIME, 'text/html']);
  });
});
