import { normalQuantile } from './normal-quantile';

/**
 * The standard normal CDF Φ(x), through erfc by its Chebyshev fit (Numerical Recipes' `erfcc`,
 * fractional error < 1.2·10⁻⁷ everywhere).
 *
 * @example normalCdf(1.6448536) // 0.95
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/** Below this standardized centre μ/s the truncated normal is computed by its exponential tail. */
const TAIL = -8;

/**
 * A normal N(μ, s²) truncated to [0, ∞): the posterior of an effect that cannot be negative, when
 * its Gaussian approximation puts mass below 0. Its mean is never 0 (the mode may be), so a point
 * estimate from it never sits on the bound.
 *
 * @returns the mean and the quantile function
 * @example truncatedAtZero(0, 1).mean // √(2/π) ≈ 0.798
 */
export function truncatedAtZero(mu: number, s: number): { mean: number; quantile: (p: number) => number } {
  if (!(s > 0)) {
    const m = Math.max(mu, 0);
    return { mean: m, quantile: () => m };
  }
  const a = mu / s;
  if (a < TAIL) {
    // Far below the bound the truncated normal is close to an exponential of rate −μ/s².
    const scale = (s * s) / -mu;
    return { mean: scale, quantile: (p) => -Math.log(1 - p) * scale };
  }
  // P(X ≥ 0) = Φ(μ/s), taken directly (not 1 − Φ(−μ/s)) so that it keeps its digits when small;
  // the quantile of p is then μ − s·Φ⁻¹((1 − p)·kept), by the symmetry Φ⁻¹(1 − q) = −Φ⁻¹(q).
  const kept = normalCdf(a);
  const density = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI);
  return {
    mean: mu + (s * density) / kept,
    quantile: (p) => Math.max(0, mu - s * normalQuantile((1 - p) * kept)),
  };
}
