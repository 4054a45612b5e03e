import { describe, expect, it } from 'vitest';
import {
  fitGeoMmm,
  fitMmm,
  GEO_PANEL_SPEC,
  generateGeoPanel,
  geoAnswers,
  nationalSum,
  outcomeUnits,
  PLOTLY_MIME,
  withGeoNational,
  type StoredMmm,
} from 'mixmodeler';
import { geoInsightsHtml, showGeoInsights } from './geo-card';
import { showModel } from './model-card';

// A real geo-level fit on a small generated panel (3 geos x 104 weeks x 4 channels).
const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 3, weeks: 104, seed: 7 });
const byGeo = panel.geos.map((g) => g.data);
const config = { lookback: 8, adstock: 'geometric' as const, window: panel.window };
const geo = fitGeoMmm({ geos: panel.geos.map((g) => g.name), byGeo }, config);

/** A display that records what it was sent. */
function recorder() {
  const sent: { mime: string; data: unknown }[] = [];
  return { sent, display: { raw: (mime: string, data: unknown) => sent.push({ mime, data }) } };
}

describe('geo display', () => {
  it('geoInsightsHtml(fit) holds each geo ROI with its interval, the spread and pooling per channel, the fit per geo', () => {
    const html = geoInsightsHtml(geo, outcomeUnits('revenue'));
    expect(html).toContain('By geo: 3 geos');
    expect(html).toContain('<caption>ROI per geo and channel (90% interval)</caption>');
    const tv = geo.byGeo[1]!.channels['tv']!.roi;
    expect(html).toContain(`<th scope="row">geo02</th><td>${tv.mean.toFixed(2)} (${tv.lower.toFixed(2)}–`);
    expect(html).toContain('<caption>Spread of effects across geos and how much pooling happened</caption>');
    expect(html).toContain(`<th scope="row">tv</th><td>${geo.channels['tv']!.roi.mean.toFixed(2)}</td>`);
    expect(html).toContain(`<th scope="row">geo03</th><td>${geo.byGeo[2]!.r2.toFixed(3)}</td>`);
    // The same card from the insights' form of the answers (`insights --json` geos and geoSpread).
    expect(geoInsightsHtml(geoAnswers(geo), outcomeUnits('revenue'))).toBe(html);
  });

  it('geoInsightsHtml in a count outcome reads in cost per acquisition', () => {
    const html = geoInsightsHtml(geo, outcomeUnits('orders'));
    expect(html).toContain('<caption>cost per order per geo and channel (90% interval)</caption>');
    expect(html).toContain('<th scope="col">national cost per order</th>');
  });

  it('showGeoInsights sends the card, then the heatmap and the contributions per geo (plotly and HTML each)', () => {
    const { sent, display } = recorder();
    showGeoInsights(geo, undefined, undefined, display);
    expect(sent.map((s) => s.mime)).toEqual(['text/html', PLOTLY_MIME, 'text/html', PLOTLY_MIME, 'text/html']);
    const heat = sent[1]!.data as { data: { type: string; z: number[][] }[] };
    expect(heat.data[0]!.type).toBe('heatmap');
    expect(heat.data[0]!.z[0]![0]).toBe(geo.byGeo[0]!.channels[Object.keys(geo.channels)[0]!]!.roi.mean);
  });

  it('showModel(stored geo-level model) adds its regional answers after the national card and ROI figure', () => {
    const stored = withGeoNational(fitMmm(nationalSum(byGeo), config), geo);
    const { sent, display } = recorder();
    showModel(stored, 'Geo MMM', display);
    expect(sent.map((s) => s.mime)).toHaveLength(8);
    expect(String(sent[3]!.data)).toContain('By geo: 3 geos');
    const national = recorder();
    const { geo: _geo, ...rest } = stored;
    const sum: StoredMmm = { ...rest, fittedOn: 'the sum of 3 geos' };
    showModel(sum, 'Sum', national.display);
    expect(national.sent).toHaveLength(3);
    expect(String(national.sent[0]!.data)).toContain('Fitted on the sum of 3 geos (geo-level model off).');
  });
});
