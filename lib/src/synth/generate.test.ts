import { describe, expect, it } from 'vitest';
import { CASES, lateStartCase } from './cases';
import { generateSynthetic } from './generate';

describe('generateSynthetic(spec)', () => {
  it("a 'late' channel spends nothing before 45% of the rows, then ramps up over 8 weeks", () => {
    const { data } = generateSynthetic(lateStartCase(2));
    const search = data.channels.find((c) => c.name === 'search')!.spend;
    const start = Math.round(0.45 * search.length);
    expect(search.subarray(0, start).every((v) => v === 0)).toBe(true);
    expect(search[start]!).toBeGreaterThan(0);
    const early = search.subarray(start, start + 4).reduce((s, v) => s + v, 0) / 4;
    const later = search.subarray(start + 12).reduce((s, v) => s + v, 0) / (search.length - start - 12);
    expect(early).toBeLessThan(0.6 * later);
  });

  it("'bursts' alternate runs at about 3× the mean with runs of no spend", () => {
    const { data } = generateSynthetic(lateStartCase(2));
    const social = Array.from(data.channels.find((c) => c.name === 'social')!.spend);
    const off = social.filter((v) => v === 0).length / social.length;
    expect(off).toBeGreaterThan(0.4);
    expect(off).toBeLessThan(0.85);
    let runs = 0;
    social.forEach((v, t) => (runs += t > 0 && (v === 0) !== (social[t - 1] === 0) ? 1 : 0));
    expect(runs).toBeGreaterThan(10);
  });

  it('baselineCurve bends the base along an S-curve: the outcome grows more in the middle of the window than at its ends', () => {
    const flat = { ...CASES['clean']!, channels: CASES['clean']!.channels.slice(0, 1), noise: 0, season: 0, trend: 0 };
    const bent = generateSynthetic({ ...flat, baselineCurve: 0.4 }).data.outcome;
    const straight = generateSynthetic(flat).data.outcome;
    const lift = (t: number) => bent[t]! - straight[t]!;
    const w0 = flat.history;
    const T = flat.weeks;
    expect(lift(w0 + T / 2) - lift(w0 + T / 4)).toBeGreaterThan(2 * (lift(w0 + T / 4) - lift(w0)));
    expect(lift(w0 + T - 1)).toBeGreaterThan(lift(w0 + T / 2));
  });
});
