import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { parameterDraws, sampleChainsSync, type ChainsResult } from './chains';
import { gaussianTarget } from './gaussian-target';
import { ebfmi, effectiveSampleSize, splitChains, summarizeDraws } from './mcmc-diagnostics';
import { sampleNuts, type LogDensityTarget } from './nuts';

// Known answers: Gaussians (means, sds, correlation within a few Monte Carlo SEs), and Neal's funnel,
// whose neck must show up as divergences. 4 chains × 1000 draws after 1000 warm-up iterations.

const RUN = { chains: 4, warmup: 1000, draws: 1000 };

function divergences(r: ChainsResult): number {
  return r.chains.reduce((s, c) => s + c.stats.divergent.reduce((a, d) => a + d, 0), 0);
}

/** The sd's tolerance: 4 Monte Carlo SEs of a Gaussian sd, 1/√(2 ESS of (x − μ)²) relative. */
function sdTolerance(r: ChainsResult, k: number, mean: number): number {
  const d = parameterDraws(r, k);
  const sq = { values: d.values.map((v) => (v - mean) ** 2), chains: d.chains };
  return 4 / Math.sqrt(2 * effectiveSampleSize(splitChains(sq)));
}

/** Checks every coordinate of a Gaussian run against the true means and sds, and the run's health. */
function expectGaussian(r: ChainsResult, mean: number[], sd: number[]) {
  const total = r.chains.length * r.chains[0]!.stats.energy.length;
  expect(divergences(r)).toBe(0);
  mean.forEach((mu, k) => {
    const s = summarizeDraws(parameterDraws(r, k));
    expect(Math.abs(s.mean - mu)).toBeLessThan(4 * s.mcseMean);
    expect(Math.abs(s.sd / sd[k]! - 1)).toBeLessThan(sdTolerance(r, k, mu));
    expect(s.rhat).toBeLessThan(1.01);
    expect(s.essBulk).toBeGreaterThan(0.15 * total);
    expect(s.essTail).toBeGreaterThan(0.15 * total);
  });
}

/** Neal's funnel: v ~ N(0, 3²), x_i | v ~ N(0, e^v), i = 1 … dim − 1; θ = [v, x…]. */
function funnel(dim: number): LogDensityTarget {
  return {
    dim,
    logDensityGradient(x, grad) {
      const v = x[0]!;
      const e = Math.exp(-v);
      let lp = (-v * v) / 18 - ((dim - 1) * v) / 2;
      let gv = -v / 9 - (dim - 1) / 2;
      for (let i = 1; i < dim; i++) {
        lp -= 0.5 * x[i]! * x[i]! * e;
        gv += 0.5 * x[i]! * x[i]! * e;
        grad[i] = -x[i]! * e;
      }
      grad[0] = gv;
      return lp;
    },
  };
}

describe('sampleNuts', () => {
  it('sampleNuts(N(1, 2²), …) recovers the mean and sd without divergences, R̂ < 1.01', () => {
    expectGaussian(sampleChainsSync(gaussianTarget({ mean: [1], sd: [2] }), { ...RUN, seed: 11 }), [1], [2]);
  });

  it('sampleNuts(N(0, I₁₀), …) recovers every coordinate; E-BFMI ≈ 1 or more in every chain', () => {
    const mean = Array.from({ length: 10 }, (_, i) => i - 5);
    const sd = new Array<number>(10).fill(1);
    const r = sampleChainsSync(gaussianTarget({ mean, sd }), { ...RUN, seed: 12 });
    expectGaussian(r, mean, sd);
    for (const c of r.chains) expect(ebfmi(c.stats.energy)).toBeGreaterThan(0.7);
  });

  it('sampleNuts(2-D Gaussian with ρ = 0.9, …) recovers the sds and the correlation', () => {
    const rho = 0.9;
    const det = 1 - rho * rho;
    const precision = [1 / det, -rho / det, -rho / det, 1 / det];
    // ESS is lower here (≈ 20% of the draws): twice the draws keep R̂ clear of 1.01.
    const r = sampleChainsSync(gaussianTarget({ mean: [0, 0], precision }), { ...RUN, draws: 2000, seed: 13 });
    expectGaussian(r, [0, 0], [1, 1]);
    const a = parameterDraws(r, 0).values;
    const b = parameterDraws(r, 1).values;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < a.length; i++) {
      sab += a[i]! * b[i]!;
      saa += a[i]! * a[i]!;
      sbb += b[i]! * b[i]!;
    }
    // Monte Carlo SE of r ≈ (1 − ρ²)/√ESS ≈ 0.005 at ESS ≈ 1600.
    expect(Math.abs(sab / Math.sqrt(saa * sbb) - rho)).toBeLessThan(0.02);
  });

  it('sampleNuts(sds 0.01 … 100) adapts the inverse mass to each variance: √m⁻¹ within 20% of every sd', () => {
    const sd = Array.from({ length: 9 }, (_, i) => 10 ** (-2 + i / 2));
    const mean = sd.map((s) => 3 * s);
    const r = sampleChainsSync(gaussianTarget({ mean, sd }), { ...RUN, seed: 14 });
    expectGaussian(r, mean, sd);
    for (const c of r.chains) {
      sd.forEach((s, k) => expect(Math.abs(Math.sqrt(c.inverseMassDiagonal[k]!) / s - 1)).toBeLessThan(0.2));
    }
  });

  it('sampleNuts(…, { adaptMetric: false }) keeps the unit metric and adapts the step size to it', () => {
    // sds 0.5 … 2: on the unit metric the step size must follow the smallest sd, and the draws stay right.
    const sd = [0.5, 1, 2];
    const mean = [1, -1, 0];
    const r = sampleChainsSync(gaussianTarget({ mean, sd }), { ...RUN, warmup: 300, seed: 15, adaptMetric: false });
    expectGaussian(r, mean, sd);
    for (const c of r.chains) {
      expect(Array.from(c.inverseMassDiagonal)).toEqual([1, 1, 1]);
      // Leapfrog on a Gaussian of sd σ is stable below 2σ; acceptance 0.8 puts it near σ.
      expect(c.stepSize).toBeGreaterThan(0.2);
      expect(c.stepSize).toBeLessThan(1);
    }
    // The same run adapting its metric learns the variances instead.
    const adapted = sampleChainsSync(gaussianTarget({ mean, sd }), { ...RUN, warmup: 300, seed: 15 });
    expect(adapted.chains[0]!.inverseMassDiagonal[2]!).toBeGreaterThan(2);
  });

  it("sampleNuts(Neal's funnel, dim 5) reports divergences, at draws down the funnel's neck", () => {
    const r = sampleChainsSync(funnel(5), { ...RUN, seed: 15 });
    expect(divergences(r)).toBeGreaterThan(0);
    // The neck is low v: the divergent draws sit below the draws' mean of v (20 of 20 seeds tried).
    let all = 0;
    let divergent = 0;
    for (const c of r.chains) {
      c.stats.divergent.forEach((d, i) => {
        all += c.draws[5 * i]!;
        divergent += d * c.draws[5 * i]!;
      });
    }
    expect(divergent / divergences(r)).toBeLessThan(all / (RUN.chains * RUN.draws));
  });

  it('sampleNuts(target, init, { seed }) gives the same draws for the same seed and others for another', () => {
    const target = gaussianTarget({ mean: [0, 0, 0], sd: [1, 2, 3] });
    const options = { warmup: 100, draws: 50, seed: 5 };
    const a = sampleNuts(target, [0.1, 0.2, 0.3], options);
    const b = sampleNuts(target, [0.1, 0.2, 0.3], options);
    const c = sampleNuts(target, [0.1, 0.2, 0.3], { ...options, seed: 6 });
    expect(Array.from(b.draws)).toEqual(Array.from(a.draws));
    expect(Array.from(b.stats.energy)).toEqual(Array.from(a.stats.energy));
    expect(Array.from(c.draws)).not.toEqual(Array.from(a.draws));
  });

  it('sampleNuts(…, { maxTreeDepth: 2 }) caps the tree; stats have one entry per draw and agree', () => {
    const r = sampleNuts(gaussianTarget({ mean: [0], sd: [1] }), [0], {
      warmup: 50,
      draws: 200,
      seed: 3,
      maxTreeDepth: 2,
      initialStepSize: 0.01,
    });
    expect(r.draws.length).toBe(200);
    for (const key of Object.keys(r.stats) as (keyof typeof r.stats)[]) expect(r.stats[key].length).toBe(200);
    for (let i = 0; i < 200; i++) {
      const depth = r.stats.treeDepth[i]!;
      expect(depth).toBeGreaterThanOrEqual(0);
      expect(depth).toBeLessThanOrEqual(2);
      // A kept depth d took 2^d − 1 steps; the rejected last subtree adds at most 2^d more.
      expect(r.stats.leapfrogSteps[i]).toBeGreaterThanOrEqual(2 ** depth - 1);
      expect(r.stats.leapfrogSteps[i]).toBeLessThan(2 ** (depth + 1));
      expect(r.stats.acceptStat[i]).toBeGreaterThanOrEqual(0);
      expect(r.stats.acceptStat[i]).toBeLessThanOrEqual(1);
      expect(r.stats.stepSize[i]).toBe(r.stepSize);
      expect(r.stats.logDensity[i]).toBeCloseTo(-0.5 * r.draws[i]! ** 2, 12);
    }
  });

  it('sampleNuts(…, { onProgress }) reports both phases, ending at done = total', () => {
    const calls: [string, number, number][] = [];
    sampleNuts(gaussianTarget({ mean: [0], sd: [1] }), [0], {
      warmup: 30,
      draws: 250,
      seed: 1,
      onProgress: (phase, done, total) => calls.push([phase, done, total]),
    });
    expect(calls.filter(([p]) => p === 'warmup').at(-1)).toEqual(['warmup', 30, 30]);
    expect(calls.at(-1)).toEqual(['sampling', 250, 250]);
    expect(calls.length).toBeLessThanOrEqual(30 + 125);
  });

  it.each([
    [{ warmup: -1, draws: 10, seed: 1 }, /`warmup` must be an integer in \[0,/],
    [{ warmup: 10, draws: 0, seed: 1 }, /`draws` must be an integer in \[1,/],
    [{ warmup: 10, draws: 10, seed: 1, targetAccept: 1 }, /`targetAccept` must be in \(0, 1\); got 1/],
    [{ warmup: 10, draws: 10, seed: 1, maxTreeDepth: 0 }, /`maxTreeDepth` must be an integer in \[1, 30\]; got 0/],
  ])('sampleNuts(target, init, %j) throws InputError', (options, message) => {
    const target = gaussianTarget({ mean: [0], sd: [1] });
    expect(() => sampleNuts(target, [0], options)).toThrow(InputError);
    expect(() => sampleNuts(target, [0], options)).toThrow(message);
  });

  it('sampleNuts(target, init) throws InputError for a start of the wrong length or outside the support', () => {
    const target = gaussianTarget({ mean: [0, 0], sd: [1, 1] });
    expect(() => sampleNuts(target, [0], { warmup: 0, draws: 1, seed: 1 })).toThrow(/must have length 2; got 1/);
    const positive: LogDensityTarget = {
      dim: 1,
      logDensityGradient: (x, g) => ((g[0] = -1), x[0]! > 0 ? -x[0]! : -Infinity),
    };
    expect(() => sampleNuts(positive, [-1], { warmup: 0, draws: 1, seed: 1 })).toThrow(InputError);
  });
});
