import { describe, expect, it } from 'vitest';
import {
  ADVICE_HEADING,
  confoundedCase,
  fitMmm,
  generateSynthetic,
  outcomeUnits,
  ownedCase,
  PLOTLY_MIME,
} from 'mixmodeler';
import { escapeHtml } from './figure-html';
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

  it('modelCardHtml lists the experiment advice under its heading, escaped, and nothing without advice', () => {
    const advised = { ...fit, advice: ['tv: ROI 2.00 ± 30% (1 sd), <b>test</b>'] };
    const html = modelCardHtml(advised);
    expect(html).toContain(escapeHtml(ADVICE_HEADING));
    expect(html).toContain('<li>tv: ROI 2.00 ± 30% (1 sd), &#60;b&#62;test&#60;/b&#62;</li>');
    expect(modelCardHtml({ ...fit, advice: [] })).not.toContain(escapeHtml(ADVICE_HEADING));
    expect(modelCardHtml({ ...fit, advice: undefined })).not.toContain(escapeHtml(ADVICE_HEADING));
  });

  it('modelCardHtml(fit, name, outcomeUnits("orders")) reads in cost per order and orders, shares named', () => {
    const html = modelCardHtml(fit, 'Orders', outcomeUnits('orders', { currency: 'EUR' }));
    expect(html).toContain('<caption>Cost per order per channel with 90% intervals</caption>');
    expect(html).toContain('<th scope="col">share of media effect</th><th scope="col">share of spend</th>');
    const tv = fit.channels.find((c) => c.name === 'tv')!;
    const cpa = (1 / tv.roi.mean).toFixed(2);
    expect(html).toContain(`<tr><th scope="row">tv</th><td>€${cpa}</td>`);
    expect(html).toMatch(/<td>[\d,]+ orders<\/td>/);
    expect(modelCardHtml(fit)).toContain('<th scope="col">ROI</th>');
  });

  it('showModel sends the card and the ROI figure with its HTML fallback', () => {
    const sent: string[] = [];
    showModel(fit, 'm', { raw: (mime) => sent.push(mime) });
    expect(sent).toEqual(['text/html', PLOTLY_MIME, 'text/html']);
  });

  it('modelCardHtml(fit) shows an owned channel in its own table, per unit of volume, never in the ROI table', () => {
    const owned = fitMmm(generateSynthetic(ownedCase(1)).data, { lookback: 8 });
    const html = modelCardHtml(owned);
    const [before, ownedTable] = html.split('Owned and earned channels');
    expect(ownedTable).toBeDefined();
    const roiTable = before!.slice(before!.indexOf('<table>'));
    expect(roiTable.match(/<tr><th scope="row">/g)).toHaveLength(3);
    expect(roiTable).not.toContain('email');
    const email = owned.channels.find((c) => c.name === 'email')!;
    expect(ownedTable).toContain(`<tr><th scope="row">email (owned)</th><td>${email.roi.mean.toFixed(3)}</td>`);
    expect(ownedTable).toContain('contribution per unit');
    expect(modelCardHtml(fit)).not.toContain('Owned and earned channels');
  });
});
