import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHarmonized } from '../harmonize/harmonized-store';
import { fitMmm } from '../mmm/fit';
import { mmmDataFromHarmonized } from '../harmonize/mmm-data';
import { installSample } from './install-sample';

describe('installSample', () => {
  it('installSample(ws) leaves a harmonized workspace a model trains on, events included', () => {
    const ws = mkdtempSync(join(tmpdir(), 'mm-sample-ws-'));
    const { summary } = installSample(ws);
    expect(summary.metrics).toEqual(expect.arrayContaining(['spend', 'touches', 'conversions']));
    expect(summary.missing.conversions).toEqual([]);
    const h = readHarmonized(ws)!;
    const data = mmmDataFromHarmonized(h, {
      conversion: 'revenue',
      touchpoints: summary.channels.map((channel) => ({ channel, metric: 'spend' })),
      factors: { internal: ['holiday'], external: ['price'] },
    });
    const fit = fitMmm(data, { lookback: 8, intervals: false });
    expect(fit.diagnostics.r2).toBeGreaterThan(0.8);
  });
});
