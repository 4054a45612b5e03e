import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { normal, seededRandom } from '../math/random';
import { logPosterior, thetaSize } from './density';
import { buildProblem, type Problem } from './problem';
import { pymcScales } from './pymc-priors';
import { resolveConfig, type MmmConfig, type MmmData } from './spec';
import { resolveWindow } from './window';

const PYMC: MmmConfig = {
  lookback: 7,
  adstock: 'geometric',
  saturation: 'logistic',
  trend: false,
  seasonality: false,
  spendShare: false,
  priorSet: 'pymc-marketing',
};

/** 60 weeks, two channels and one factor, all rows in the window (no carried history). */
function data(seed = 5): MmmData {
  const rand = seededRandom(seed);
  const n = 60;
  const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
  const tv = Float64Array.from({ length: n }, () => 40 * Math.exp(0.5 * normal(rand)));
  const search = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : 25 * (1 + rand())));
  const price = Float64Array.from({ length: n }, () => normal(rand));
  const outcome = Float64Array.from(
    { length: n },
    (_, i) => 500 + 2 * tv[i]! + 1.5 * search[i]! - 10 * price[i]! + 5 * normal(rand),
  );
  return {
    dates,
    outcome,
    channels: [
      { name: 'tv', input: tv, spend: tv },
      { name: 'search', input: search, spend: search },
    ],
    factors: [{ name: 'price', kind: 'external', values: price }],
  };
}

function problem(d: MmmData, config: MmmConfig = PYMC): Problem {
  const cfg = resolveConfig(config, d);
  return buildProblem(d, cfg, resolveWindow(d.dates, { from: d.dates[0]!, to: d.dates.at(-1)! }));
}

const logNormal = (x: number, sd: number) => -0.5 * (x / sd) ** 2 - Math.log(sd);

/**
 * PyMC-Marketing's default model written out on its own scale (target and channels over their
 * maxima, the factor standardized as our base design does), from its formulas: the log density of its
 * natural parameters (intercept, gamma, beta, lam, alpha, σ), up to a constant.
 */
function pymcReference(
  d: MmmData,
  nat: { intercept: number; gamma: number; beta: number[]; lam: number[]; alpha: number[]; sigma: number },
): number {
  const n = d.dates.length;
  const yMax = Math.max(...d.outcome);
  const pm = d.factors[0]!.values;
  const mean = pm.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(pm.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const mu = new Float64Array(n).fill(nat.intercept);
  for (let t = 0; t < n; t++) mu[t] = mu[t]! + (nat.gamma * (pm[t]! - mean)) / sd;
  d.channels.forEach((ch, c) => {
    const xMax = Math.max(...ch.input);
    const w = Array.from({ length: 8 }, (_, l) => nat.alpha[c]! ** l);
    const wSum = w.reduce((s, v) => s + v, 0);
    for (let t = 0; t < n; t++) {
      let a = 0;
      for (let l = 0; l < 8 && l <= t; l++) a += (w[l]! / wSum) * (ch.input[t - l]! / xMax);
      const v = nat.lam[c]! * a;
      mu[t] = mu[t]! + (nat.beta[c]! * (1 - Math.exp(-v))) / (1 + Math.exp(-v));
    }
  });
  let lp = 0;
  for (let t = 0; t < n; t++) lp += logNormal(d.outcome[t]! / yMax - mu[t]!, nat.sigma);
  lp += logNormal(nat.intercept, 2) + logNormal(nat.gamma, 2) + logNormal(nat.sigma, 2);
  for (let c = 0; c < d.channels.length; c++) {
    lp += logNormal(nat.beta[c]!, 2); // half-normal(2) on beta > 0
    lp += 2 * Math.log(nat.lam[c]!) - nat.lam[c]!; // Gamma(3, rate 1)
    lp += 2 * Math.log(1 - nat.alpha[c]!); // Beta(1, 3)
  }
  return lp;
}

/** θ's natural parameters in PyMC-Marketing's units, and log |∂natural/∂θ| (to a constant). */
function natural(p: Problem, theta: Float64Array) {
  const { ky, kx } = pymcScales(p);
  const B = p.nBase;
  const C = p.channels.length;
  const sig = (u: number) => 1 / (1 + Math.exp(-u));
  let logJ = 0;
  const alpha = p.channels.map((_, c) => {
    const s = sig(theta[p.uOffset[c]!]!);
    logJ += Math.log(s) + Math.log(1 - s);
    return 0.95 * s;
  });
  const lam = p.channels.map((_, c) => {
    const l = Math.exp(theta[p.uOffset[c]! + 1]!);
    logJ += Math.log(l);
    return l * kx[c]!;
  });
  const beta = p.channels.map((_, c) => {
    const b = Math.exp(theta[p.nU + B + c]!);
    logJ += Math.log(b);
    return b / ky;
  });
  const sigma = Math.exp(theta[p.nU + B + C]!);
  logJ += Math.log(sigma);
  return {
    nat: { intercept: theta[p.nU]! / ky, gamma: theta[p.nU + 1]! / ky, beta, lam, alpha, sigma: sigma / ky },
    logJ,
  };
}

/** Points around a plausible fit: retention near 0.4, λ near 1, β near 0.3 of the outcome's mean. */
function points(p: Problem, count: number): Float64Array[] {
  const rand = seededRandom(9);
  return Array.from({ length: count }, () => {
    const theta = new Float64Array(thetaSize(p));
    for (let c = 0; c < p.channels.length; c++) {
      theta[p.uOffset[c]!] = -0.3 + 0.5 * normal(rand);
      theta[p.uOffset[c]! + 1] = 0.3 * normal(rand);
      theta[p.nU + p.nBase + c] = Math.log(0.3) + 0.3 * normal(rand);
    }
    theta[p.nU] = 0.5 + 0.05 * normal(rand);
    theta[p.nU + 1] = -0.02 + 0.01 * normal(rand);
    theta[thetaSize(p) - 1] = Math.log(0.05) + 0.2 * normal(rand);
    return theta;
  });
}

describe("logPosterior(p, θ) with priorSet 'pymc-marketing'", () => {
  it('equals PyMC-Marketing’s default model on its own scale, Jacobians included, up to one constant', () => {
    const d = data();
    const p = problem(d);
    expect(p.pre).toBe(0);
    const gaps = points(p, 6).map((theta) => {
      const { nat, logJ } = natural(p, theta);
      return logPosterior(p, theta) - (pymcReference(d, nat) + logJ);
    });
    // One constant for all points: a wrong scale (max against mean), lag count or prior would move it
    // by far more than 1e-6 between points this far apart.
    for (const g of gaps) expect(Math.abs(g - gaps[0]!)).toBeLessThan(1e-6);
  });

  it('differs from the default priors (the option is read)', () => {
    const d = data();
    const theta = points(problem(d), 1)[0]!;
    const { priorSet: _, ...mixmodeler } = PYMC;
    const ours = problem(d, mixmodeler);
    const [a, b] = points(ours, 2);
    const pym = problem(d);
    expect(logPosterior(ours, a!) - logPosterior(ours, b!)).not.toBeCloseTo(
      logPosterior(pym, a!) - logPosterior(pym, b!),
      2,
    );
    expect(Number.isFinite(logPosterior(pym, theta))).toBe(true);
  });

  it.each(['coefficient', 'contribution'] as const)('its gradient matches central differences (%s scale)', (scale) => {
    const p = problem(data());
    for (const theta of points(p, 2)) {
      const grad = new Float64Array(thetaSize(p));
      logPosterior(p, theta, grad, scale);
      for (let k = 0; k < theta.length; k++) {
        const h = 1e-5;
        const up = theta.slice();
        const down = theta.slice();
        up[k] = up[k]! + h;
        down[k] = down[k]! - h;
        const fd = (logPosterior(p, up, undefined, scale) - logPosterior(p, down, undefined, scale)) / (2 * h);
        expect(Math.abs(grad[k]! - fd), `θ[${k}]`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });
});

describe("resolveConfig(config, data) with priorSet 'pymc-marketing'", () => {
  it('refuses the options PyMC-Marketing’s defaults do not cover, naming each', () => {
    const d = data();
    const bad = { ...PYMC, saturation: 'hill', trend: true } as MmmConfig;
    expect(() => resolveConfig(bad, d)).toThrow(ConfigError);
    expect(() => resolveConfig(bad, d)).toThrow(/saturation must be logistic; trend must be false/);
    expect(() => resolveConfig({ ...PYMC, priorSet: 'stan' as never }, d)).toThrow(/`priorSet` must be one of/);
    expect(resolveConfig(PYMC, d).priorSet).toBe('pymc-marketing');
  });
});
