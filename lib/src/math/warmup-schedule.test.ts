import { describe, expect, it } from 'vitest';
import { warmupSchedule, WindowVariance } from './warmup-schedule';

describe('warmupSchedule', () => {
  it.each([
    // Stan's layouts: 75 fast, windows of 25, 50, 100, 200, then the rest, 50 fast.
    [1000, { initBuffer: 75, termBuffer: 50, windowEnds: [99, 149, 249, 449, 949] }],
    [2000, { initBuffer: 75, termBuffer: 50, windowEnds: [99, 149, 249, 449, 849, 1949] }],
    [500, { initBuffer: 75, termBuffer: 50, windowEnds: [99, 149, 249, 449] }],
    [150, { initBuffer: 75, termBuffer: 50, windowEnds: [99] }],
    // Too short for 75 + 25 + 50: 15% and 10% buffers, one window.
    [100, { initBuffer: 15, termBuffer: 10, windowEnds: [89] }],
    [20, { initBuffer: 3, termBuffer: 2, windowEnds: [17] }],
    [19, { initBuffer: 19, termBuffer: 0, windowEnds: [] }],
    [0, { initBuffer: 0, termBuffer: 0, windowEnds: [] }],
  ])('warmupSchedule(%i)', (warmup, expected) => {
    expect(warmupSchedule(warmup)).toEqual(expected);
  });

  it.each([
    // A start at the mode with a whitened metric: 50 fast, one window of 100, 50 fast; longer runs double.
    [200, { initBuffer: 50, termBuffer: 50, windowEnds: [149] }],
    [500, { initBuffer: 50, termBuffer: 50, windowEnds: [149, 449] }],
    [1000, { initBuffer: 50, termBuffer: 50, windowEnds: [149, 349, 949] }],
    // Too short for 50 + 100 + 50: 15% and 10% buffers, one window.
    [150, { initBuffer: 22, termBuffer: 15, windowEnds: [134] }],
  ])('warmupSchedule(%i, { initBuffer: 50, baseWindow: 100, termBuffer: 50 })', (warmup, expected) => {
    expect(warmupSchedule(warmup, { initBuffer: 50, baseWindow: 100, termBuffer: 50 })).toEqual(expected);
  });

  it('WindowVariance.takeRegularized(out) = n/(n + 5) s² + 1e-3 · 5/(n + 5), then starts afresh', () => {
    const w = new WindowVariance(2);
    const xs = [1, 2, 4, 7, 11];
    for (const x of xs) w.add(Float64Array.of(x, -10 * x));
    const mean = xs.reduce((s, v) => s + v, 0) / 5;
    const s2 = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / 4;
    const out = w.takeRegularized(new Float64Array(2));
    expect(out[0]).toBeCloseTo((5 / 10) * s2 + 1e-3 * 0.5, 12);
    expect(out[1]).toBeCloseTo((5 / 10) * 100 * s2 + 1e-3 * 0.5, 10);
    w.add(Float64Array.of(1, 1));
    w.add(Float64Array.of(3, 1));
    expect(w.takeRegularized(new Float64Array(2))[0]).toBeCloseTo((2 / 7) * 2 + 1e-3 * (5 / 7), 12);
  });
});
