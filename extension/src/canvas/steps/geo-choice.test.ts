import type { HarmonizeSummary, ModelConfig } from 'mixmodeler/dist/browser';
import { describe, expect, it } from 'vitest';
import { CanvasModel } from '../canvas-model';
import { formConfig, formProblem, initialForm, stepsFor } from '../form';
import { reviewSummary } from '../review';
import { geoRows } from './geo-choice';
import { harmonizeSummary } from '../../harmonize-summary.fixture';

/** A geo panel's harmonized data, as the canvas reads them from the manifest. */
const GEO_DATA = harmonizeSummary({
  periods: 112,
  to: '2024-12-23',
  geos: ['east', 'north', 'west'],
  population: { east: 2_000_000, north: 500_000, west: 1_250_000 },
  geoTotals: {
    east: { from: '2022-11-07', to: '2024-12-23', periods: 112, spend: 1_234_567.8 },
    north: { from: '2023-01-02', to: '2024-12-23', periods: 104, spend: 250_000 },
    west: { from: '2022-11-07', to: '2024-12-23', periods: 112, spend: 800_000 },
  },
});
const NATIONAL = { ...GEO_DATA, geos: undefined, population: undefined, geoTotals: undefined } as HarmonizeSummary;

const named = (data: HarmonizeSummary) => ({ ...initialForm(data), name: 'Geo MMM' });

describe('the canvas geo step', () => {
  it('stepsFor(data) shows the geo step after the data only when they have more than one geo', () => {
    expect(
      stepsFor(GEO_DATA)
        .map((s) => s.id)
        .slice(0, 3),
    ).toEqual(['data', 'geos', 'conversion']);
    expect(stepsFor(NATIONAL).map((s) => s.id)).not.toContain('geos');
    expect(stepsFor(NATIONAL)).toHaveLength(9);
    expect(stepsFor({ ...GEO_DATA, geos: ['only'] })).toHaveLength(9);
  });

  it('geoRows(data) lists each geo with its weeks, spend and population', () => {
    expect(geoRows(GEO_DATA)[1]).toEqual({
      geo: 'north',
      periods: 104,
      from: '2023-01-02',
      to: '2024-12-23',
      spend: 250_000,
      population: 500_000,
    });
    // Data harmonized before geoTotals: the geos without their totals.
    expect(geoRows({ ...GEO_DATA, geoTotals: undefined })[0]).toMatchObject({
      geo: 'east',
      periods: null,
      spend: null,
    });
  });

  it('by default the geo-level model on every geo: geoLevel true, no geos (all), and the Review says so', () => {
    const f = named(GEO_DATA);
    const c = formConfig(f);
    expect(c['geoLevel']).toBe(true);
    expect(c).not.toHaveProperty('geos');
    expect(formProblem(f, GEO_DATA)).toBeNull();
    const line = reviewSummary(f, GEO_DATA).find((l) => l.label === 'Geos');
    expect(line?.text).toMatch(/^geo-level model on all 3 geos/);
  });

  it('a subset lands in model.json `geos` in the data order; off is a national model on their sum', () => {
    const f = named(GEO_DATA);
    const sub = { ...f, geo: { level: false, geos: { east: false, north: true, west: true } } };
    expect(formConfig(sub)).toMatchObject({ geoLevel: false, geos: ['north', 'west'] });
    expect(reviewSummary(sub, GEO_DATA).find((l) => l.label === 'Geos')?.text).toBe(
      'off: one national model on the sum of 2 of 3 geos (north, west)',
    );
  });

  it('no geo chosen is a problem at the geo step; national data have no geo fields and no Geos line', () => {
    const f = named(GEO_DATA);
    const none = { ...f, geo: { level: true, geos: { east: false, north: false, west: false } } };
    expect(formProblem(none, GEO_DATA)).toEqual({ step: 'geos', message: 'pick at least one geo to model' });
    const n = named(NATIONAL);
    expect(formConfig(n)).not.toHaveProperty('geoLevel');
    expect(reviewSummary(n, NATIONAL).map((l) => l.label)).not.toContain('Geos');
  });

  it('editing a model keeps its geoLevel and geos; a geo the data gained since comes in unchecked', () => {
    const config: ModelConfig = {
      name: 'm',
      description: '',
      conversion: 'revenue',
      touchpoints: [{ channel: 'tv', metric: 'spend', source: 'summary' }],
      lookbackWeeks: 8,
      factors: { internal: [], external: [] },
      priors: [],
      spendShare: true,
      trainingWindow: 'last-2-years',
      schedule: { enabled: false, frequency: 'weekly' },
      geoLevel: false,
      geos: ['east', 'west'],
    };
    const f = initialForm(GEO_DATA, config);
    expect(f.geo).toEqual({ level: false, geos: { east: true, north: false, west: true } });
  });

  it('CanvasModel: Next walks data → geos → conversion on geo data, and the build sends the geo choice', async () => {
    const builds: Record<string, unknown>[] = [];
    const model = new CanvasModel({
      readSummary: async () => GEO_DATA,
      nameTaken: () => false,
      build: async (config) => {
        builds.push(config);
        return { ok: true, action: 'build', value: { id: 'm-1', name: 'Geo MMM', status: 'success' } };
      },
    });
    await model.load();
    model.move(1);
    expect(model.state.step).toBe('geos');
    model.move(1);
    expect(model.state.step).toBe('conversion');
    model.change({ name: 'Geo MMM', geo: { ...model.state.form.geo, geos: { east: true, north: false, west: true } } });
    // A second read of the data (Read again) keeps the choice.
    await model.load();
    expect(model.state.form.geo.geos['north']).toBe(false);
    await model.runBuild();
    expect(builds[0]).toMatchObject({ geoLevel: true, geos: ['east', 'west'] });
  });
});
