import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { psisLoo, waic } from './loo';
import { psis } from './psis';
import { normal, seededRandom } from './random';

// y_i ~ N(μ, 1) with σ = 1 known and μ ~ N(0, 10²): the posterior, and the posterior without y_i, are
// normal, and so is the exact LOO predictive y_i | y_−i ~ N(μ_−i, 1 + 1/τ_−i).
const PRIOR_PRECISION = 1 / 100;
const LOG_2PI = Math.log(2 * Math.PI);
const logNormal = (x: number, mean: number, variance: number) =>
  -0.5 * (LOG_2PI + Math.log(variance) + (x - mean) ** 2 / variance);

/** n observations around 1.3 whose residuals have mean 0 and sample variance 1 exactly. */
function dataSet(seed: number, n = 30): Float64Array {
  const rand = seededRandom(seed);
  const z = Float64Array.from({ length: n }, () => normal(rand));
  const m = z.reduce((a, v) => a + v, 0) / n;
  const sd = Math.sqrt(z.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1));
  return z.map((v) => 1.3 + (v - m) / sd);
}

function posterior(y: Float64Array): { mean: number; variance: number } {
  const precision = PRIOR_PRECISION + y.length;
  return { mean: y.reduce((a, v) => a + v, 0) / precision, variance: 1 / precision };
}

/** log p(y_i | y), the posterior predictive density at each observation. */
function exactLpd(y: Float64Array): Float64Array {
  const post = posterior(y);
  return y.map((yi) => logNormal(yi, post.mean, 1 + post.variance));
}

/** log p(y_i | y_−i) in closed form. */
function exactLoo(y: Float64Array): Float64Array {
  const total = y.reduce((a, v) => a + v, 0);
  const precision = PRIOR_PRECISION + y.length - 1;
  return y.map((yi) => logNormal(yi, (total - yi) / precision, 1 + 1 / precision));
}

/** log p(y_i | μ_s) for the draws μ, row-major [S, N]. */
function logLikelihood(mu: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(mu.length * y.length);
  mu.forEach((m, s) => y.forEach((yi, i) => (out[s * y.length + i] = logNormal(yi, m, 1))));
  return out;
}

function draws(seed: number, mean: number, sd: number, count = 4000): Float64Array {
  const rand = seededRandom(seed);
  return Float64Array.from({ length: count }, () => mean + sd * normal(rand));
}

const sum = (x: Float64Array) => x.reduce((a, v) => a + v, 0);
const seOfSum = (x: Float64Array) => {
  const m = sum(x) / x.length;
  return Math.sqrt((x.length * x.reduce((a, v) => a + (v - m) ** 2, 0)) / (x.length - 1));
};

describe('psisLoo', () => {
  it('psisLoo(logLik, S, N) for a conjugate normal model matches the exact LOO predictive densities', () => {
    for (const seed of [1, 2, 3]) {
      const y = dataSet(seed);
      const post = posterior(y);
      const mu = draws(100 + seed, post.mean, Math.sqrt(post.variance));
      const loo = psisLoo(logLikelihood(mu, y), mu.length, y.length);
      const exact = exactLoo(y);
      expect(Math.abs(loo.elpdLoo - sum(exact))).toBeLessThan(0.5);
      expect(Math.abs(loo.seElpdLoo - seOfSum(exact))).toBeLessThan(0.05 * seOfSum(exact));
      expect(Math.abs(loo.looic + 2 * loo.elpdLoo)).toBeLessThan(1e-9);
      y.forEach((_, i) => expect(Math.abs(loo.pointwise.elpdLoo[i]! - exact[i]!)).toBeLessThan(0.05));
      // One parameter: p_loo ≈ 1 (Σ (y_i − ȳ)²/n·(1 + O(1/n)) for these data of unit sample variance).
      expect(Math.abs(loo.pLoo - 1)).toBeLessThan(0.5);
      expect(Math.abs(loo.pLoo - (sum(exactLpd(y)) - sum(exact)))).toBeLessThan(0.05);
      expect(Math.max(...loo.pointwise.khat)).toBeLessThan(0.5);
      expect(loo.highKhat).toEqual([]);
      expect(loo.khatThreshold).toBe(0.7);
    }
  });

  it('psisLoo(logLik, S, N) gives a gross outlier the one high k̂', () => {
    const y = dataSet(4);
    y[7] = 15; // ≈ 14 sd from the rest: leaving it out moves the posterior by ≈ 2.5 of its sds
    const post = posterior(y);
    const mu = draws(104, post.mean, Math.sqrt(post.variance));
    const loo = psisLoo(logLikelihood(mu, y), mu.length, y.length);
    expect(loo.highKhat).toEqual([7]);
    expect(loo.pointwise.khat[7]).toBeGreaterThan(0.7);
    for (let i = 0; i < y.length; i++) if (i !== 7) expect(loo.pointwise.khat[i]).toBeLessThan(0.4);
  });

  it('psisLoo(logLik, S, N, { logDrawWeights }) corrects draws from a wider proposal to the exact LOO', () => {
    const y = dataSet(5);
    const post = posterior(y);
    const sd = Math.sqrt(post.variance);
    // Draws from q = N(mean + sd, (2·sd)²), weighted by log p − log q smoothed by psis.
    const mu = draws(105, post.mean + sd, 2 * sd);
    const ratios = mu.map(
      (m) => logNormal(m, post.mean, post.variance) - logNormal(m, post.mean + sd, 4 * post.variance),
    );
    const { logWeights } = psis(ratios);
    const loo = psisLoo(logLikelihood(mu, y), mu.length, y.length, { logDrawWeights: logWeights });
    const unweighted = psisLoo(logLikelihood(mu, y), mu.length, y.length);
    expect(Math.abs(loo.elpdLoo - sum(exactLoo(y)))).toBeLessThan(0.5);
    expect(Math.abs(loo.pLoo - 1)).toBeLessThan(0.5);
    // Without the weights the same draws mislead: the proposal is off by one sd and twice as wide.
    expect(Math.abs(unweighted.elpdLoo - sum(exactLoo(y)))).toBeGreaterThan(2);
  });

  it('psisLoo(logLik, S, N) rejects a wrong shape, non-finite log likelihoods and bad draw weights', () => {
    const ll = new Float64Array(40).fill(-1);
    expect(() => psisLoo(ll, 4, 11)).toThrow(InputError);
    expect(() => psisLoo(ll, 4, 11)).toThrow(/`logLik` must have draws × observations = 44 entries; got 40/);
    expect(() => psisLoo(ll, 1, 40)).toThrow(/`draws` must be an integer ≥ 2; got 1/);
    const bad = ll.slice();
    bad[13] = NaN;
    expect(() => psisLoo(bad, 4, 10)).toThrow(/`logLik` must be finite; got NaN at draw 1, observation 3/);
    expect(() => psisLoo(ll, 4, 10, { logDrawWeights: new Float64Array(3) })).toThrow(
      /one entry per draw \(4\); got 3/,
    );
    expect(() => psisLoo(ll, 4, 10, { logDrawWeights: new Float64Array(4).fill(-Infinity) })).toThrow(
      /at least one finite entry/,
    );
    expect(() => waic(ll, 4, 11)).toThrow(InputError);
  });
});

describe('waic', () => {
  it('waic(logLik, S, N) for a conjugate normal model is close to the exact LOO and p_waic ≈ 1', () => {
    for (const seed of [1, 2, 3]) {
      const y = dataSet(seed);
      const post = posterior(y);
      const mu = draws(100 + seed, post.mean, Math.sqrt(post.variance));
      const result = waic(logLikelihood(mu, y), mu.length, y.length);
      const exact = exactLoo(y);
      expect(Math.abs(result.elpdWaic - sum(exact))).toBeLessThan(0.5);
      expect(Math.abs(result.seElpdWaic - seOfSum(exact))).toBeLessThan(0.05 * seOfSum(exact));
      expect(Math.abs(result.pWaic - 1)).toBeLessThan(0.5);
      expect(result.waic).toBeCloseTo(-2 * result.elpdWaic, 9);
      expect(result.highPWaic).toEqual([]);
    }
  });

  it('waic(logLik, S, N) p_waic_i is the unbiased variance of log p(y_i | θ_s) over the draws', () => {
    // Two draws, one observation: log likelihoods −1 and −3 have variance 2 (divisor S − 1).
    const result = waic(Float64Array.of(-1, -3), 2, 1);
    expect(result.pointwise.pWaic[0]).toBeCloseTo(2, 12);
    const lpd = Math.log((Math.exp(-1) + Math.exp(-3)) / 2);
    expect(result.elpdWaic).toBeCloseTo(lpd - 2, 12);
    expect(result.highPWaic).toEqual([0]);
    expect(result.seElpdWaic).toBe(0);
  });
});
