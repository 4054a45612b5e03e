import { InputError } from '../errors';
import type { LogDensityTarget } from './phase-point';

/** A multivariate normal: a mean and either per-coordinate sds or a dense precision matrix. */
export interface GaussianSpec {
  /** Shape [dim]. */
  mean: ArrayLike<number>;
  /** Independent coordinates with these sds, shape [dim]. */
  sd?: ArrayLike<number>;
  /** Or the precision matrix Σ⁻¹, row-major [dim × dim], symmetric positive definite. */
  precision?: ArrayLike<number>;
}

/**
 * The log density of N(mean, Σ) and its gradient, as a sampler target (the known answer that
 * samplers are tested and timed on): log p(x) = −½ (x − μ)ᵀ Σ⁻¹ (x − μ), ∇ = −Σ⁻¹ (x − μ).
 * Plain data in, so a worker thread can build it from a structured clone.
 *
 * @throws InputError when neither or both of `sd` and `precision` are given, or a shape is wrong
 * @example gaussianTarget({ mean: [0, 0], precision: [1, 0, 0, 1] }).logDensityGradient(x, grad)
 */
export function gaussianTarget(spec: GaussianSpec): LogDensityTarget {
  const mean = Float64Array.from(spec.mean);
  const dim = mean.length;
  if (dim < 1) throw new InputError('`mean` must have at least one coordinate; got 0');
  if ((spec.sd === undefined) === (spec.precision === undefined)) {
    throw new InputError('a Gaussian target takes exactly one of `sd` and `precision`');
  }
  const d = new Float64Array(dim);
  if (spec.sd !== undefined) {
    if (spec.sd.length !== dim) throw new InputError(`\`sd\` must have length ${dim}; got ${spec.sd.length}`);
    const w = Float64Array.from(spec.sd, (s) => 1 / (s * s));
    return {
      dim,
      logDensityGradient(x, grad) {
        let lp = 0;
        for (let i = 0; i < dim; i++) {
          const g = -w[i]! * (x[i]! - mean[i]!);
          grad[i] = g;
          lp += g * (x[i]! - mean[i]!);
        }
        return 0.5 * lp;
      },
    };
  }
  const prec = Float64Array.from(spec.precision!);
  if (prec.length !== dim * dim) {
    throw new InputError(`\`precision\` must have length ${dim * dim} ([dim × dim]); got ${prec.length}`);
  }
  return {
    dim,
    logDensityGradient(x, grad) {
      for (let i = 0; i < dim; i++) d[i] = x[i]! - mean[i]!;
      let lp = 0;
      for (let i = 0; i < dim; i++) {
        let g = 0;
        for (let j = 0; j < dim; j++) g -= prec[i * dim + j]! * d[j]!;
        grad[i] = g;
        lp += g * d[i]!;
      }
      return 0.5 * lp;
    },
  };
}
