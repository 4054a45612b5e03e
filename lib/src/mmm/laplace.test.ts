import { describe, expect, it } from 'vitest';
import { speedCase } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { laplaceIntervals, Z90 } from './laplace';
import { evaluate } from './objective';
import { buildProblem, mediaColumns, priorMeanU, priorRows, rowCoef, type Problem } from './problem';
import { resolveConfig, type MmmConfig } from './spec';
import { resolveWindow } from './window';
import { truncatedAtZero } from '../math/truncated-normal';

/** The inverse of a dense n × n matrix by Gauss–Jordan with partial pivoting (independent of linalg.ts). */
function inverse(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const d = m[c]![c]!;
    m[c] = m[c]!.map((v) => v / d);
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]!;
      m[r] = m[r]!.map((v, j) => v - f * m[c]![j]!);
    }
  }
  return m.map((row) => row.slice(n));
}

function problem(config: Omit<MmmConfig, 'lookback'>): Problem {
  const { data } = generateSynthetic(speedCase(2, 104));
  const cfg = resolveConfig({ lookback: 4, ...config }, data);
  const p = buildProblem(data, cfg, resolveWindow(data.dates, cfg.window));
  p.sigma = 0.05;
  p.poolRoi = 1.5;
  return p;
}

const sum = (z: Float64Array) => z.reduce((s, v) => s + v, 0);

describe('laplaceIntervals(p, best) when the posterior is Gaussian', () => {
  // With every media coefficient at 0 the outcome does not depend on the curve parameters u, so the
  // posterior is exactly Gaussian: u keeps its prior N(mean, sd²), independent of β, and β has the
  // linear-Gaussian posterior with precision XᵀX/σ² + Σ prior rows' coefᵀcoef (X = [base, media]).
  const p = problem({
    roiPriors: [{ channel: 'ch2', roi: 2, sd: 0.5, source: 'experiment' }],
  });
  const u = priorMeanU(p).map((v, k) => v + 0.1 * (k % 3));
  const beta = evaluate(p, u).beta.slice();
  for (let c = 0; c < p.channels.length; c++) beta[p.nBase + c] = 0;
  const best = evaluate(p, u, beta);
  const out = laplaceIntervals(p, best);

  const z = mediaColumns(p, u);
  const nb = p.nBase + p.channels.length;
  const column = (j: number, t: number) => (j < p.nBase ? p.base[t * p.nBase + j]! : z[j - p.nBase]![t]!);
  const precision = Array.from({ length: nb }, (_, a) =>
    Array.from({ length: nb }, (_, b) => {
      let s = 0;
      for (let t = 0; t < p.T; t++) s += (column(a, t) * column(b, t)) / p.sigma ** 2;
      return s;
    }),
  );
  for (const row of priorRows(p, z)) {
    for (const [a, ca] of rowCoef(row)) for (const [b, cb] of rowCoef(row)) precision[a]![b]! += ca * cb;
  }
  const covBeta = inverse(precision);
  const sdBeta = (c: number) => Math.sqrt(covBeta[p.nBase + c]![p.nBase + c]!);
  const roiPerBeta = (c: number) => (p.yMean * sum(z[c]!)) / p.spend[c]!;
  // The coefficients the normal equations give without the bound β ≥ 0: precision⁻¹ · (Xᵀy/σ² + Σ rows coef·target).
  const rhs = Array.from({ length: nb }, (_, a) => {
    let s = 0;
    for (let t = 0; t < p.T; t++) s += (column(a, t) * p.y[t]!) / p.sigma ** 2;
    return s;
  });
  for (const row of priorRows(p, z)) for (const [a, ca] of rowCoef(row)) rhs[a] = rhs[a]! + ca * row.target;
  const free = covBeta.map((r) => r.reduce((s, v, b) => s + v * rhs[b]!, 0));

  it.each([0, 1])("channel %i's curve parameters keep their prior and are independent of β", (c) => {
    const k = p.layouts[c]!.priors.length;
    const { mean, cov } = out.channels[c]!.posterior;
    const off = p.uOffset[c]!;
    expect(mean).toEqual([...Array.from(u.subarray(off, off + k)), 0]);
    p.layouts[c]!.priors.forEach((q, i) => {
      for (let j = 0; j <= k; j++) {
        if (i === j) expect(cov[i * (k + 1) + j]! / q.sd ** 2).toBeCloseTo(1, 6);
        else expect(Math.abs(cov[i * (k + 1) + j]!)).toBeLessThan(1e-9);
      }
    });
    expect(cov[k * (k + 1) + k]! / covBeta[p.nBase + c]![p.nBase + c]!).toBeCloseTo(1, 6);
  });

  it.each([0, 1])(
    "channel %i's ROI is the linear-Gaussian posterior truncated at 0, centred where the bound is lifted",
    (c) => {
      const ch = out.channels[c]!;
      const sd = roiPerBeta(c) * sdBeta(c);
      expect(ch.roiSd / sd).toBeCloseTo(1, 6);
      const t = truncatedAtZero(roiPerBeta(c) * free[p.nBase + c]!, sd);
      expect(ch.roi.mean).toBeGreaterThan(0);
      expect(ch.roi.mean / t.mean).toBeCloseTo(1, 6);
      expect(ch.roi.lower / t.quantile(0.05)).toBeCloseTo(1, 5);
      expect(ch.roi.upper / t.quantile(0.95)).toBeCloseTo(1, 6);
      expect(ch.contribution.mean / (t.mean * p.spend[c]!)).toBeCloseTo(1, 6);
      expect(ch.curveShare).toBeCloseTo(0, 6);
    },
  );

  it('the ROI correlation is the correlation of the two coefficients', () => {
    const [i, j] = [p.nBase, p.nBase + 1];
    const rho = covBeta[i]![j]! / Math.sqrt(covBeta[i]![i]! * covBeta[j]![j]!);
    expect(Math.abs(rho)).toBeGreaterThan(0.01);
    expect(out.roiCorrelation[0]![1]).toBeCloseTo(rho, 6);
    expect(out.roiCorrelation[1]![0]).toBeCloseTo(rho, 6);
    expect(out.roiCorrelation[0]![0]).toBe(1);
  });

  it('Z90 is the two-sided 90% normal quantile', () => {
    // erf(x) = 2/√π ∫₀ˣ e^(−t²) dt by Simpson's rule (2000 steps: error far below 1e-12).
    const erf = (x: number) => {
      const n = 2000;
      const h = x / n;
      let s = 0;
      for (let i = 0; i <= n; i++) s += (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * Math.exp(-((i * h) ** 2));
      return ((2 / Math.sqrt(Math.PI)) * s * h) / 3;
    };
    expect(0.5 * (1 + erf(Z90 / Math.SQRT2))).toBeCloseTo(0.95, 12);
  });
});

describe('laplaceIntervals(p, best) on data the model fits exactly', () => {
  // With the data residuals 0 and every prior row linear, JᵀJ is the exact Hessian of the negative
  // log posterior ½Σr², so the Laplace covariance must be its inverse: checked against a Hessian by
  // central second differences of the cost, and the ROI sd against the delta method on it.
  const p = problem({ spendShare: false });
  const u = priorMeanU(p).map((v, k) => v + 0.2 * ((k % 3) - 1));
  const beta = evaluate(p, u).beta.slice();
  beta[p.nBase] = 0.3;
  beta[p.nBase + 1] = 0.2;
  p.y = evaluate(p, u, beta).fitted.slice();
  const best = evaluate(p, u, beta);
  const out = laplaceIntervals(p, best);

  const phi = [...u, ...beta];
  const n = phi.length;
  const split = (x: number[]) => [Float64Array.from(x.slice(0, p.nU)), Float64Array.from(x.slice(p.nU))] as const;
  const cost = (x: number[]) => 0.5 * evaluate(p, ...split(x)).residuals.reduce((s, r) => s + r * r, 0);
  const step = phi.map((v) => 1e-4 * Math.max(1, Math.abs(v)));
  const moved = (moves: [number, number][]) => {
    const x = phi.slice();
    for (const [k, d] of moves) x[k] = x[k]! + d * step[k]!;
    return x;
  };
  const hessian = Array.from({ length: n }, (_, a) =>
    Array.from(
      { length: n },
      (_, b) =>
        (cost(
          moved([
            [a, 1],
            [b, 1],
          ]),
        ) -
          cost(
            moved([
              [a, 1],
              [b, -1],
            ]),
          ) -
          cost(
            moved([
              [a, -1],
              [b, 1],
            ]),
          ) +
          cost(
            moved([
              [a, -1],
              [b, -1],
            ]),
          )) /
        (4 * step[a]! * step[b]!),
    ),
  );
  const cov = inverse(hessian);
  const indices = (c: number) => [
    ...Array.from({ length: p.layouts[c]!.priors.length }, (_, k) => p.uOffset[c]! + k),
    p.nU + p.nBase + c,
  ];
  const contribution = (c: number, x: number[]) => {
    const [uu, bb] = split(x);
    return p.yMean * bb[p.nBase + c]! * sum(mediaColumns(p, uu)[c]!);
  };
  const gradient = (c: number) =>
    indices(c).map((k) => (contribution(c, moved([[k, 1]])) - contribution(c, moved([[k, -1]]))) / (2 * step[k]!));
  const variance = (c: number, d: number) => {
    let v = 0;
    const [gc, gd] = [gradient(c), gradient(d)];
    indices(c).forEach((i, x) => indices(d).forEach((j, y) => (v += gc[x]! * cov[i]![j]! * gd[y]!)));
    return v;
  };

  it('the data residuals are 0 and the data inform the curves', () => {
    for (let t = 0; t < p.T; t++) expect(best.residuals[t]).toBe(0);
    const k = p.uOffset[0]!;
    expect(hessian[k]![k]! * p.layouts[0]!.priors[0]!.sd ** 2).toBeGreaterThan(2);
  });

  it.each([0, 1])("channel %i's posterior block is the inverse Hessian's", (c) => {
    const idx = indices(c);
    const got = out.channels[c]!.posterior.cov;
    idx.forEach((i, x) =>
      idx.forEach((j, y) => {
        const scale = Math.sqrt(cov[i]![i]! * cov[j]![j]!);
        expect(Math.abs(got[x * idx.length + y]! - cov[i]![j]!) / scale).toBeLessThan(1e-3);
      }),
    );
  });

  it.each([0, 1])("channel %i's ROI sd is the delta method's on the inverse Hessian", (c) => {
    const ch = out.channels[c]!;
    const sd = Math.sqrt(variance(c, c)) / p.spend[c]!;
    expect(ch.roiSd / sd).toBeCloseTo(1, 3);
    // Far from the bound the truncation barely moves the Gaussian's mean and quantiles.
    const t = truncatedAtZero(contribution(c, phi) / p.spend[c]!, ch.roiSd);
    expect(ch.roi.mean).toBeCloseTo(t.mean, 12);
    expect(ch.roi.upper).toBeCloseTo(t.quantile(0.95), 12);
    expect(Math.abs(ch.roi.upper - ch.roi.mean - Z90 * ch.roiSd) / ch.roiSd).toBeLessThan(0.05);
    expect(ch.curveShare).toBeGreaterThan(0);
  });

  it('the ROI correlation is the delta method correlation', () => {
    const rho = variance(0, 1) / Math.sqrt(variance(0, 0) * variance(1, 1));
    expect(out.roiCorrelation[0]![1]).toBeCloseTo(rho, 3);
  });
});
