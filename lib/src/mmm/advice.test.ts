import { describe, expect, it } from 'vitest';
import { CASES } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { fitMmm } from './fit';
import type { MmmConfig } from './spec';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const named = (advice: string[], channel: string) => advice.some((a) => a.startsWith(`${channel}: `));

function run(name: 'clean' | 'realistic', seed: number, config: Partial<MmmConfig> = {}) {
  const { data, truth } = generateSynthetic({ ...CASES[name]!, seed });
  const fit = fitMmm(data, { lookback: 8, ...config });
  return { fit, truth };
}

describe('experiment advice: channels whose ROI the data leave uncertain', () => {
  const clean = [1, 2, 3, 4, 5, 6, 7, 8].map((s) => run('clean', s));
  const realistic = [1, 2, 3, 4].map((s) => run('realistic', s));

  it('names the channels that are in fact off: their errors are larger than the others’', () => {
    const advised: number[] = [];
    const rest: number[] = [];
    for (const { fit, truth } of [...clean, ...realistic]) {
      for (const c of fit.channels) {
        const err = Math.abs(c.roi.mean / truth.roi[c.name]! - 1);
        (named(fit.advice!, c.name) ? advised : rest).push(err);
      }
    }
    expect(advised.length).toBeGreaterThan(10);
    expect(rest.length).toBeGreaterThan(10);
    expect(median(advised)).toBeGreaterThan(1.3 * median(rest));
  });

  it('says where the uncertainty comes from: the curve’s shape in the clean case, the confounder in the realistic one', () => {
    for (const { fit } of clean) {
      for (const c of fit.channels) expect(c.curveShare!).toBeGreaterThan(0.5);
      for (const a of fit.advice!) expect(a).toMatch(/mostly from the shape of its response curve/);
    }
    for (const { fit } of realistic) {
      expect(fit.advice!.find((a) => a.startsWith('display: '))).toMatch(/moves with the trend/);
      const seasonal = fit.advice!.filter((a) => /^(search|social): .*moves with seasonality/.test(a));
      expect(seasonal.length).toBeGreaterThan(0);
    }
  });

  it('a lift test on an advised channel settles it: the channel leaves the advice', () => {
    const { fit, truth } = clean.find((r) => r.fit.advice!.length > 0)!;
    const channel = fit.advice![0]!.split(':')[0]!;
    const seed = clean.indexOf(clean.find((r) => r.fit === fit)!) + 1;
    const lift = { channel, roi: truth.roi[channel]!, sd: 0.1 * truth.roi[channel]!, source: 'experiment' as const };
    const after = run('clean', seed, { roiPriors: [lift] }).fit;
    expect(named(after.advice!, channel)).toBe(false);
  });
});
