import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors';
import { TRANSFORMS, transformFromJSON } from '../from-json';
import type { AdstockTransform } from '../values';
import type { AdstockFamily, SaturationFamily } from './family';
import {
  ADSTOCK_FAMILIES,
  ADSTOCK_KINDS,
  DEFAULT_ADSTOCK,
  DEFAULT_SATURATION,
  SATURATION_FAMILIES,
  SATURATION_KINDS,
  adstockFamily,
  saturationFamily,
} from './registry';

const FAMILIES: (AdstockFamily | SaturationFamily)[] = [...ADSTOCK_FAMILIES, ...SATURATION_FAMILIES];
const LOOKBACKS = [0, 1, 8, 52];
const impulse = Float64Array.from({ length: 60 }, (_, t) => (t === 0 ? 10 : 0));
const ramp = Float64Array.from({ length: 40 }, (_, t) => t / 8);

/** Points of u around the prior (mean + k·sd, k = −1.5, 0, 1.5, one parameter after another), after a pad. */
function uGrid(f: AdstockFamily | SaturationFamily, lookback: number, pad: number): Float64Array[] {
  const priors = f.priors(lookback);
  return [-1.5, 0, 1.5].map((k) =>
    Float64Array.from([...Array(pad).fill(NaN), ...priors.map((q, i) => q.mean + (i % 2 ? -k : k) * q.sd)]),
  );
}

describe('the curve family registry', () => {
  it('lists each family once per role, under the kinds the config accepts', () => {
    expect(ADSTOCK_KINDS).toEqual(ADSTOCK_FAMILIES.map((f) => f.name));
    expect(SATURATION_KINDS).toEqual(SATURATION_FAMILIES.map((f) => f.name));
    expect(new Set(ADSTOCK_KINDS).size).toBe(ADSTOCK_KINDS.length);
    expect(new Set(SATURATION_KINDS).size).toBe(SATURATION_KINDS.length);
    for (const f of ADSTOCK_FAMILIES) expect(f.role).toBe('adstock');
    for (const f of SATURATION_FAMILIES) expect(f.role).toBe('saturation');
    expect(ADSTOCK_KINDS).toContain(DEFAULT_ADSTOCK);
    expect(SATURATION_KINDS).toContain(DEFAULT_SATURATION);
  });

  it('gives every family a label and a description, distinct within its role', () => {
    for (const list of [ADSTOCK_FAMILIES, SATURATION_FAMILIES]) {
      for (const f of list) {
        expect(f.label.trim().length, f.name).toBeGreaterThan(0);
        expect(f.description.trim().length, f.name).toBeGreaterThan(0);
      }
      expect(new Set(list.map((f) => f.label.toLowerCase())).size).toBe(list.length);
    }
  });

  it("registers every family's transform under its type, one constructor per type", () => {
    for (const f of FAMILIES) expect(TRANSFORMS[f.type], f.name).toBe(f.transform);
    expect(Object.keys(TRANSFORMS).sort()).toEqual([...new Set(FAMILIES.map((f) => f.type))].sort());
  });

  it('adstockFamily(name) and saturationFamily(name) find each family and name an unknown one', () => {
    for (const f of ADSTOCK_FAMILIES) expect(adstockFamily(f.name)).toBe(f);
    for (const f of SATURATION_FAMILIES) expect(saturationFamily(f.name)).toBe(f);
    expect(() => adstockFamily('weibull')).toThrow(ConfigError);
    expect(() => adstockFamily('hill')).toThrow(/unknown adstock family "hill"; known: geometric, delayed/);
    expect(() => saturationFamily('toString')).toThrow(/unknown saturation family "toString"; known: hill/);
  });

  it('freezes every family', () => {
    for (const f of FAMILIES) expect(Object.isFrozen(f), f.name).toBe(true);
  });
});

describe.each(FAMILIES.map((f) => [f.name, f] as const))('curve family %s', (_, f) => {
  it('priors(lookback): named, finite means, sd > 0, as many at every lookback', () => {
    const n = f.priors(8).length;
    expect(n).toBeGreaterThan(0);
    for (const lookback of LOOKBACKS) {
      const priors = f.priors(lookback);
      expect(priors).toHaveLength(n);
      expect(new Set(priors.map((q) => q.name)).size).toBe(n);
      for (const q of priors) {
        expect(Number.isFinite(q.mean), q.name).toBe(true);
        expect(q.sd, q.name).toBeGreaterThan(0);
      }
    }
  });

  it('priors(lookback) gives fresh objects (a caller may pin one)', () => {
    const a = f.priors(8);
    a[0]!.mean = 99;
    expect(f.priors(8)[0]!.mean).not.toBe(99);
  });

  it('unconstrain(constrain(u, at, lookback)) is u, and constrain(unconstrain(params)) is params', () => {
    for (const lookback of LOOKBACKS.filter((l) => l > 0)) {
      for (const u of uGrid(f, lookback, 2)) {
        const params = f.constrain(u, 2, lookback);
        const back = f.unconstrain(params);
        expect(back).toHaveLength(u.length - 2);
        back.forEach((v, i) => expect(v).toBeCloseTo(u[2 + i]!, 9));
        const again = f.constrain(Float64Array.from(back), 0, lookback);
        for (const [k, v] of Object.entries(params)) {
          if (typeof v === 'number') expect(again[k] as number).toBeCloseTo(v, 9);
          else expect(again[k]).toBe(v);
        }
      }
    }
  });

  it('its parameters are JSON and load back through transformFromJSON to the same transform', () => {
    for (const u of uGrid(f, 8, 0)) {
      const params = f.constrain(u, 0, 8);
      const json = JSON.parse(JSON.stringify({ type: f.type, params }));
      const loaded = transformFromJSON(json);
      expect(loaded.type).toBe(f.type);
      expect(Array.from(loaded.apply(ramp))).toEqual(Array.from(f.transform(params).apply(ramp)));
    }
  });

  it('at the prior means no parameter is at a bound', () => {
    const u = Float64Array.from(f.priors(8).map((q) => q.mean));
    expect(f.atBounds(f.constrain(u, 0, 8))).toEqual([]);
  });
});

describe.each(ADSTOCK_FAMILIES.map((f) => [f.name, f] as const))('adstock family %s', (_, f) => {
  it('transform(constrain(u)) has lookback + 1 weights ≥ 0 summing to 1, and keeps the total of an impulse', () => {
    for (const lookback of LOOKBACKS) {
      for (const u of uGrid(f, lookback, 0)) {
        const t: AdstockTransform = f.transform(f.constrain(u, 0, lookback));
        const w = t.weights();
        expect(w).toHaveLength(lookback + 1);
        for (const v of w) expect(v).toBeGreaterThanOrEqual(0);
        expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        expect(t.apply(impulse).reduce((s, v) => s + v, 0)).toBeCloseTo(10, 10);
      }
    }
  });

  it('constrain(u) is a valid transform for any u in [−30, 30] (no optimizer step throws)', () => {
    const n = f.priors(8).length;
    for (const v of [-30, -5, 5, 30]) {
      expect(() => f.transform(f.constrain(new Float64Array(n).fill(v), 0, 8))).not.toThrow();
    }
  });
});

describe.each(SATURATION_FAMILIES.map((f) => [f.name, f] as const))('saturation family %s', (_, f) => {
  it('transform(constrain(u)) is 0 at 0, increasing, below 1, and keeps the shape', () => {
    for (const u of uGrid(f, 8, 0)) {
      const y = f.transform(f.constrain(u, 0, 8)).apply(ramp);
      expect(y).toHaveLength(ramp.length);
      expect(y[0]).toBe(0);
      for (let t = 1; t < y.length; t++) {
        expect(y[t]!).toBeGreaterThan(y[t - 1]!);
        expect(y[t]!).toBeLessThan(1);
      }
    }
  });
});
