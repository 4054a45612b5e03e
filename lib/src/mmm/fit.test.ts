import { describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../errors';
import { CASES, confoundedCase } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { ADSTOCK_FAMILIES, SATURATION_FAMILIES } from '../transforms/families/registry';
import { fitMap, fitMmm } from './fit';
import { priorRows } from './problem';
import type { MmmConfig } from './spec';
import { transformFromJSON } from '../transforms/from-json';
import { responseCurve, scoreMmm } from './score';
import type { AdstockKind } from './spec';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

const { data, truth } = generateSynthetic(CASES['clean']!);
const fit = fitMmm(data, { lookback: 8 });

describe('fitMmm', () => {
  it('fitMmm trains on the last 2 years by default and carries over from the weeks before', () => {
    expect(fit.window).toEqual(truth.window);
    const noHistory = { ...data, dates: data.dates.slice(8), outcome: data.outcome.slice(8) };
    noHistory.channels = data.channels.map((c) => ({ ...c, input: c.input.slice(8), spend: c.spend.slice(8) }));
    const cold = fitMmm(noHistory, { lookback: 8, intervals: false });
    // Without the 8 weeks of history the first weeks lack carry-over, so the fit differs.
    expect(cold.channels[0]!.roi.mean).not.toBeCloseTo(fit.channels[0]!.roi.mean, 3);
  });

  it('fitMmm reports the diagnostics of DESIGN §2', () => {
    const d = fit.diagnostics;
    expect(d.r2).toBeGreaterThan(0.9);
    expect(d.mape).toBeLessThan(0.05);
    expect(d.holdoutMape).not.toBeNull();
    expect(d.holdoutMape!).toBeLessThan(0.06);
    expect(d.decompRssd).toBeGreaterThanOrEqual(0);
    expect(d.converged).toBe(true);
  });

  it('fitMmm is JSON: a round trip scores the same', () => {
    const back = JSON.parse(JSON.stringify(fit));
    expect(scoreMmm(back, data).predicted).toEqual(scoreMmm(fit, data).predicted);
  });

  it('fitMmm rejects a custom window shorter than a year, and names an unknown prior channel', () => {
    expect(() => fitMmm(data, { lookback: 8, window: { from: data.dates[20]!, to: data.dates[60]! } })).toThrow(
      InputError,
    );
    expect(() =>
      fitMmm(data, { lookback: 8, roiPriors: [{ channel: 'radio', roi: 1, sd: 0.1, source: 'experiment' }] }),
    ).toThrow(ConfigError);
    expect(() => fitMmm(data, { lookback: 60 })).toThrow(/`lookback` must be an integer in \[1, 52\]; got 60/);
  });

  it('an ROI prior from a lift test moves the estimate toward it', () => {
    const withPrior = fitMmm(data, {
      lookback: 8,
      intervals: false,
      roiPriors: [{ channel: 'social', roi: 4, sd: 0.05, source: 'experiment' }],
    });
    expect(withPrior.channels.find((c) => c.name === 'social')!.roi.mean).toBeCloseTo(4, 0);
    expect(withPrior.reasons.join(' ')).toMatch(
      /social: the data alone put its ROI at .* from the experiment prior 4 ± 0.05 \(prior–data conflict\)/,
    );
  });
});

describe('scoreMmm', () => {
  it('scoreMmm(fit, data) adds up: base + contributions = predicted, and ROI over the window matches the fit', () => {
    const s = scoreMmm(fit, data, fit.window);
    for (let t = 0; t < s.dates.length; t++) {
      const sum = s.base[t]! + Object.values(s.contributions).reduce((a, c) => a + c[t]!, 0);
      expect(sum).toBeCloseTo(s.predicted[t]!, 6);
    }
    for (const ch of fit.channels) expect(s.channels[ch.name]!.roi).toBeCloseTo(ch.roi.mean, 6);
  });

  it('scoreMmm scores weeks after training, and marginal ROI is below ROI on a concave curve', () => {
    const shortFit = fitMmm(
      { ...data },
      { lookback: 8, window: { from: data.dates[8]!, to: data.dates[100]! }, intervals: false },
    );
    const s = scoreMmm(shortFit, data, { from: data.dates[101]!, to: data.dates[111]! });
    expect(s.dates).toHaveLength(11);
    const err = s.predicted.reduce((a, p, i) => a + Math.abs(p / data.outcome[101 + i]! - 1), 0) / 11;
    expect(err).toBeLessThan(0.06);
    const search = s.channels['search']!;
    expect(search.marginalRoi).toBeLessThan(search.roi);
  });

  it('responseCurve is 0 at no spend, increasing, and its marginal ROI falls', () => {
    const pts = responseCurve(fit, data, 'tv', [0, 0.5, 1, 2, 3]);
    expect(pts[0]!.contribution).toBe(0);
    for (let i = 1; i < pts.length; i++) expect(pts[i]!.contribution).toBeGreaterThan(pts[i - 1]!.contribution);
    expect(pts[4]!.marginalRoi).toBeLessThan(pts[2]!.marginalRoi);
  });
});

describe('fitMmm options', () => {
  it('a contribution-share prior moves the channel share toward it', () => {
    const free = fit.channels.find((c) => c.name === 'display')!.share;
    const pinned = fitMmm(data, {
      lookback: 8,
      intervals: false,
      sharePriors: [{ channel: 'display', share: 0.15, sd: 0.005, source: 'other model' }],
    });
    const share = pinned.channels.find((c) => c.name === 'display')!.share;
    expect(Math.abs(share - 0.15)).toBeLessThan(Math.abs(free - 0.15) / 3);
  });

  // Every registered family, so a new one is fitted here without naming it.
  it.each(ADSTOCK_FAMILIES.map((f) => [f.name, f] as const))(
    'adstock %s fits the clean case with R² > 0.95',
    (_, a) => {
      const f = fitMmm(data, { lookback: 8, adstock: a.name, intervals: false });
      expect(f.diagnostics.r2).toBeGreaterThan(0.95);
      expect(f.channels[0]!.adstock.type).toBe(a.type);
    },
  );

  it.each(SATURATION_FAMILIES.map((f) => [f.name, f] as const))(
    'saturation %s fits the clean case with R² > 0.95',
    (_, s) => {
      const f = fitMmm(data, { lookback: 8, saturation: s.name, intervals: false });
      expect(f.diagnostics.r2).toBeGreaterThan(0.95);
      expect(f.channels[0]!.saturation.type).toBe(s.type);
    },
  );

  it('the spend-share prior off (spendShare: false) still fits, and the diagnostics report DECOMP.RSSD', () => {
    const f = fitMmm(data, { lookback: 8, spendShare: false, intervals: false });
    const rssd = Math.sqrt(f.channels.reduce((s, c) => s + (c.effectShare - c.spendShare) ** 2, 0));
    expect(f.diagnostics.decompRssd).toBeCloseTo(rssd, 10);
  });

  it('every model option is checked: a misspelt option, an unknown family or a bad value is named', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ spendshare: false }, /`spendshare` is not a model option \(known: lookback, window, adstock/],
      [
        { adstock: 'weibull' },
        /`adstock` must be one of geometric, delayed, weibull-cdf, weibull-pdf, auto; got "weibull"/,
      ],
      [{ saturation: 'hil' }, /`saturation` must be one of hill, logistic; got "hil"/],
      [{ seasonality: { period: 52, order: 0 } }, /`seasonality` must be false or \{ period > 1, order an integer/],
      [{ trend: 'yes' }, /`trend` must be true or false; got "yes"/],
      [{ holdout: -1 }, /`holdout` must be an integer ≥ 0/],
      [{ seed: 1.5 }, /`seed` must be an integer; got 1.5/],
    ];
    for (const [extra, message] of bad) {
      expect(() => fitMmm(data, { lookback: 8, ...extra })).toThrow(ConfigError);
      expect(() => fitMmm(data, { lookback: 8, ...extra })).toThrow(message);
    }
  });
});

describe('response-curve bands from the Laplace posterior', () => {
  const multipliers = [0, 0.5, 1, 1.5];

  it('contain the fitted curve, are 0 at no spend, agree with the ROI interval, and cover the true curve', () => {
    let covered = 0;
    let points = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const spec = { ...CASES['clean']!, seed };
      const { data: d, truth } = generateSynthetic(spec);
      const f = fitMmm(d, { lookback: 8 });
      // The same window scored with the generator's true curves.
      const trueFit = { ...f, channels: f.channels.map((c) => ({ ...c, ...truth.curves[c.name]! })) };
      for (const c of f.channels) {
        const curve = responseCurve(f, d, c.name, multipliers, { bands: true });
        expect(curve[0]).toMatchObject({ contribution: 0, lower: 0, upper: 0 });
        for (const p of curve) {
          expect(p.lower!).toBeLessThanOrEqual(p.contribution * (1 + 1e-9));
          expect(p.upper!).toBeGreaterThanOrEqual(p.contribution * (1 - 1e-9));
        }
        // At the window's spend the band and the delta-method interval measure the same uncertainty.
        const ratio = (curve[2]!.upper! - curve[2]!.lower!) / (c.contribution.upper - c.contribution.lower);
        expect(ratio).toBeGreaterThan(0.85);
        expect(ratio).toBeLessThan(1.2);
        responseCurve(trueFit, d, c.name, multipliers).forEach((t, i) => {
          if (i === 0) return;
          points++;
          if (curve[i]!.lower! <= t.contribution && t.contribution <= curve[i]!.upper!) covered++;
        });
      }
    }
    expect(covered / points).toBeGreaterThanOrEqual(0.75);
  });

  it('need a model fitted with intervals', () => {
    const f = fitMmm(data, { lookback: 8, intervals: false });
    expect(() => responseCurve(f, data, 'tv', multipliers, { bands: true })).toThrow(/holds no posterior/);
  });
});

describe('Weibull CDF adstock on data whose carry-over is Weibull CDF', () => {
  const shapes = [0.8, 1.5, 1, 2];
  const scales = [3, 1.5, 2, 2.5];
  const spec = (seed: number) => ({
    ...CASES['clean']!,
    seed,
    channels: CASES['clean']!.channels.map((c, i) => ({
      ...c,
      adstock: {
        type: 'weibull',
        params: { shape: shapes[i]!, scale: scales[i]!, lMax: 8, kind: 'cdf', normalize: true },
      },
    })),
  });
  const medianError = (adstock: AdstockKind) =>
    median(
      [1, 2, 3, 4].map((seed) => {
        const { data, truth } = generateSynthetic(spec(seed));
        const f = fitMmm(data, { lookback: 8, adstock, intervals: false });
        return median(f.channels.map((c) => Math.abs(c.roi.mean / truth.roi[c.name]! - 1)));
      }),
    );

  it('fitting the right family beats geometric adstock', () => {
    const right = medianError('weibull-cdf');
    expect(right).toBeLessThan(0.1);
    expect(right).toBeLessThan(0.75 * medianError('geometric'));
  });
});

describe("spendShare: 'learned' (the pooling's spread chosen by the evidence)", () => {
  // Equal true ROIs should be pooled hard, ROIs that differ eightfold barely; a fixed sd does neither.
  const chosen = (rois: number[]) =>
    [1, 2, 3].map((seed) => {
      const spec = {
        ...CASES['clean']!,
        seed,
        channels: CASES['clean']!.channels.map((c, i) => ({ ...c, roi: rois[i]! })),
      };
      return fitMmm(generateSynthetic(spec).data, { lookback: 8, spendShare: 'learned' }).diagnostics.spendShareSd!;
    });

  it('pools equal ROIs harder than ROIs that differ', () => {
    const equal = chosen([2, 2, 2, 2]);
    const spread = chosen([0.5, 4, 1, 3]);
    expect(Math.max(...equal)).toBeLessThanOrEqual(0.2);
    expect(Math.min(...spread)).toBeGreaterThanOrEqual(0.5);
  });

  it('is absent from a fit with a fixed sd', () => {
    const { data } = generateSynthetic(CASES['clean']!);
    expect(fitMmm(data, { lookback: 8 }).diagnostics.spendShareSd).toBeUndefined();
  });
});

describe('spendShare: { sd, separated } (only the channels the data cannot separate pooled at sd)', () => {
  const { data } = generateSynthetic(confoundedCase(1));
  /** Each channel's spend-share row's sd over the anchor (its target is anchor / sd = 1 / that). */
  const relSds = (config: Omit<MmmConfig, 'lookback'>) => {
    const { p, best } = fitMap(data, { lookback: 8, ...config });
    const rows = priorRows(p, best.z).filter((r) => r.label.endsWith('spend share'));
    return { p, sd: Object.fromEntries(rows.map((r) => [r.label.split(' ')[0], 1 / r.target])) };
  };

  it('holds the channel that follows the season at sd and lets the separated ones out to `separated`', () => {
    const { p, sd } = relSds({ spendShare: { sd: 0.5, separated: 1.5 } });
    expect(p.silent[p.channels.indexOf('social')]).toBe(true);
    expect(sd['social']).toBeCloseTo(0.5, 9);
    const free = p.channels.filter((_, c) => !p.silent[c]);
    expect(free.length).toBeGreaterThan(0);
    for (const name of free) expect(sd[name]).toBeCloseTo(1.5, 9);
  });

  it('pools every channel at sd without it', () => {
    const { p, sd } = relSds({ spendShare: { sd: 0.5 } });
    expect(p.silent.every(Boolean)).toBe(true);
    for (const name of p.channels) expect(sd[name]).toBeCloseTo(0.5, 9);
  });
});

describe("adstock: 'auto' (the default)", () => {
  // The clean case's channels with carry-over that peaks two weeks after the spend, and as generated.
  const delayedSpec = (seed: number) => ({
    ...CASES['clean']!,
    seed,
    channels: CASES['clean']!.channels.map((c) => ({
      ...c,
      adstock: { type: 'delayed', params: { theta: 0.5, delay: 2, lMax: 8, normalize: true } },
    })),
  });

  it.each([1, 2])('keeps delayed carry-over on data with a delay and geometric on data without (seed %i)', (seed) => {
    const late = fitMmm(generateSynthetic(delayedSpec(seed)).data, { lookback: 8 });
    expect(late.config.adstock).toBe('delayed');
    expect(late.diagnostics.adstockChoice!.map((c) => c.kind)).toEqual(['geometric', 'delayed']);
    const plain = fitMmm(generateSynthetic({ ...CASES['clean']!, seed }).data, { lookback: 8 });
    expect(plain.config.adstock).toBe('geometric');
  });

  it('is not tried when the config names a family', () => {
    const fit = fitMmm(generateSynthetic(delayedSpec(1)).data, { lookback: 8, adstock: 'geometric' });
    expect(fit.config.adstock).toBe('geometric');
    expect(fit.diagnostics.adstockChoice).toBeUndefined();
  });
});

describe('liftTests: a lift test as a likelihood term', () => {
  // A small channel (ROI 0.4 at 8,000 a week) that the data barely measure and the priors pull up.
  const spec = {
    ...CASES['clean']!,
    seed: 2,
    noise: 0.06,
    channels: CASES['clean']!.channels.map((c, i) => (i === 3 ? { ...c, roi: 0.4, meanSpend: 8000 } : c)),
  };
  const { data } = generateSynthetic(spec);
  const test = { channel: 'display', spend: 16_000, baseline: 8000, weeks: 6, lift: 15_000, sd: 3000 };
  /** The lift a fitted model predicts for the test: weeks · coefficient · (S(spend) − S(baseline)). */
  const predicted = (fit: ReturnType<typeof fitMmm>) => {
    const ch = fit.channels.find((c) => c.name === 'display')!;
    const s = transformFromJSON(ch.saturation);
    const at = (x: number) => s.apply(Float64Array.of(x / ch.inputMean))[0]!;
    return test.weeks * ch.coefficient * (at(test.spend) - at(test.baseline));
  };
  const without = fitMmm(data, { lookback: 8 });
  const withTest = fitMmm(data, { lookback: 8, liftTests: [test] });

  it('pulls the model to the measured lift, which it misses by far without the test', () => {
    expect(Math.abs(predicted(without) - test.lift)).toBeGreaterThan(3 * test.sd);
    expect(Math.abs(predicted(withTest) - test.lift)).toBeLessThan(2 * test.sd);
    const roi = (f: typeof without) => f.channels.find((c) => c.name === 'display')!.roi.mean;
    expect(roi(withTest)).toBeLessThan(roi(without));
  });

  it('is checked field by field', () => {
    expect(() => fitMmm(data, { lookback: 8, liftTests: [{ ...test, sd: 0 }] })).toThrow(/liftTests\[0\]` needs/);
    expect(() => fitMmm(data, { lookback: 8, liftTests: [{ ...test, channel: 'radio' }] })).toThrow(/radio/);
  });
});
