import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { pseudoBmaPlusWeights, pseudoBmaWeights, stackingWeights } from './model-weights';
import { normal, seededRandom } from './random';

function noise(seed: number, n: number, sd: number): Float64Array {
  const rand = seededRandom(seed);
  return Float64Array.from({ length: n }, () => sd * normal(rand));
}

/** Σ_i log Σ_k w_k·exp(elpd_ik), the objective stacking maximizes. */
function stackingScore(elpd: Float64Array[], w: ArrayLike<number>): number {
  let score = 0;
  for (let i = 0; i < elpd[0]!.length; i++) {
    let mix = 0;
    elpd.forEach((model, k) => (mix += w[k]! * Math.exp(model[i]!)));
    score += Math.log(mix);
  }
  return score;
}

const total = (w: Float64Array) => w.reduce((a, v) => a + v, 0);

describe('stackingWeights', () => {
  it('stackingWeights([a, b]) puts ≈ all weight on a model that is better at every observation', () => {
    const b = noise(1, 50, 1).map((v) => v - 1.5);
    const a = b.map((v, i) => v + 0.2 + Math.abs(noise(2, 50, 0.5)[i]!));
    const w = stackingWeights([a, b]);
    expect(w[0]).toBeGreaterThan(0.999);
    expect(total(w)).toBeCloseTo(1, 12);
  });

  it('stackingWeights([a, a]) gives two identical models ½ each', () => {
    const a = noise(3, 40, 1);
    const w = stackingWeights([a, a.slice()]);
    expect(w[0]).toBeCloseTo(0.5, 12);
    expect(w[1]).toBeCloseTo(0.5, 12);
  });

  it('stackingWeights([a, b]) gives n_a/N to models that each predict only their own observations', () => {
    // 10 observations only model A predicts and 20 only B does: the optimum is w_A = 10/30 (up to e^−50).
    const a = Float64Array.from({ length: 30 }, (_, i) => (i < 10 ? -1 : -51));
    const b = Float64Array.from({ length: 30 }, (_, i) => (i < 10 ? -51 : -1));
    const w = stackingWeights([a, b]);
    expect(w[0]).toBeCloseTo(1 / 3, 8);
    expect(w[1]).toBeCloseTo(2 / 3, 8);
  });

  it('stackingWeights(elpd) of three models is the maximum over a grid on the simplex and sums to 1', () => {
    const base = noise(4, 60, 1);
    const elpd = [0.3, 0.6, 0.9].map((sd, k) => base.map((v, i) => v - 1 + noise(10 + k, 60, sd)[i]!));
    const w = stackingWeights(elpd);
    expect(total(w)).toBeCloseTo(1, 12);
    for (const v of w) expect(v).toBeGreaterThanOrEqual(0);
    const best = stackingScore(elpd, w);
    for (let i = 0; i <= 50; i++) {
      for (let j = 0; i + j <= 50; j++) {
        expect(stackingScore(elpd, [i / 50, j / 50, (50 - i - j) / 50])).toBeLessThanOrEqual(best + 1e-9);
      }
    }
  });

  it('stackingWeights(elpd) is unchanged by elpd values near ±1000 (a shift per observation)', () => {
    const a = noise(5, 20, 1);
    const b = noise(6, 20, 1);
    const w = stackingWeights([a, b]);
    const shift = noise(7, 20, 1).map((v) => (v > 0 ? 1000 : -1000));
    const shifted = stackingWeights([a.map((v, i) => v + shift[i]!), b.map((v, i) => v + shift[i]!)]);
    expect(shifted[0]).toBeCloseTo(w[0]!, 9);
    expect(w[0]! > 0.01 && w[0]! < 0.99).toBe(true);
  });

  it('stackingWeights(elpd) rejects no models, unequal lengths and non-finite values', () => {
    expect(() => stackingWeights([])).toThrow(InputError);
    expect(() => stackingWeights([new Float64Array(3), new Float64Array(2)])).toThrow(
      /`elpdPointwise\[1\]` must have 3 observations like model 0; got 2/,
    );
    expect(() => stackingWeights([Float64Array.of(0, -Infinity)])).toThrow(/`elpdPointwise\[0\]\[1\]` must be finite/);
  });
});

describe('pseudoBmaWeights', () => {
  it('pseudoBmaWeights([a, b]) is [¾, ¼] when Σ a − Σ b = log 3', () => {
    const b = noise(8, 25, 1);
    const a = b.map((v, i) => v + (i === 0 ? Math.log(3) : 0));
    const w = pseudoBmaWeights([a, b]);
    expect(w[0]).toBeCloseTo(0.75, 12);
    expect(w[1]).toBeCloseTo(0.25, 12);
  });

  it('pseudoBmaWeights(elpd) does not overflow for totals near −10 000', () => {
    const w = pseudoBmaWeights([new Float64Array(10).fill(-1000), new Float64Array(10).fill(-1000.1)]);
    expect(w[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });
});

describe('pseudoBmaPlusWeights', () => {
  it('pseudoBmaPlusWeights([a, b], { replicates, seed }) is less extreme than pseudo-BMA when the difference is noisy', () => {
    // Σ(a − b) = 3 but the pointwise differences have sd 1 over 30 observations: the total's SE is ≈ 5.5.
    const b = noise(9, 30, 1).map((v) => v - 1);
    const d = noise(10, 30, 1);
    const mean = d.reduce((x, v) => x + v, 0) / 30;
    const a = b.map((v, i) => v + d[i]! - mean + 0.1);
    const plain = pseudoBmaWeights([a, b]);
    const plus = pseudoBmaPlusWeights([a, b], { replicates: 1000, seed: 1 });
    expect(plain[0]).toBeCloseTo(1 / (1 + Math.exp(-3)), 12);
    expect(plus[0]).toBeGreaterThan(0.5);
    expect(plus[0]).toBeLessThan(plain[0]! - 0.1);
    expect(total(plus)).toBeCloseTo(1, 12);
    expect(pseudoBmaPlusWeights([a, b], { replicates: 1000, seed: 1 })).toEqual(plus);
  });

  it('pseudoBmaPlusWeights(elpd, options) rejects a replicate count below 1', () => {
    expect(() => pseudoBmaPlusWeights([new Float64Array(2)], { replicates: 0, seed: 1 })).toThrow(
      /`replicates` must be an integer ≥ 1; got 0/,
    );
  });
});
