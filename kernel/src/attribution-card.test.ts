import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attributeWorkspace, installSample, PLOTLY_MIME, type MtaResult } from 'mixmodeler';
import { attributionHtml } from './attribution-card';
import { mtaHtml, showMta } from './result-cards';

// The built-in sample's events, attributed in a real workspace.
const ws = join(mkdtempSync(join(tmpdir(), 'mm-attribution-card-')), 'ws');
installSample(ws);

describe('the mta display', () => {
  it('attributionHtml: engine, the lookback and what it left out, its warning, and the channels', () => {
    const short = attributeWorkspace(ws, { method: 'last', lookbackDays: 3 });
    const l = short.lookback;
    expect(l.outside).toBeGreaterThan(0);
    const html = attributionHtml(short);
    expect(html).toContain('last, journeys built in memory.');
    expect(html).toContain(
      `Lookback 3 days (fixed): ${l.outside.toLocaleString('en-US')} of ${l.touches.toLocaleString('en-US')} touches`,
    );
    // A 3-day lookback leaves out more than a small share: the warning names auto.
    expect(short.warning).toMatch(/auto/);
    expect(html).toContain('<strong>Warning:</strong>');
    for (const c of Object.keys(short.result.channels)) expect(html).toContain(`<th scope="row">${c}</th>`);
    // The automatic lookback keeps nearly every touch: no warning shown.
    const auto = attributeWorkspace(ws, { method: 'last', lookbackDays: 'auto' });
    expect(auto.warning).toBeNull();
    expect(attributionHtml(auto)).not.toContain('Warning:');
    expect(attributionHtml(auto)).toContain(
      `Lookback ${auto.lookback.lookbackDays} days (chosen from the data: the days that cover 95% of the touch-to-conversion gaps)`,
    );
  });

  it('showMta(workspace attribution) sends its card and figure; reasons and event findings are listed, escaped', () => {
    const att = attributeWorkspace(ws, { method: 'markov', lookbackDays: 'auto' });
    const noisy = {
      ...att,
      warnings: ['12 users have only conversions <none>'],
      result: { ...att.result, reasons: ['search reaches users by intent'] },
    };
    const sent: { mime: string; data: unknown }[] = [];
    showMta(noisy, 'Sample', { raw: (mime, data) => sent.push({ mime, data }) });
    expect(sent.map((s) => s.mime)).toEqual(['text/html', PLOTLY_MIME, 'text/html']);
    const html = String(sent[0]!.data);
    expect(html).toContain('12 users have only conversions &#60;none&#62;');
    expect(html).toContain('<li>search reaches users by intent</li>');
  });

  it('mtaHtml lists a method reasons under the side-by-side tables', () => {
    const r = (method: MtaResult['method'], reasons?: string[]): MtaResult => ({
      method,
      channels: { tv: { conversions: 1, share: 1 } },
      touches: [],
      ...(reasons ? { reasons } : {}),
    });
    const html = mtaHtml([r('last'), r('intent-factor', ['tv moves with intent'])]);
    expect(html).toContain('<p>intent-factor: where the events cannot tell intent from effect</p>');
    expect(html).toContain('<li>tv moves with intent</li>');
    expect(mtaHtml([r('last')])).not.toContain('cannot tell');
  });
});
