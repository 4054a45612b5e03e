import { describe, expect, it } from 'vitest';
import { CASES, confoundedCase, correlatedCase } from '../synth/cases';
import { generateSynthetic, type SynthSpec } from '../synth/generate';
import { fitMmm } from './fit';
import type { MmmConfig } from './spec';

// Accuracy on data generated with known truth, over six seeds per case (one dataset's median error
// is itself noisy). The bounds are what this engine reaches (bench/README.md has the table); where
// they are looser than the targets, the closing note of the MMM-engine issue says so.

const SEEDS = [1, 2, 3, 4, 5, 6];

function run(spec: SynthSpec, config: Partial<MmmConfig> = {}) {
  const { data, truth } = generateSynthetic(spec);
  const fit = fitMmm(data, { lookback: 8, ...config });
  const err = Object.fromEntries(fit.channels.map((c) => [c.name, Math.abs(c.roi.mean / truth.roi[c.name]! - 1)]));
  const errs = Object.values(err).sort((a, b) => a - b);
  const covered = fit.channels.filter((c) => c.roi.lower <= truth.roi[c.name]! && truth.roi[c.name]! <= c.roi.upper);
  return { fit, truth, err, median: errs[Math.floor((errs.length - 1) / 2)]!, covered };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const lift = { roiPriors: [{ channel: 'search', roi: 3, sd: 0.3, source: 'experiment' as const }] };

describe('fitMmm on synthetic data with known truth', () => {
  const clean = SEEDS.map((seed) => run({ ...CASES['clean']!, seed }));
  const realistic = SEEDS.map((seed) => run({ ...CASES['realistic']!, seed }));
  const confounded = SEEDS.map((seed) => run(confoundedCase(seed)));
  const correlated = SEEDS.map((seed) => run(correlatedCase(seed), lift));

  it('clean case (4 channels, 2% noise, spend unrelated to trend and season): median ROI error ≤ 15%, success but for wide intervals', () => {
    expect(median(clean.map((r) => r.median))).toBeLessThanOrEqual(0.15);
    // The only reason a clean fit may give is a channel whose 90% interval is wider than its ROI
    // (social, the smallest effect, on some seeds), and most fits give none.
    for (const r of clean) {
      for (const reason of r.fit.reasons) expect(reason).toMatch(/^\w+: its 90% ROI interval is wider than its ROI/);
    }
    expect(clean.filter((r) => r.fit.status === 'success').length).toBeGreaterThanOrEqual(SEEDS.length / 2);
  });

  it('realistic case (7 channels, 5% noise, confounders): median ROI error ≤ 30%, confounded channels named', () => {
    expect(median(realistic.map((r) => r.median))).toBeLessThanOrEqual(0.3);
    for (const r of realistic) {
      expect(r.fit.status).toBe('training issue');
      expect(r.fit.reasons.join('\n')).toMatch(/(search|social): its spend moves with seasonality/);
    }
  });

  it('a channel the data cannot separate from seasonality stays within 2×, is covered, and is reported', () => {
    let covered = 0;
    for (const r of confounded) {
      const social = r.fit.channels.find((c) => c.name === 'social')!;
      const truth = r.truth.roi['social']!;
      expect(Math.max(social.roi.mean / truth, truth / social.roi.mean)).toBeLessThan(2);
      if (social.roi.lower <= truth && truth <= social.roi.upper) covered++;
      expect(r.fit.status).toBe('training issue');
      expect(r.fit.reasons.join('\n')).toMatch(/social: its spend moves with seasonality \(R² (0\.9\d|1\.00)/);
    }
    expect(covered).toBeGreaterThanOrEqual(5);
  });

  it('two channels whose spend moves together, with a lift-test ROI prior on one: both within 25%', () => {
    for (const r of correlated) {
      expect(r.err['search']).toBeLessThanOrEqual(0.25);
      expect(r.err['social']).toBeLessThanOrEqual(0.25);
      // The lift test settles the pair, so their collinearity is no longer a training issue.
      expect(r.fit.reasons.join('\n')).not.toMatch(/(search|social): its spend moves with/);
    }
  });

  it('the 90% intervals cover the true ROI for at least 75% of channels across the cases', () => {
    const all = [...clean, ...realistic, ...confounded, ...correlated];
    const covered = all.reduce((s, r) => s + r.covered.length, 0);
    const total = all.reduce((s, r) => s + r.fit.channels.length, 0);
    expect(covered / total).toBeGreaterThanOrEqual(0.75);
  });

  it('a wrong mapping is caught: with spend series swapped between channels the ROI errors blow up', () => {
    const { data, truth } = generateSynthetic(CASES['clean']!);
    const inputs = data.channels.map((c) => c.input);
    const shuffled = {
      ...data,
      channels: data.channels.map((c, i) => ({ ...c, input: inputs[(i + 1) % 4]!, spend: inputs[(i + 1) % 4]! })),
    };
    const fit = fitMmm(shuffled, { lookback: 8 });
    const errs = fit.channels.map((c) => Math.abs(c.roi.mean / truth.roi[c.name]! - 1));
    expect(Math.max(...errs)).toBeGreaterThan(0.3);
  });
});
