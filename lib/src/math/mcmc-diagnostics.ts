import { InputError } from '../errors';
import { autocovariance } from './autocovariance';
import { normalQuantile } from './normal-quantile';

// Convergence diagnostics of Vehtari, Gelman, Simpson, Carpenter & Bürkner (2021), "Rank-normalization,
// folding, and localization: an improved R-hat", as the posterior R package and Stan compute them.
// Every function takes one quantity's draws as a row-major block [chains × draws].

/** One quantity's draws, row-major [chains × draws]. */
export interface ChainDraws {
  values: Float64Array;
  chains: number;
}

function check({ values, chains }: ChainDraws): number {
  if (!Number.isInteger(chains) || chains < 1 || values.length % chains !== 0) {
    throw new InputError(`draws of length ${values.length} do not split into ${chains} chains`);
  }
  return values.length / chains;
}

/**
 * Splits each chain into halves (the middle draw of an odd-length chain dropped): 2m chains of ⌊n/2⌋.
 * @returns [2·chains × ⌊draws/2⌋] row-major
 */
export function splitChains(d: ChainDraws): ChainDraws {
  const n = check(d);
  const half = Math.floor(n / 2);
  const out = new Float64Array(2 * d.chains * half);
  for (let c = 0; c < d.chains; c++) {
    out.set(d.values.subarray(c * n, c * n + half), 2 * c * half);
    out.set(d.values.subarray(c * n + n - half, c * n + n), (2 * c + 1) * half);
  }
  return { values: out, chains: 2 * d.chains };
}

/**
 * Rank normalization: z = Φ⁻¹((r − 3/8)/(S + 1/4)) with r the rank of a draw among all S draws
 * (ties get their average rank), in the same layout.
 */
export function rankNormalize(d: ChainDraws): ChainDraws {
  const x = d.values;
  const s = x.length;
  // A draw's ties occupy sorted[i..j] of the numerically sorted copy (the typed array's own sort,
  // several times faster than sorting indices with a comparator); without ties the normal scores
  // are the same for every quantity of s draws, so they are kept.
  const sorted = Float64Array.from(x).sort();
  const scores = rankScores(s);
  const out = new Float64Array(s);
  for (let k = 0; k < s; k++) {
    const v = x[k]!;
    let lo = 0;
    let hi = s;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    let j = lo;
    while (j + 1 < s && sorted[j + 1] === v) j++;
    out[k] = j === lo ? scores[lo]! : normalQuantile(((lo + j) / 2 + 1 - 0.375) / (s + 0.25));
  }
  return { values: out, chains: d.chains };
}

/** Φ⁻¹((r + 1 − 3/8)/(S + 1/4)) for the ranks r = 0 … S − 1 of S draws, kept for the last S asked. */
let lastScores = new Float64Array(0);
function rankScores(s: number): Float64Array {
  if (lastScores.length !== s) {
    lastScores = Float64Array.from({ length: s }, (_, r) => normalQuantile(((r + r) / 2 + 1 - 0.375) / (s + 0.25)));
  }
  return lastScores;
}

/** Means of each chain, and the mean within-chain variance W (divisor n − 1). */
function chainMoments(d: ChainDraws): { means: Float64Array; within: number; n: number } {
  const n = check(d);
  const means = new Float64Array(d.chains);
  let within = 0;
  for (let c = 0; c < d.chains; c++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += d.values[c * n + i]!;
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (d.values[c * n + i]! - m) ** 2;
    means[c] = m;
    within += v / (n - 1) / d.chains;
  }
  return { means, within, n };
}

function variance(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i]!;
  m /= x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i]! - m) ** 2;
  return v / (x.length - 1);
}

/**
 * The classic potential scale reduction of chains as given (no splitting, no ranks):
 * R̂ = √(((n − 1)/n · W + B/n) / W), B/n the variance of the chain means.
 */
export function basicRhat(d: ChainDraws): number {
  const { means, within, n } = chainMoments(d);
  if (n < 2 || d.chains < 2) return Number.NaN;
  const between = variance(means);
  return Math.sqrt((((n - 1) / n) * within + between) / within);
}

/**
 * Rank-normalized split R̂: the larger of the bulk R̂ (of the rank-normalized split chains) and the
 * tail R̂ (of the folded draws |x − median|, rank-normalized). Below 1.01 is what Stan asks for.
 * @returns NaN with fewer than 4 draws per chain or constant draws
 */
export function rhat(d: ChainDraws): number {
  if (check(d) < 4) return Number.NaN;
  const split = splitChains(d);
  const median = quantile(d.values, 0.5);
  const folded = { values: split.values.map((v) => Math.abs(v - median)), chains: split.chains };
  return Math.max(basicRhat(rankNormalize(split)), basicRhat(rankNormalize(folded)));
}

/**
 * The effective sample size of chains as given: S / τ̂ with τ̂ = −1 + 2 Σ ρ̂_t, the autocorrelations
 * ρ̂_t = 1 − (W − mean_c γ̂_c(t)) / var⁺ combined over chains, summed over Geyer's initial monotone
 * sequence (pairs ρ̂_2k + ρ̂_2k+1 while positive, made non-increasing), τ̂ ≥ 1/log₁₀ S.
 * @returns NaN with fewer than 3 draws per chain or a zero variance
 */
export function effectiveSampleSize(d: ChainDraws): number {
  const n = check(d);
  const m = d.chains;
  if (n < 3) return Number.NaN;
  const acov = new Float64Array(n);
  const meanAcov = new Float64Array(n);
  const means = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    const x = d.values.subarray(c * n, (c + 1) * n);
    autocovariance(x, acov);
    for (let t = 0; t < n; t++) meanAcov[t] = meanAcov[t]! + acov[t]! / m;
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i]!;
    means[c] = s / n;
  }
  const meanVar = (meanAcov[0]! * n) / (n - 1);
  const varPlus = (meanVar * (n - 1)) / n + (m > 1 ? variance(means) : 0);
  if (!(varPlus > 0)) return Number.NaN;
  const r = (t: number) => 1 - (meanVar - meanAcov[t]!) / varPlus;
  const rho = new Float64Array(n);
  rho[0] = 1;
  let even = 1;
  let odd = r(1);
  rho[1] = odd;
  let t = 0;
  while (t < n - 5 && even + odd > 0) {
    t += 2;
    even = r(t);
    odd = r(t + 1);
    if (even + odd >= 0) {
      rho[t] = even;
      rho[t + 1] = odd;
    }
  }
  const last = t;
  if (even > 0) rho[last] = even;
  for (let k = 2; k <= last - 2; k += 2) {
    const prev = rho[k - 2]! + rho[k - 1]!;
    if (rho[k]! + rho[k + 1]! > prev) rho[k] = rho[k + 1] = prev / 2;
  }
  let tau = -1 + rho[last]!;
  for (let k = 0; k < last; k++) tau += 2 * rho[k]!;
  const s = n * m;
  return s / Math.max(tau, 1 / Math.log10(s));
}

/** Bulk ESS: the ESS of the rank-normalized split chains (how well the centre is explored). */
export function essBulk(d: ChainDraws): number {
  return effectiveSampleSize(rankNormalize(splitChains(d)));
}

/** Tail ESS: the smaller ESS of the indicators x ≤ q₀.₀₅ and x ≤ q₀.₉₅ over split chains. */
export function essTail(d: ChainDraws): number {
  const split = splitChains(d);
  return Math.min(
    ...[0.05, 0.95].map((p) => {
      const q = quantile(d.values, p);
      return effectiveSampleSize({ values: split.values.map((v) => (v <= q ? 1 : 0)), chains: split.chains });
    }),
  );
}

/** The Monte Carlo standard error of the posterior mean: sd(x) / √ESS, ESS of the split chains as they are. */
export function mcseMean(d: ChainDraws): number {
  return Math.sqrt(variance(d.values) / effectiveSampleSize(splitChains(d)));
}

/**
 * The energy Bayesian fraction of missing information of one chain (Betancourt 2016):
 * E-BFMI = Σ_{i≥1} (E_i − E_{i−1})² / Σ_i (E_i − Ē)². Below 0.3 the momentum resampling explores the
 * energy levels poorly (heavy tails, a funnel).
 *
 * @param energy the Hamiltonian of each draw, shape [draws]
 */
export function ebfmi(energy: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < energy.length; i++) mean += energy[i]!;
  mean /= energy.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < energy.length; i++) {
    den += (energy[i]! - mean) ** 2;
    if (i > 0) num += (energy[i]! - energy[i - 1]!) ** 2;
  }
  return num / den;
}

/** The p-quantile of draws by linear interpolation between order statistics (R's type 7). */
export function quantile(x: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(x).sort();
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Mean, sd, MCSE of the mean, R̂, bulk and tail ESS of one quantity. */
export interface DrawSummary {
  mean: number;
  sd: number;
  mcseMean: number;
  rhat: number;
  essBulk: number;
  essTail: number;
}

/** The usual summary of one quantity's draws [chains × draws]. */
export function summarizeDraws(d: ChainDraws): DrawSummary {
  let mean = 0;
  for (let i = 0; i < d.values.length; i++) mean += d.values[i]!;
  mean /= d.values.length;
  return {
    mean,
    sd: Math.sqrt(variance(d.values)),
    mcseMean: mcseMean(d),
    rhat: rhat(d),
    essBulk: essBulk(d),
    essTail: essTail(d),
  };
}
