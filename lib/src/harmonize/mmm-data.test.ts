import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { harmonizeDatasets } from './harmonize-datasets';
import { generateSample } from '../synth/sample';
import { fitMmm } from '../mmm/fit';
import { mmmDataFromHarmonized } from './mmm-data';
import { SAMPLE_MODEL } from '../../../tests/helpers/sample-workspace';

const sample = generateSample();
const h = harmonizeDatasets([
  { name: 'media', kind: 'summary', data: sample.summary },
  { name: 'sales', kind: 'conversions', data: sample.conversions },
  { name: 'factors', kind: 'factors', data: sample.factors },
]);
const mapping = {
  conversion: 'revenue',
  touchpoints: SAMPLE_MODEL.touchpoints,
  factors: { internal: ['holiday'], external: ['price'] },
};

describe('mmmDataFromHarmonized', () => {
  it('sample → harmonize → model data → fit recovers the sample truth within the interval for most channels', () => {
    const data = mmmDataFromHarmonized(h, mapping);
    expect(data.dates).toHaveLength(sample.conversions.length);
    expect(data.channels.map((c) => c.name)).toEqual(mapping.touchpoints.map((t) => t.channel));
    const fit = fitMmm(data, { lookback: 8 });
    const covered = fit.channels.filter(
      (c) => c.roi.lower <= sample.truth.roiLast2Years[c.name]! && sample.truth.roiLast2Years[c.name]! <= c.roi.upper,
    );
    expect(covered.length).toBeGreaterThanOrEqual(5);
    const tv = fit.channels.find((c) => c.name === 'tv')!;
    expect(Math.abs(tv.roi.mean / sample.truth.roiLast2Years['tv']! - 1)).toBeLessThan(0.2);
  });

  it('impressions as the media input keep ROI on spend', () => {
    const data = mmmDataFromHarmonized(h, { ...mapping, touchpoints: [{ channel: 'display', metric: 'impressions' }] });
    expect(data.channels[0]!.input[10]).toBeGreaterThan(data.channels[0]!.spend[10]!);
  });

  it('names a conversion, channel, metric or factor the harmonized data lack', () => {
    expect(() => mmmDataFromHarmonized(h, { ...mapping, conversion: 'leads' })).toThrow(ConfigError);
    expect(() => mmmDataFromHarmonized(h, { ...mapping, conversion: 'leads' })).toThrow(/conversion `leads`/);
    expect(() =>
      mmmDataFromHarmonized(h, { ...mapping, touchpoints: [{ channel: 'radio', metric: 'spend' }] }),
    ).toThrow(/channel `radio`/);
    expect(() => mmmDataFromHarmonized(h, { ...mapping, touchpoints: [{ channel: 'tv', metric: 'grps' }] })).toThrow(
      /metric `grps`/,
    );
    expect(() => mmmDataFromHarmonized(h, { ...mapping, factors: { external: ['competitor'] } })).toThrow(
      /factor `competitor`/,
    );
  });
});
