import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { TRANSFORMS, transformFromJSON } from './from-json';
import { compose, delayed, geometric, hillSaturation, logisticSaturation, weibull, type Transform } from './values';

const impulse = Float64Array.from({ length: 12 }, (_, i) => (i === 0 ? 10 : 0));
const ramp = Float64Array.from({ length: 12 }, (_, i) => i * 3);

// One shared suite that every registered transform must pass.
const cases: Array<[string, Transform]> = [
  ['geometric', geometric({ theta: 0.6, lMax: 6, normalize: true })],
  ['weibull cdf', weibull({ shape: 1.5, scale: 2, lMax: 6, kind: 'cdf', normalize: true })],
  ['weibull pdf', weibull({ shape: 2.5, scale: 3, lMax: 6, kind: 'pdf', normalize: false })],
  ['delayed', delayed({ theta: 0.5, delay: 2, lMax: 6, normalize: true })],
  ['hill', hillSaturation({ half: 10, shape: 2 })],
  ['logistic', logisticSaturation({ lambda: 0.1 })],
  ['compose', compose(geometric({ theta: 0.5, lMax: 4, normalize: true }), hillSaturation({ half: 5, shape: 1 }))],
];

describe.each(cases)('transform %s', (_, t) => {
  it('apply(x) keeps the shape [nTimes] and is non-negative', () => {
    const y = t.apply(ramp);
    expect(y).toHaveLength(ramp.length);
    for (const v of y) expect(v).toBeGreaterThanOrEqual(0);
  });

  it('toJSON round-trips through transformFromJSON to the same outputs', () => {
    const back = transformFromJSON(JSON.parse(JSON.stringify(t.toJSON())));
    expect(Array.from(back.apply(ramp))).toEqual(Array.from(t.apply(ramp)));
    expect(back.type).toBe(t.type);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.params)).toBe(true);
  });
});

describe('adstock limits', () => {
  it.each([
    geometric({ theta: 0.7, lMax: 11, normalize: true }),
    weibull({ shape: 1, scale: 3, lMax: 11, kind: 'cdf', normalize: true }),
    delayed({ theta: 0.6, delay: 3, lMax: 11, normalize: true }),
  ])('normalized $type keeps the total of an impulse inside the window', (t) => {
    expect(t.apply(impulse).reduce((a, b) => a + b, 0)).toBeCloseTo(10, 10);
  });

  it('delayed adstock peaks at its delay', () => {
    const y = delayed({ theta: 0.5, delay: 3, lMax: 8, normalize: false }).apply(impulse);
    expect(Array.from(y).indexOf(Math.max(...y))).toBe(3);
  });

  it('weibull pdf with shape > 1 peaks after lag 0; cdf decays from 1', () => {
    const pdf = weibull({ shape: 3, scale: 4, lMax: 8, kind: 'pdf', normalize: false }).weights();
    expect(Array.from(pdf).indexOf(1)).toBeGreaterThan(0);
    const cdf = weibull({ shape: 1, scale: 2, lMax: 2, kind: 'cdf', normalize: false }).weights();
    expect(Array.from(cdf)).toEqual([1, Math.exp(-0.5), Math.exp(-1)].map((v) => expect.closeTo(v, 12)));
  });

  it('logistic(x, λ) is 0.5 at x = ln 3 / λ', () => {
    expect(logisticSaturation({ lambda: 2 }).apply(Float64Array.of(Math.log(3) / 2))[0]).toBeCloseTo(0.5, 12);
  });
});

describe('transformFromJSON', () => {
  it('names an unknown type and the known ones', () => {
    expect(() => transformFromJSON({ type: 'carryover' })).toThrow(ConfigError);
    expect(() => transformFromJSON({ type: 'carryover' })).toThrow(
      /unknown transform type "carryover"; known: geometric/,
    );
  });

  it('names the bad parameter', () => {
    expect(() => transformFromJSON({ type: 'geometric', params: { theta: 2, lMax: 3, normalize: true } })).toThrow(
      /transform "geometric": `theta` must be a number in \[0, 1\)/,
    );
  });

  it('does not resolve inherited names such as toString', () => {
    expect(() => transformFromJSON({ type: 'toString' })).toThrow(ConfigError);
  });

  it('lists every built-in', () => {
    expect(Object.keys(TRANSFORMS).sort()).toEqual(['delayed', 'geometric', 'hill', 'logistic', 'weibull']);
  });
});
