/**
 * log Σ_i exp(x_i), computed as m + log Σ_i exp(x_i − m) with m = max_i x_i, so that values of
 * ±1000 neither overflow nor underflow. −∞ entries add nothing; all −∞ (or an empty array) gives −∞.
 *
 * @param x values of shape [n]
 * @example logSumExp(Float64Array.of(1000, 1000)) // 1000 + log 2
 */
export function logSumExp(x: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i]! > m) m = x[i]!;
  if (m === -Infinity || !Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(x[i]! - m);
  return m + Math.log(s);
}

/**
 * Normalized log weights: x_i − log Σ_j exp(x_j), so that Σ_i exp(out_i) = 1.
 *
 * @param logWeights unnormalized log weights of shape [n], at least one finite
 * @param out optional array of shape [n] to write into (may be `logWeights` itself)
 * @returns `out`, of shape [n]
 */
export function normalizeLogWeights(logWeights: Float64Array, out = new Float64Array(logWeights.length)): Float64Array {
  const total = logSumExp(logWeights);
  for (let i = 0; i < logWeights.length; i++) out[i] = logWeights[i]! - total;
  return out;
}
