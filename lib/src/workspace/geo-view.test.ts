import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../format';
import { installGeoPanel } from '../../../tests/helpers/geo-workspace';
import { cliOn, tempDir } from '../../../tests/helpers/sample-workspace';
import { createModel } from './lifecycle';
import { modelInsightsView } from './views';

const ws = join(tempDir('mm-geo-view-'), 'ws');
const { panel, channels, summary } = installGeoPanel(ws);
const config = (extra: Record<string, unknown>) => ({
  name: `geo ${JSON.stringify(extra)}`,
  conversion: 'revenue',
  touchpoints: channels.map((channel) => ({ channel, metric: 'spend' as const })),
  adstock: 'geometric' as const,
  trainingWindow: panel.window,
  factors: { internal: ['holiday'], external: ['price'] },
  ...extra,
});

describe('the insights view of a geo-level model', () => {
  it('the harmonized geo panel lists each geo with its weeks, spend and population', () => {
    expect(summary.geos).toEqual(['geo01', 'geo02', 'geo03']);
    const g = panel.geos[1]!;
    expect(summary.geoTotals?.['geo02']?.periods).toBe(g.data.dates.length);
    const spend = g.data.channels.reduce((s, c) => s + c.spend.reduce((a, x) => a + Math.round(100 * x) / 100, 0), 0);
    expect(summary.geoTotals?.['geo02']?.spend).toBeCloseTo(spend, 4);
    expect(summary.population?.['geo02']).toBe(g.population);
  });

  it('modelInsightsView: national figures first, then the geo heatmap and contributions; the geo tables', async () => {
    const { id } = await createModel(ws, config({}));
    const view = modelInsightsView(ws, id);
    expect(view.figureNames.slice(-2)).toEqual(['geo-roi', 'geo-contributions']);
    expect(view.figureNames[0]).toBe('roi');
    const heat = view.figures[view.figureNames.indexOf('geo-roi')]!.data[0]!;
    expect(heat['y']).toEqual(['geo01', 'geo02', 'geo03']);
    expect(view.geo?.geos).toEqual(['geo01', 'geo02', 'geo03']);
    expect(view.geo?.tables.map((t) => t.caption)).toEqual([
      'ROI per geo and channel (90% interval)',
      'Spread of effects across geos and how much pooling happened',
      'Fit per geo',
    ]);
    // The spread table's national ROI is the view's national ROI (the same draws summed over geos).
    const spread = view.geo!.tables[1]!;
    for (const row of spread.rows) expect(row[1]).toBe(formatNumber(view.channels[row[0]!]!.efficiency.mean));
    expect(view.fittedOn).toBeNull();
    // `insights --figures` writes the geo figures too.
    const dir = join(ws, 'figures');
    const { cli } = cliOn(ws);
    expect((await cli('insights', id, '--figures', dir)).code).toBe(0);
    expect(existsSync(join(dir, 'geo-roi.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'geo-contributions.json'), 'utf8')).layout.barmode).toBe('stack');
  });

  it('a model of geo data fitted on their national sum (geoLevel false) has no geo section and says so', async () => {
    const { id } = await createModel(ws, config({ geoLevel: false }));
    const view = modelInsightsView(ws, id);
    expect(view.geo).toBeNull();
    expect(view.fittedOn).toBe('the sum of 3 geos');
    expect(view.figureNames).not.toContain('geo-roi');
  });
});
