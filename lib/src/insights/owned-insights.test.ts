import { describe, expect, it } from 'vitest';
import { fitMmm } from '../mmm/fit';
import { ownedCase } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { contributionsFigure, responseCurvesFigure, shareFigure, waterfallFigure } from './figures';
import { inUnits, modelInsights, OWNED_NO_ROI } from './model-insights';
import { outcomeUnits } from './outcome-units';
import { roiFigure } from './roi-figure';

// Insights of a model with an owned channel (issue 20): contribution and contribution per unit, never an ROI.

const { data } = generateSynthetic(ownedCase(3, 'flighted'));
const fit = fitMmm(data, { lookback: 8 });
const ins = modelInsights(fit, data);
const email = ins.channels['email']!;

describe('modelInsights with an owned channel', () => {
  it('modelInsights gives an owned channel roi null with the reason, its contribution per unit and volume', () => {
    const f = fit.channels.find((c) => c.name === 'email')!;
    expect(email.paid).toBe(false);
    expect(email.roi).toBeNull();
    expect(email.noRoi).toBe(OWNED_NO_ROI);
    expect(email.spend).toBe(0);
    expect(email.spendShare).toBe(0);
    expect(email.marginalRoi).toBeNull();
    expect(email.contributionPerUnit).toEqual(f.roi);
    expect(email.contributionPerUnit!.lower).toBeLessThan(email.contributionPerUnit!.mean);
    expect(email.contributionPerUnit!.upper).toBeGreaterThan(email.contributionPerUnit!.mean);
    expect(email.volume).toBeCloseTo(f.volume!, 6);
    // The per-unit figure is the contribution over the volume; the decomposition agrees with it.
    const series = ins.series.contributions['email']!.reduce((s, v) => s + v, 0);
    expect(series / email.volume!).toBeCloseTo(email.contributionPerUnit!.mean, 2);
    // The marginal return per unit is below the average where the curve saturates.
    expect(email.marginalPerUnit!).toBeGreaterThan(0);
    expect(email.marginalPerUnit!).toBeLessThanOrEqual(email.contributionPerUnit!.mean * 1.0001);
    for (const name of ['tv', 'search', 'social']) {
      expect(ins.channels[name]!.paid).toBe(true);
      expect(ins.channels[name]!.roi!.mean).toBeGreaterThan(0);
    }
  });

  it('an owned channel has a volume curve and no spend curve', () => {
    expect(email.responseCurve).toEqual([]);
    const curve = email.volumeCurve!;
    expect(curve).toHaveLength(31);
    expect(curve[10]!.volume).toBeCloseTo(email.volume!, 3);
    expect(curve[10]!.contribution).toBeCloseTo(email.contribution, 0);
    for (let i = 1; i < curve.length; i++)
      expect(curve[i]!.contribution).toBeGreaterThanOrEqual(curve[i - 1]!.contribution);
  });

  it('inUnits gives an owned channel no efficiency (no ROI, no cost per order)', () => {
    for (const conv of ['revenue', 'orders']) {
      const e = inUnits(ins, outcomeUnits(conv)).channels['email']!.efficiency;
      expect(e).toEqual({ mean: null, lower: null, upper: null });
    }
  });

  it('the ROI figure leaves an owned channel out; contributions, shares and the waterfall label it owned', () => {
    expect(roiFigure(fit).data[0]!['y']).toEqual(expect.not.arrayContaining(['email']));
    expect((roiFigure(fit).data[0]!['y'] as string[]).sort()).toEqual(['search', 'social', 'tv']);
    const names = contributionsFigure(ins).data.map((d) => d['name']);
    expect(names).toContain('email (owned)');
    expect(shareFigure(ins).data[0]!['x']).toContain('email (owned)');
    expect(waterfallFigure(ins).data[0]!['x']).toContain('email (owned)');
    const curves = responseCurvesFigure(ins).data.map((d) => String(d['name']));
    expect(curves.some((n) => n.startsWith('email'))).toBe(false);
    expect(curves).toContain('tv');
  });
});
