// Summaries of draws under (log) importance weights, e.g. those of `psis`. The log weights need not be
// normalized: each function normalizes them (w_s = exp(lw_s) / Σ_t exp(lw_t)).
import { InputError, show } from '../errors';
import { normalizeLogWeights } from './log-sum-exp';

/**
 * The weighted mean Σ_s w_s·x_s.
 *
 * @param values draws x of shape [S]
 * @param logWeights log weights of shape [S], not necessarily normalized
 * @throws InputError when the shapes differ or the arrays are empty
 * @example weightedMean(Float64Array.of(1, 3), Float64Array.of(0, Math.log(3))) // 2.5
 */
export function weightedMean(values: Float64Array, logWeights: Float64Array): number {
  const lw = checked(values, logWeights);
  let m = 0;
  for (let s = 0; s < values.length; s++) m += Math.exp(lw[s]!) * values[s]!;
  return m;
}

/**
 * The Monte Carlo standard error of {@link weightedMean} for independent draws under self-normalized
 * importance weights (delta method): √(Σ_s w_s²·(x_s − x̄_w)²). With equal weights it is the usual
 * sd/√S (with divisor S). It is meaningful only where the weights are reliable (`psisDiagnosis`).
 *
 * @param values draws x of shape [S]
 * @param logWeights log weights of shape [S], not necessarily normalized
 * @throws InputError when the shapes differ or the arrays are empty
 */
export function weightedMeanMcse(values: Float64Array, logWeights: Float64Array): number {
  const lw = checked(values, logWeights);
  let m = 0;
  for (let s = 0; s < values.length; s++) m += Math.exp(lw[s]!) * values[s]!;
  let v = 0;
  for (let s = 0; s < values.length; s++) v += Math.exp(2 * lw[s]!) * (values[s]! - m) ** 2;
  return Math.sqrt(v);
}

/**
 * The weighted p-quantile: the draws sorted, draw s placed at the middle of its weight,
 * c_s = Σ_{t<s} w_t + w_s/2, and Q(p) linear between those points (the lowest draw below c_1, the
 * highest above c_S); draws of weight 0 are left out. With equal weights this is the Hazen quantile
 * (R type 5).
 *
 * @param values draws x of shape [S]
 * @param logWeights log weights of shape [S], not necessarily normalized
 * @param p a probability in [0, 1]
 * @throws InputError when the shapes differ, the arrays are empty or p is outside [0, 1]
 * @example weightedQuantile(Float64Array.of(1, 2, 3, 4, 5), new Float64Array(5), 0.5) // 3
 */
export function weightedQuantile(values: Float64Array, logWeights: Float64Array, p: number): number {
  const lw = checked(values, logWeights);
  if (!(p >= 0 && p <= 1)) throw new InputError(`\`p\` must be a number in [0, 1]; got ${show(p)}`);
  const order = Uint32Array.from({ length: values.length }, (_, s) => s).sort((a, b) => values[a]! - values[b]!);
  let below = 0;
  let prevMid = -Infinity;
  let prevValue = NaN;
  for (let j = 0; j < order.length; j++) {
    const w = Math.exp(lw[order[j]!]!);
    if (w === 0) continue; // a draw of weight 0 has no say, not even as an end of an interval
    const mid = below + w / 2;
    const value = values[order[j]!]!;
    if (p <= mid) {
      return prevMid === -Infinity || mid === prevMid
        ? value
        : prevValue + ((value - prevValue) * (p - prevMid)) / (mid - prevMid);
    }
    below += w;
    prevMid = mid;
    prevValue = value;
  }
  return prevValue;
}

function checked(values: Float64Array, logWeights: Float64Array): Float64Array {
  if (values.length === 0) throw new InputError('`values` must hold at least one draw; got 0');
  if (logWeights.length !== values.length) {
    throw new InputError(
      `\`logWeights\` must have the length of \`values\` (${values.length}); got ${logWeights.length}`,
    );
  }
  let anyFinite = false;
  for (let s = 0; s < logWeights.length; s++) {
    const lw = logWeights[s]!;
    if (Number.isNaN(lw) || lw === Infinity) {
      throw new InputError(`\`logWeights\` must be finite or −∞; got ${show(lw)} at draw ${s}`);
    }
    if (lw !== -Infinity) anyFinite = true;
  }
  if (!anyFinite) throw new InputError('`logWeights` must have at least one finite entry; got −∞ everywhere');
  return normalizeLogWeights(logWeights);
}
