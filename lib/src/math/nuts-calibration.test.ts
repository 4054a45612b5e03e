import { describe, expect, it } from 'vitest';
import { sampleNuts, type LogDensityTarget } from './nuts';
import { normal, seededRandom } from './random';

// Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari & Gelman 2018): draw θ* from the
// prior, data from θ*, and sample the posterior; the rank of θ* among L posterior draws is uniform on
// 0 … L exactly when the sampler draws from the posterior. The model is a small Bayesian linear
// regression, y_i = b₀ + b₁ x_i + ε_i, ε_i ~ N(0, 1), b ~ N(0, I), x = 0 … 2 at 8 points (b₀ and b₁
// correlate at about −0.8 a posteriori). The same ranks are also taken of two deliberately wrong
// samplers built from the same draws: spread 1.5× around their mean, and shifted by 0.5 sd. 400
// replications: the wrong ones then fail with χ² ≈ 50–130, while the correct one stays below 18 (10
// seeds tried); 200 would leave the 1.5× spread close to the threshold.

const X = Array.from({ length: 8 }, (_, i) => (2 * i) / 7);
const REPLICATIONS = 400;
const THIN = 5;
/** Posterior draws kept per replication: ranks run over 0 … L, L + 1 = 20 values in 10 bins. */
const L = 19;
const BINS = 10;
/** The 99.9% point of χ² with 9 degrees of freedom. */
const CHI2_9_999 = 27.877;

function regression(y: number[]): LogDensityTarget {
  return {
    dim: 2,
    logDensityGradient(b, grad) {
      let lp = -0.5 * (b[0]! * b[0]! + b[1]! * b[1]!);
      grad[0] = -b[0]!;
      grad[1] = -b[1]!;
      X.forEach((x, i) => {
        const r = y[i]! - b[0]! - b[1]! * x;
        lp -= 0.5 * r * r;
        grad[0] = grad[0]! + r;
        grad[1] = grad[1]! + r * x;
      });
      return lp;
    },
  };
}

/** The sampler's draws as they are, and two wrong versions of them. */
const VARIANTS = {
  exact: (d: number[]) => d,
  spread: (d: number[], mean: number) => d.map((v) => mean + 1.5 * (v - mean)),
  shifted: (d: number[], _mean: number, sd: number) => d.map((v) => v + 0.5 * sd),
};
type Variant = keyof typeof VARIANTS;

/** χ² of the rank histogram of each coefficient, per variant. */
function calibration(seed: number): Record<Variant, number[]> {
  const rand = seededRandom(seed);
  const counts = Object.fromEntries(
    Object.keys(VARIANTS).map((v) => [v, [new Array<number>(BINS).fill(0), new Array<number>(BINS).fill(0)]]),
  ) as Record<Variant, number[][]>;
  for (let rep = 0; rep < REPLICATIONS; rep++) {
    const truth = [normal(rand), normal(rand)];
    const y = X.map((x) => truth[0]! + truth[1]! * x + normal(rand));
    const fit = sampleNuts(regression(y), [0, 0], { warmup: 100, draws: THIN * L, seed: seed * 10_000 + rep });
    for (let k = 0; k < 2; k++) {
      const d = Array.from({ length: THIN * L }, (_, i) => fit.draws[2 * i + k]!);
      const mean = d.reduce((s, v) => s + v, 0) / d.length;
      const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (d.length - 1));
      for (const [name, distort] of Object.entries(VARIANTS)) {
        const kept = distort(d, mean, sd).filter((_, i) => i % THIN === THIN - 1);
        const rank = kept.filter((v) => v < truth[k]!).length;
        counts[name as Variant][k]![Math.floor((rank * BINS) / (L + 1))]!++;
      }
    }
  }
  const expected = REPLICATIONS / BINS;
  const chi2 = (c: number[]) => c.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
  return Object.fromEntries(Object.entries(counts).map(([v, c]) => [v, c.map(chi2)])) as Record<Variant, number[]>;
}

describe('sampleNuts calibration', () => {
  it.each([1, 2])(
    'sampleNuts(regression posterior) passes SBC (rank χ² < 99.9% point in b₀ and b₁), and 1.5× spread or 0.5 sd shifted draws fail it (seed %i)',
    (seed) => {
      const chi2 = calibration(seed);
      expect(Math.max(...chi2.exact)).toBeLessThan(CHI2_9_999);
      expect(Math.max(...chi2.spread)).toBeGreaterThan(CHI2_9_999);
      expect(Math.max(...chi2.shifted)).toBeGreaterThan(CHI2_9_999);
    },
  );
});
