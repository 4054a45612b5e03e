// The generalized Pareto distribution (GPD) with location 0, shape k and scale σ, and its fit by
// Zhang & Stephens (2009), "A new and efficient estimation method for the generalized Pareto
// distribution", Technometrics 51(3). Here k > 0 is a heavy tail (the sign of Zhang & Stephens' k is
// flipped), as in Vehtari et al., "Pareto smoothed importance sampling".

/** Shape k and scale σ of a fitted generalized Pareto distribution. */
export interface GpdFit {
  k: number;
  sigma: number;
}

/**
 * Fits a GPD with location 0 to exceedances by Zhang & Stephens' profile-posterior mean.
 *
 * With b = k/σ, the likelihood maximized over k for fixed b has k(b) = mean_i log(1 + b·x_i) and
 * profile log likelihood ℓ(b) = n·(log(b / k(b)) − k(b) − 1). The estimate is the mean of b over a
 * grid of m = 30 + ⌊√n⌋ points placed at quantiles of Zhang & Stephens' prior (with x* the first
 * quartile): b_j = −1/x_(n) + (√(m/(j − ½)) − 1)/(3·x*), weighted by exp(ℓ(b_j)); then
 * k = mean_i log(1 + b̂·x_i) and σ = k/b̂. No prior on k is applied here: see {@link shrinkShape}.
 *
 * @param x exceedances of shape [n], sorted ascending, ≥ 0 and not all equal (trusted, not checked)
 * @example gpdFit(sortedExceedances) // { k: 0.48, sigma: 1.03 } for a sample from k = 0.5, σ = 1
 */
export function gpdFit(x: Float64Array): GpdFit {
  const n = x.length;
  const m = 30 + Math.floor(Math.sqrt(n));
  const xMax = x[n - 1]!;
  let xStar = x[Math.max(0, Math.floor(n / 4 + 0.5) - 1)]!;
  // Ties at the threshold make the first quartile 0; the smallest positive value keeps the grid finite.
  for (let i = 0; !(xStar > 0) && i < n; i++) xStar = x[i]!;
  const b = new Float64Array(m);
  const logLik = new Float64Array(m);
  let maxLogLik = -Infinity;
  for (let j = 0; j < m; j++) {
    b[j] = -1 / xMax + (Math.sqrt(m / (j + 0.5)) - 1) / (3 * xStar);
    logLik[j] = profileLogLik(x, b[j]!);
    if (logLik[j]! > maxLogLik) maxLogLik = logLik[j]!;
  }
  let weightSum = 0;
  let bHat = 0;
  for (let j = 0; j < m; j++) {
    const w = Math.exp(logLik[j]! - maxLogLik);
    weightSum += w;
    bHat += w * b[j]!;
  }
  bHat /= weightSum;
  const k = meanLog1p(x, bHat);
  return { k, sigma: bHat === 0 ? mean(x) : k / bHat };
}

/**
 * The weakly informative prior on the shape used by PSIS (Vehtari et al., appendix; R `loo`): a
 * normal prior centred at ½ worth 10 observations, k̃ = (n·k + 10·½)/(n + 10).
 *
 * @param k the shape estimated from n exceedances
 * @param n the number of exceedances
 * @example shrinkShape(0.9, 190) // 0.88
 */
export function shrinkShape(k: number, n: number): number {
  return (n * k + 10 * 0.5) / (n + 10);
}

/**
 * The GPD quantile: Q(p) = σ·((1 − p)^(−k) − 1)/k, and −σ·log(1 − p) in the limit k → 0.
 *
 * @param p a probability in [0, 1)
 * @example gpdQuantile(0.5, 0, 1) // log 2
 */
export function gpdQuantile(p: number, k: number, sigma: number): number {
  const logTail = Math.log1p(-p);
  return Math.abs(k) < 1e-12 ? -sigma * logTail : (sigma * Math.expm1(-k * logTail)) / k;
}

// ℓ(b) = n·(log(b / k(b)) − k(b) − 1); b / k(b) → 1/mean(x) as b → 0.
function profileLogLik(x: Float64Array, b: number): number {
  const n = x.length;
  if (b === 0) return n * (-Math.log(mean(x)) - 1);
  const k = meanLog1p(x, b);
  return n * (Math.log(b / k) - k - 1);
}

function meanLog1p(x: Float64Array, b: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.log1p(b * x[i]!);
  return s / x.length;
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}
