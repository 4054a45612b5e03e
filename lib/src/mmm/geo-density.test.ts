import { describe, expect, it } from 'vitest';
import { normal, seededRandom } from '../math/random';
import { GEO_PANEL_SPEC, generateGeoPanel } from '../synth/geo-panel';
import { geoDensity, geoEpsOf, geoLogDensity, phiAt, type GeoDensity } from './geo-density';
import { drawRoiConditional, roiMarginalTerm } from './geo-marginal-roi';
import { fillMediaColumns, mediaColumnsBuffers } from './media-derivatives';
import { rowsLogDensity } from './rows-density';
import { geoTargetProblem, phiOfZeta } from './geo-posterior-target';
import { geoNegativeHessian } from './geo-posterior';
import { cholesky, choleskySolve } from '../math/linalg';
import { priorMeanU } from './problem';
import { resolveConfig, type MmmConfig } from './spec';
import { resolveWindow } from './window';

function density(
  config: MmmConfig,
  roiPriors = false,
  centring: (k: number) => number = () => 1,
  marginalBase = false,
  marginalRoi = false,
): GeoDensity {
  const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 3, weeks: 60, seed: 4 });
  const byGeo = panel.geos.map((g) => g.data);
  const cfg = resolveConfig({ ...config, window: panel.window }, byGeo[0]!);
  const q = geoTargetProblem({
    byGeo,
    config: cfg,
    window: resolveWindow(byGeo[0]!.dates, cfg.window),
    pool: 1.6,
    spendShareSd: cfg.spendShareSd,
    roiPriors: roiPriors ? [{ c: 1, roi: 2.4, sd: 0.3 }] : [],
  });
  return geoDensity(
    q,
    Array.from({ length: q.G * q.C }, (_, k) => centring(k)),
    marginalBase,
    marginalRoi,
  );
}

/** A plausible point: curves near their prior means, ROIs near 1.6, σ near 0.1, with noise. */
function somewhere(d: GeoDensity, seed: number): Float64Array {
  const l = d.layout;
  const rand = seededRandom(seed);
  const phi = new Float64Array(l.dim);
  const u0 = priorMeanU(d.q.geos[0]!);
  for (let k = 0; k < l.nU; k++) phi[phiAt.u(l, k)] = u0[k]! + 0.3 * normal(rand);
  for (let c = 0; c < l.C; c++) {
    phi[phiAt.rho(l, c)] = Math.log(1.6) + 0.2 * normal(rand);
    phi[phiAt.logTau(l, c)] = Math.log(0.3) + 0.3 * normal(rand);
  }
  for (let g = 0; g < l.G; g++) {
    if (l.Bs > 0) phi[phiAt.base(l, g, 0)] = 0.6 + 0.1 * normal(rand);
    for (let j = 1; j < l.Bs; j++) phi[phiAt.base(l, g, j)] = 0.05 * normal(rand);
    for (let c = 0; c < l.Cs; c++) {
      phi[phiAt.eps(l, g, c)] = geoEpsOf(d, phi, g, c, phi[phiAt.rho(l, c)]! + 0.3 * normal(rand));
    }
    phi[phiAt.logSigma(l, g)] = Math.log(0.1) + 0.2 * normal(rand);
  }
  return phi;
}

/** Checks the gradient of the density at two points against central differences. */
function checkGradient(d: GeoDensity): void {
  for (const seed of [1, 2]) {
    const phi = somewhere(d, seed);
    const grad = new Float64Array(phi.length);
    const lp = geoLogDensity(d, phi, grad);
    expect(Number.isFinite(lp)).toBe(true);
    expect(geoLogDensity(d, phi)).toBeCloseTo(lp, 9);
    for (let k = 0; k < phi.length; k++) {
      const h = 1e-6 * Math.max(1, Math.abs(phi[k]!));
      const a = phi.slice();
      const b = phi.slice();
      a[k] = a[k]! + h;
      b[k] = b[k]! - h;
      const fd = (geoLogDensity(d, a) - geoLogDensity(d, b)) / (2 * h);
      expect(Math.abs(grad[k]! - fd)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd)));
    }
  }
}

describe('geoLogDensity(d, phi, grad)', () => {
  const configs: [string, MmmConfig, boolean][] = [
    ['geometric + hill, spend share', { lookback: 8, adstock: 'geometric' }, false],
    ['delayed + logistic, an ROI prior', { lookback: 6, adstock: 'delayed', saturation: 'logistic' }, true],
    [
      'weibull-pdf + hill, knots, no spend share',
      { lookback: 8, adstock: 'weibull-pdf', baseline: 'knots', spendShare: false },
      false,
    ],
  ];
  it.each(configs)('its gradient matches central differences (%s), centred, not and partly', (_, config, priors) => {
    checkGradient(density(config, priors, () => 0));
    checkGradient(density(config, priors, () => 1));
    checkGradient(density(config, priors, (k) => (k % 5) / 4));
  });
  it.each(configs)(
    'with the base integrated out, its gradient matches central differences (%s)',
    (_, config, priors) => {
      checkGradient(density(config, priors, (k) => (k % 5) / 4, true));
    },
  );
  it.each(configs)(
    'with the base integrated out, it is the log integral of the full density over the base (%s)',
    (_, config, priors) => {
      const full = density(config, priors, (k) => (k % 3) / 2);
      const marg = density(config, priors, (k) => (k % 3) / 2, true);
      const lf = full.layout;
      const lm = marg.layout;
      const B = lf.B;
      const constants: number[] = [];
      for (const seed of [1, 2]) {
        const x = somewhere(marg, seed);
        // The full φ at the base's conditional mean b̂: there the full density's gradient in b is 0, and
        // being Gaussian in b its integral is full(b̂) + (B/2) log 2π − ½ log|Λ|, Λ its negative Hessian in b.
        const phi = new Float64Array(lf.dim);
        for (let g = 0; g < lf.G; g++) {
          for (let c = 0; c < lf.C; c++) phi[phiAt.eps(lf, g, c)] = x[phiAt.eps(lm, g, c)]!;
          phi[phiAt.logSigma(lf, g)] = x[phiAt.logSigma(lm, g)]!;
        }
        phi.set(x.subarray(lm.shared), lf.shared);
        const grad = new Float64Array(lf.dim);
        geoLogDensity(full, phi, grad);
        // b̂ by Newton on the exact quadratic: one step from 0 with the Hessian by differences.
        const hess = new Float64Array(lf.G * B * B);
        const up = new Float64Array(lf.dim);
        const down = new Float64Array(lf.dim);
        for (let j = 0; j < B; j++) {
          const a = phi.slice();
          const b = phi.slice();
          for (let g = 0; g < lf.G; g++) {
            a[phiAt.base(lf, g, j)] = a[phiAt.base(lf, g, j)]! + 1e-4;
            b[phiAt.base(lf, g, j)] = b[phiAt.base(lf, g, j)]! - 1e-4;
          }
          geoLogDensity(full, a, up);
          geoLogDensity(full, b, down);
          for (let g = 0; g < lf.G; g++) {
            for (let i = 0; i < B; i++) {
              hess[g * B * B + i * B + j] = -(up[phiAt.base(lf, g, i)]! - down[phiAt.base(lf, g, i)]!) / 2e-4;
            }
          }
        }
        let logDet = 0;
        for (let g = 0; g < lf.G; g++) {
          const h = hess.subarray(g * B * B, (g + 1) * B * B);
          const chol = cholesky(Float64Array.from(h), B)!;
          const step = choleskySolve(
            chol,
            B,
            Float64Array.from({ length: B }, (_, i) => grad[phiAt.base(lf, g, i)]!),
          );
          for (let i = 0; i < B; i++) phi[phiAt.base(lf, g, i)] = step[i]!;
          for (let i = 0; i < B; i++) logDet += 2 * Math.log(chol[i * B + i]!);
        }
        geoLogDensity(full, phi, grad);
        for (let g = 0; g < lf.G; g++) {
          for (let i = 0; i < B; i++) expect(Math.abs(grad[phiAt.base(lf, g, i)]!)).toBeLessThan(1e-5);
        }
        const integral = geoLogDensity(full, phi) + ((lf.G * B) / 2) * Math.log(2 * Math.PI) - 0.5 * logDet;
        constants.push(integral - geoLogDensity(marg, x));
      }
      // The same up to a constant that depends on nothing in φ: at another point it is the same.
      expect(constants[1]).toBeCloseTo(constants[0]!, 5);
    },
  );
});

/**
 * Geo g's joint log density in θ = [b (B) | ROI (C)] given φ, written out from the model: the likelihood
 * with media columns ROI_c · z_c/S_c · spend_c/ȳ, the base's prior rows, the Gaussian ROI prior
 * N(r_c, (τ_c r_c)²) with its normalizing −log(τ_c r_c), and σ's half-normal prior with its Jacobian.
 */
function jointInTheta(d: GeoDensity, g: number, phi: Float64Array): (theta: Float64Array) => number {
  const l = d.layout;
  const { B, C } = l;
  const p = d.q.geos[g]!;
  const cols = mediaColumnsBuffers(p);
  fillMediaColumns(p, phi.subarray(l.shared, l.shared + l.nU), cols, false);
  const media = cols.z.map((z, c) => {
    const S = z.reduce((a, v) => a + v, 0);
    return Float64Array.from(z, (v) => (v / S) * (p.spend[c]! / p.yMean));
  });
  const logSigma = phi[phiAt.logSigma(l, g)]!;
  const s2 = Math.exp(2 * logSigma);
  return (theta) => {
    let ss = 0;
    for (let t = 0; t < p.T; t++) {
      let f = 0;
      for (let j = 0; j < B; j++) f += p.base[t * B + j]! * theta[j]!;
      for (let c = 0; c < C; c++) f += media[c]![t]! * theta[B + c]!;
      ss += (p.y[t]! - f) ** 2;
    }
    let lp = -p.T * logSigma - (0.5 * ss) / s2 - 0.5 * s2 + logSigma;
    lp += rowsLogDensity(d.baseRows, theta.subarray(0, B), null, null);
    for (let c = 0; c < C; c++) {
      const r = Math.exp(phi[phiAt.rho(l, c)]!);
      const sd = Math.exp(phi[phiAt.logTau(l, c)]!) * r;
      lp += -0.5 * ((theta[B + c]! - r) / sd) ** 2 - Math.log(sd);
    }
    return lp;
  };
}

/**
 * A Gaussian-shaped f in θ [K]: its maximum (one Newton step), the factor of its negative Hessian (by
 * differences, exact for a quadratic) and log ∫ f(θ) dθ.
 */
function gaussianShape(f: (theta: Float64Array) => number, K: number) {
  const h = 0.05;
  const at = (i: number, di: number, j: number, dj: number) => {
    const x = new Float64Array(K);
    x[i] = x[i]! + di;
    x[j] = x[j]! + dj;
    return f(x);
  };
  const grad = Float64Array.from({ length: K }, (_, i) => (at(i, h, i, 0) - at(i, -h, i, 0)) / (2 * h));
  const neg = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const v = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
      neg[i * K + j] = -v;
    }
  }
  const chol = cholesky(neg, K)!;
  const top = choleskySolve(chol, K, grad);
  let logDet = 0;
  for (let i = 0; i < K; i++) logDet += 2 * Math.log(chol[i * K + i]!);
  return { top, chol, logIntegral: f(top) + (K / 2) * Math.log(2 * Math.PI) - 0.5 * logDet };
}

describe('geoLogDensity with the base and ROIs integrated out (marginalRoi)', () => {
  const configs: [string, MmmConfig, boolean][] = [
    ['geometric + hill, spend share', { lookback: 8, adstock: 'geometric' }, false],
    ['delayed + logistic, an ROI prior', { lookback: 6, adstock: 'delayed', saturation: 'logistic' }, true],
    ['weibull-pdf + hill, knots', { lookback: 8, adstock: 'weibull-pdf', baseline: 'knots' }, false],
  ];
  it.each(configs)('its gradient matches central differences (%s)', (_, config, priors) => {
    const d = density(config, priors, () => 1, false, true);
    expect(d.layout.dim).toBe(d.layout.G + d.layout.nU + 2 * d.layout.C);
    checkGradient(d);
  });
  it.each(configs)('each geo term is the log integral of its joint over base and ROIs (%s)', (_, config, priors) => {
    const d = density(config, priors, () => 1, false, true);
    const l = d.layout;
    const gaps: number[] = [];
    for (const seed of [1, 2, 3]) {
      const phi = somewhere(d, seed);
      geoLogDensity(d, phi);
      for (let g = 0; g < l.G; g++) {
        const term = roiMarginalTerm(d, g, phi);
        gaps.push(term - gaussianShape(jointInTheta(d, g, phi), l.B + l.C).logIntegral);
      }
    }
    // The same up to a constant of nothing in φ (the base rows' and 2π's normalizers): at every point and geo.
    for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0]!, 6);
  });
  it('draws each geo base and its ROIs from their Gaussian conditional: its mean and variances', () => {
    const d = density({ lookback: 8, adstock: 'geometric' }, false, () => 1, false, true);
    const l = d.layout;
    const K = l.B + l.C;
    const phi = somewhere(d, 5);
    geoLogDensity(d, phi);
    const { top, chol } = gaussianShape(jointInTheta(d, 1, phi), K);
    // The conditional's variances: the diagonal of the negative Hessian's inverse.
    const variance = Float64Array.from({ length: K }, (_, i) => {
      const e = new Float64Array(K);
      e[i] = 1;
      return choleskySolve(chol, K, e)[i]!;
    });
    const rand = seededRandom(11);
    const n = 4000;
    const sum = new Float64Array(K);
    const sq = new Float64Array(K);
    const out = new Float64Array(K);
    const xi = new Float64Array(K);
    for (let s = 0; s < n; s++) {
      for (let k = 0; k < K; k++) xi[k] = normal(rand);
      expect(drawRoiConditional(d, 1, phi, xi, out)).toBe(true);
      for (let k = 0; k < K; k++) {
        sum[k] = sum[k]! + out[k]!;
        sq[k] = sq[k]! + (out[k]! - top[k]!) ** 2;
      }
    }
    for (let k = 0; k < K; k++) {
      const sd = Math.sqrt(variance[k]!);
      // 4 standard errors of a mean, and of a variance (sd of s² about σ²·√(2/n)).
      expect(Math.abs(sum[k]! / n - top[k]!)).toBeLessThan((4 * sd) / Math.sqrt(n));
      expect(Math.abs(sq[k]! / n / variance[k]! - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    }
  });
});

describe('geoNegativeHessian(d, phi) and phiOfZeta', () => {
  it('the structured Hessian equals the dense one, and its factor keeps the blocks between geos 0', () => {
    const d = density({ lookback: 8, adstock: 'geometric' });
    const l = d.layout;
    const phi = somewhere(d, 3);
    const h = geoNegativeHessian(d, phi);
    const n = l.dim;
    const up = new Float64Array(n);
    const down = new Float64Array(n);
    for (const j of [0, l.B, l.local + 2, 2 * l.local + l.B + l.C, l.shared + 1, n - 1]) {
      const step = 1e-5 * Math.max(1, Math.abs(phi[j]!));
      const a = phi.slice();
      const b = phi.slice();
      a[j] = a[j]! + step;
      b[j] = b[j]! - step;
      geoLogDensity(d, a, up);
      geoLogDensity(d, b, down);
      for (let i = 0; i < n; i++) {
        const dense = -(up[i]! - down[i]!) / (2 * step);
        expect(Math.abs(h[i * n + j]! - dense)).toBeLessThan(1e-4 * Math.max(1, Math.abs(dense)));
      }
    }
    // φ = mode + L⁻ᵀζ by the sparse back-substitution solves Lᵀ(φ − mode) = ζ.
    // A matrix of the same pattern made diagonally dominant, so that it factors.
    const m = h.slice();
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += Math.abs(h[i * n + j]!);
      m[i * n + i] = m[i * n + i]! + s;
    }
    const chol = cholesky(m, n)!;
    expect(chol[(l.local + 1) * n + 0]).toBe(0);
    const rand = seededRandom(9);
    const zeta = Float64Array.from({ length: n }, () => normal(rand));
    const out = phiOfZeta(l, phi, chol, zeta, new Float64Array(n));
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = i; k < n; k++) s += chol[k * n + i]! * (out[k]! - phi[k]!);
      expect(s).toBeCloseTo(zeta[i]!, 8);
    }
  });
});
