import { describe, expect, it } from 'vitest';
import { fitMmm } from '../mmm/fit';
import { CASES } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { roiFigure } from './roi-figure';

describe('roiFigure', () => {
  it('roiFigure(fit) draws every channel sorted by ROI with its interval as error bars', () => {
    const { data } = generateSynthetic(CASES['clean']!);
    const fit = fitMmm(data, { lookback: 8 });
    const fig = roiFigure(fit);
    const bar = fig.data[0] as { x: number[]; y: string[]; error_x: { array: number[]; arrayminus: number[] } };
    expect(bar.y).toHaveLength(4);
    expect([...bar.x].sort((a, b) => a - b)).toEqual(bar.x);
    const tv = fit.channels.find((c) => c.name === 'tv')!;
    const i = bar.y.indexOf('tv');
    expect(bar.x[i]! + bar.error_x.array[i]!).toBeCloseTo(tv.roi.upper, 10);
    expect(bar.x[i]! - bar.error_x.arrayminus[i]!).toBeCloseTo(tv.roi.lower, 10);
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
  });
});
