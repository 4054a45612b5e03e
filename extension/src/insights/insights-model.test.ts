import { geoFigures, geoTables, outcomeUnits, type GeoAnswers } from 'mixmodeler/dist/browser';
import type { ModelInsightsView } from 'mixmodeler-kernel/dist/action-protocol';
import { describe, expect, it } from 'vitest';
import { insightSections } from './insights-model';

const roi = (mean: number) => ({ mean, lower: mean * 0.8, upper: mean * 1.25 });
const cell = (r: number, spend: number) => ({ roi: roi(r), contribution: roi(r * spend), spend });
/** Two geos × two channels, as `insights --json` has them. */
const ANSWERS: GeoAnswers = {
  geos: {
    north: { channels: { tv: cell(2, 100), search: cell(1, 50) }, r2: 0.91, mape: 0.05 },
    south: { channels: { tv: cell(1.5, 300), search: cell(0.5, 20) }, r2: 0.84, mape: 0.08 },
  },
  geoSpread: {
    tv: { tau: 0.3, pooling: 0.4, geoRoiSpread: 0.2, centre: 1.6 },
    search: { tau: 0.2, pooling: 0.7, geoRoiSpread: 0.5, centre: 0.8 },
  },
};
const NATIONAL_FIGURE = {
  data: [{ type: 'bar', orientation: 'h', name: 'ROI', x: [1.6, 0.9], y: ['tv', 'search'] }],
  layout: { title: { text: 'ROI per channel (90% interval)' } },
};

/** An insights view as lib's modelInsightsView makes it (the figures and tables from lib itself). */
function view(geo: boolean, units = outcomeUnits('revenue')): ModelInsightsView {
  const g = geoFigures(ANSWERS, units);
  return {
    model: { id: 'm', name: 'm', version: 1 },
    units,
    status: 'success',
    reasons: [],
    advice: { heading: '', items: [] },
    window: { from: '2023-01-02', to: '2024-12-23' },
    diagnostics: {},
    channels: {},
    figures: [NATIONAL_FIGURE, ...(geo ? Object.values(g) : [])],
    figureNames: ['roi', ...(geo ? Object.keys(g) : [])],
    geo: geo ? { geos: ['north', 'south'], tables: geoTables(ANSWERS, units) } : null,
    fittedOn: geo ? null : 'the sum of 2 geos',
  };
}

describe('insightSections(view)', () => {
  it('national figures first; then the heatmap with each geo ROI and its interval beside it, the stacked contributions', () => {
    const s = insightSections(view(true));
    expect(s.national.map((f) => f.name)).toEqual(['roi']);
    expect(s.national[0]!.table?.rows).toEqual([
      ['tv', '1.60'],
      ['search', '0.90'],
    ]);
    expect(s.geo?.figures.map((f) => f.name)).toEqual(['geo-roi', 'geo-contributions']);
    const heat = s.geo!.figures[0]!;
    expect(heat.title).toBe('ROI per geo and channel');
    expect(heat.table?.headers).toEqual(['geo', 'tv', 'search']);
    expect(heat.table?.rows[1]).toEqual(['south', '1.50 (1.20–1.88)', '0.50 (0.40–0.63)']);
    // The stacked bars' own numbers: a row per geo, a column per channel.
    expect(s.geo!.figures[1]!.table?.rows).toEqual([
      ['north', '200', '50'],
      ['south', '450', '10'],
    ]);
    expect(s.geo!.tables.map((t) => t.caption)).toEqual([
      'Spread of effects across geos and how much pooling happened',
      'Fit per geo',
    ]);
    expect(s.geo!.intro).toMatch(/^Geo-level model on 2 geos \(north, south\)/);
    expect(s.fittedOn).toBeNull();
  });

  it('a count model: the heatmap and its table in cost per acquisition', () => {
    const s = insightSections(view(true, outcomeUnits('orders')));
    const heat = s.geo!.figures[0]!;
    expect(heat.title).toBe('Cost per order per geo and channel');
    expect(heat.table?.rows[0]).toEqual(['north', '0.50 (0.40–0.63)', '1 (0.80–1.25)']);
    expect(s.geo!.tables[0]!.headers[1]).toBe('national cost per order');
  });

  it('a national model of geo data: no geo section, and the panel says it was fitted on their sum', () => {
    const s = insightSections(view(false));
    expect(s.geo).toBeNull();
    expect(s.national).toHaveLength(1);
    expect(s.fittedOn).toBe('Fitted on the sum of 2 geos (the geo-level model is off for this model).');
  });
});
