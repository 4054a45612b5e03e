import { describe, expect, it } from 'vitest';
import { SAMPLE_MODEL } from '../../../tests/helpers/sample-workspace';
import { fitInputs, spendShareLabel, validateModelConfig } from './model-config';

describe('fitInputs(config)', () => {
  it('maps model.json to the engine: lookback, curves, window, priors by kind, spend share and the posterior switch', () => {
    const c = validateModelConfig({
      ...SAMPLE_MODEL,
      lookbackWeeks: 6,
      priors: [
        { channel: 'tv', roi: 2, sd: 0.5, source: 'experiment' },
        { channel: 'search', share: 0.1, sd: 0.05, source: 'stakeholder' },
      ],
      posterior: true,
      baseline: 'knots',
    });
    const { config, mapping } = fitInputs(c, { from: '2024-01-01', to: '2025-06-30' });
    expect(config).toMatchObject({
      lookback: 6,
      adstock: 'auto',
      saturation: 'hill',
      window: { from: '2024-01-01', to: '2025-06-30' },
      roiPriors: [{ channel: 'tv', roi: 2 }],
      sharePriors: [{ channel: 'search', share: 0.1 }],
      spendShare: true,
      posterior: true,
      baseline: 'knots',
    });
    expect(mapping.conversion).toBe('revenue');
    // Off by default: the MAP preview.
    expect(fitInputs(validateModelConfig(SAMPLE_MODEL)).config.posterior).toBeUndefined();
    expect(() => validateModelConfig({ ...SAMPLE_MODEL, posterior: 'yes' })).toThrow(
      /model.json: `posterior` must be true or false; got "yes"/,
    );
  });

  it("takes spendShare's sd and the separated channels' sd from model.json to the engine, and says them in words", () => {
    const ss = { sd: 0.5, separated: 1 };
    const c = validateModelConfig({ ...SAMPLE_MODEL, spendShare: ss });
    expect(fitInputs(c).config.spendShare).toEqual(ss);
    expect(spendShareLabel(c.spendShare)).toBe('on (sd 0.5; channels the data separate: sd 1)');
    expect(spendShareLabel({ sd: 0.3, sampledSpread: true })).toBe('on (sd 0.3; spread sampled)');
    expect(spendShareLabel(true)).toBe('on');
    expect(spendShareLabel(false)).toBe('off');
  });

  it('maps lift tests to the engine, and names a bad one by its field', () => {
    const test = { channel: 'tv', spend: 20_000, baseline: 10_000, weeks: 4, lift: 30_000, sd: 6000 };
    expect(fitInputs(validateModelConfig({ ...SAMPLE_MODEL, liftTests: [test] })).config.liftTests).toEqual([test]);
    expect(fitInputs(validateModelConfig(SAMPLE_MODEL)).config.liftTests).toBeUndefined();
    expect(() => validateModelConfig({ ...SAMPLE_MODEL, liftTests: [{ ...test, sd: 0 }] })).toThrow(
      /liftTests\[0\]\.sd/,
    );
  });
});
