import { describe, expect, it } from 'vitest';
import { defaultOnProcess } from '../../../tests/helpers/journey-process-check';

// Bounds: the measured L1 (bench/README.md, seed 1) plus a margin of about 0.05; every one is below
// the best path or rule method on the same journeys, which over-credit the intent-chasing channels.
describe.each([
  ['intent-classes', 0.3],
  ['continuous-intent', 0.18],
] as const)('the default on the %s process', (name, bound) => {
  const r = defaultOnProcess(name);

  it(`has L1 ≤ ${bound} and below last touch, Markov and Shapley`, () => {
    expect(r.l1).toBeLessThanOrEqual(bound);
    expect(r.l1).toBeLessThan(r.best);
  });

  it(r.unidentifiable ? 'says the events cannot separate intent from effect' : 'gives no reason', () => {
    if (r.unidentifiable) expect(r.reasons.join(' ')).toMatch(/MMM or a lift test/);
    else expect(r.reasons).toEqual([]);
  });
});
