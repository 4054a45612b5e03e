import { describe, expect, it } from 'vitest';
import { PLOTLY_MIME, adstockDecayFigure, geometricWeights } from 'mixmodeler';
import { showFigure } from './display';
import { FALLBACK_CLASS, escapeHtml, figureHtml } from './figure-html';

const fig = adstockDecayFigure([{ name: 'tv', weights: geometricWeights({ theta: 0.5, lMax: 3, normalize: false }) }]);

describe('showFigure', () => {
  it('showFigure(fig) sends the plotly MIME bundle, then an HTML fallback', () => {
    const sent: Array<[string, unknown]> = [];
    showFigure(fig, { raw: (mime, data) => sent.push([mime, data]) });
    showFigure(fig, { raw: (mime, data) => sent.push([mime, data]) });
    expect(sent.map((s) => s[0])).toEqual([PLOTLY_MIME, 'text/html', PLOTLY_MIME, 'text/html']);
    expect(sent[0]![1]).toEqual(fig);
    const first = sent[1]![1] as string;
    const second = sent[3]![1] as string;
    // plotly.js is embedded once per kernel process.
    expect(first.length).toBeGreaterThan(1_000_000);
    expect(second.length).toBeLessThan(10_000);
    expect(second).toContain(FALLBACK_CLASS);
  });
});

describe('figureHtml', () => {
  it('figureHtml cannot be closed early by a title holding </script>', () => {
    const evil = { data: [], layout: { title: { text: '</script><img src=x onerror=alert(1)>' } } };
    const html = figureHtml(evil, { inlinePlotly: false });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
  });

  it('escapeHtml escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
