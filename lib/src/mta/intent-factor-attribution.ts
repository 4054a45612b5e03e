import { countPatterns, featureCount, hazardParts, journeyFeatures, type CountPatterns } from './count-patterns';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { formatNumber } from '../format';
import { fitIntentFactor, intentOnlyLogLik, type IntentFactor } from './intent-factor';
import type { JourneyPatterns } from './journey-patterns';

/** What the continuous-intent attribution found: the fit, per-channel credit and its reasons. */
export interface IntentFactorAttribution {
  fit: IntentFactor;
  /** Expected incremental conversions per channel, summed over the converting journeys. */
  totals: Map<string, number>;
  /** `totals` normalized to sum to 1. */
  weights: Map<string, number>;
  /**
   * The credit of one converting journey per channel (in `channels` order): the chance that the
   * conversion would not have happened without that channel's touches, E_z[(P − P without c) / P].
   */
  credit: (counts: readonly number[]) => number[];
  /** Whether the touches change conversion at all beyond the users' intent (see {@link effectTest}). */
  effect: EffectTest;
  /** When the events cannot separate intent from effect for a channel, or show no effect, why, in words. */
  reasons: string[];
}

/**
 * The likelihood-ratio test of the touches' effect: the fitted model against the same model with every
 * effect removed (conversion by intent alone). `lr` = 2 (ℓ − ℓ₀) on `df` effect parameters; `p` its
 * χ²(df) tail, conservative: with the effects bounded at 0 the ratio's true null distribution is a
 * mixture of χ² with fewer degrees of freedom, whose tail is lighter.
 */
export interface EffectTest {
  lr: number;
  df: number;
  p: number;
}

/** Below this p-value the touches' effect counts as shown (5%). */
export const EFFECT_LEVEL = 0.05;

/**
 * {@link EffectTest} of `fit` on its patterns. Measured on the bench's journey processes (40,000 users,
 * seeds 1–2): with every effect set to 0, lr 0.1–10.3 on 10 parameters (p ≥ 0.4); at a quarter of the
 * processes' effects 17–84; at their effects 235–474.
 */
export function effectTest(patterns: CountPatterns, fit: IntentFactor): EffectTest {
  const df = fit.delta.length;
  const lr = Math.max(0, 2 * (fit.logLik - intentOnlyLogLik(patterns, fit)));
  return { lr, df, p: 1 - chisquareCdf(lr, df) };
}

/** A loading of intent on a channel's reach or frequency at least this large means it chases intent. */
export const CHASING_LOADING = 0.3;

/**
 * Continuous-intent attribution over distinct patterns: fits {@link fitIntentFactor} (with pair
 * features where the likelihood asks for them: {@link choosePairs}) and credits each converting
 * journey's channels with their incremental part of its conversion under the fitted model, averaged
 * over the journey's posterior intent. The baseline part (what the user's intent alone would
 * have brought) goes to no channel, so channel totals estimate expected incremental conversions.
 *
 * Reasons: when intent shows in one channel's reach or frequency only (no second channel moves with
 * it), that channel's credit rests on the model's form alone; the result says so and points to an MMM
 * or a lift test (the MMM → MTA transfer).
 *
 * @example intentFactorAttribution(summarizeJourneys(journeys)).weights.get('search')
 */
export function intentFactorAttribution(
  summary: Pick<JourneyPatterns, 'channels' | 'patterns'>,
): IntentFactorAttribution {
  const patterns = countPatterns(summary);
  const fit = choosePairs(patterns, fitIntentFactor(patterns));
  const { channels } = fit;
  const C = channels.length;
  const Q = fit.nodes.length;
  const x = new Float64Array(featureCount(fit.shape));
  const hc = new Float64Array(C);
  const lp = new Float64Array(Q);
  const h0 = Float64Array.from(fit.nodes, (z) => Math.exp(fit.a0 + fit.b * z));
  const credit = (counts: readonly number[]): number[] => {
    journeyFeatures(counts, fit.shape, x);
    const hz = hazardParts(x, fit.delta, fit.shape, hc);
    // The journey's posterior over intent: its reach, frequency and (converted) outcome at each node.
    let max = -Infinity;
    for (let q = 0; q < Q; q++) {
      const z = fit.nodes[q]!;
      let s = Math.log(fit.weights[q]!);
      for (let c = 0; c < C; c++) {
        const u = fit.alpha[c]! + fit.lambda[c]! * z;
        if (counts[c] === 0) s -= Math.log1p(Math.exp(u));
        else {
          const logM = fit.mu[c]! + fit.kappa[c]! * z;
          s += -Math.log1p(Math.exp(-u)) + (counts[c]! - 1) * logM - Math.exp(logM);
        }
      }
      s += Math.log(-Math.expm1(-h0[q]! - hz));
      lp[q] = s;
      if (s > max) max = s;
    }
    let norm = 0;
    for (let q = 0; q < Q; q++) norm += Math.exp(lp[q]! - max);
    const out = new Array<number>(C).fill(0);
    for (let q = 0; q < Q; q++) {
      const pq = Math.exp(lp[q]! - max) / norm;
      const pAll = -Math.expm1(-h0[q]! - hz);
      for (let c = 0; c < C; c++) if (hc[c]! > 0) out[c]! += (pq * (pAll + Math.expm1(-h0[q]! - hz + hc[c]!))) / pAll;
    }
    return out;
  };
  const total = new Float64Array(C);
  for (const p of summary.patterns) {
    if (!p.converted) continue;
    credit(p.counts).forEach((v, c) => (total[c] += p.weight * v));
  }
  const sum = total.reduce((a, b) => a + b, 0);
  const effect = effectTest(patterns, fit);
  const shares = sum > 0 ? Array.from(total, (v) => v / sum) : Array.from(total);
  return {
    fit,
    effect,
    totals: new Map(channels.map((c, i) => [c, total[i]!])),
    weights: new Map(channels.map((c, i) => [c, sum > 0 ? total[i]! / sum : 0])),
    credit,
    reasons: [...noEffectReasons(effect, sum, patterns), ...intentReasons(fit, shares)],
  };
}

/**
 * The model with pair features (a channel that works only, or more, after another reached the user)
 * when the data ask for it: fitted beside `plain`, kept when its log-likelihood gains more than its extra
 * parameters (Akaike's criterion, an estimate of the held-out likelihood). Measured on the journey
 * processes: the gain is 30-53 where one channel gates another, 5 at most elsewhere, for 20 parameters.
 */
export function choosePairs(patterns: CountPatterns, plain: IntentFactor): IntentFactor {
  const C = plain.channels.length;
  if (C < 2) return plain;
  const paired = fitIntentFactor(patterns, { pairs: true });
  return paired.logLik - plain.logLik > C * (C - 1) ? paired : plain;
}

/** The reason in words when the touches show no effect beyond intent (p ≥ {@link EFFECT_LEVEL}); none otherwise. */
export function noEffectReasons(effect: EffectTest, incremental: number, patterns: CountPatterns): string[] {
  if (effect.p < EFFECT_LEVEL) return [];
  let conversions = 0;
  for (let r = 0; r < patterns.converted.length; r++) conversions += patterns.converted[r]! * patterns.weight[r]!;
  const pct = conversions > 0 ? Math.round((100 * incremental) / conversions) : 0;
  return [
    `these events show no effect of the touches on conversion beyond the users' intent: the same model with ` +
      `no touch working fits them as well (likelihood ratio ${formatNumber(effect.lr)} on ${effect.df} effect ` +
      `parameters, p = ${formatNumber(effect.p)}). The ${pct}% of conversions credited as incremental, and their ` +
      `split across channels, may be the users' intent alone. Do not plan on these shares: let an MMM or a lift ` +
      `test decide (mta --model ID scales each channel's credit to the MMM's incremental contribution)`,
  ];
}

/** Reasons in words when the fit cannot separate intent from effect (see {@link intentFactorAttribution}). */
export function intentReasons(fit: IntentFactor, shares: readonly number[]): string[] {
  const chasing = fit.channels.filter(
    (_, c) => Math.abs(fit.lambda[c]!) >= CHASING_LOADING || Math.abs(fit.kappa[c]!) >= CHASING_LOADING,
  );
  if (chasing.length !== 1 || Math.abs(fit.b) < CHASING_LOADING) return [];
  const c = chasing[0]!;
  const share = Math.round(100 * shares[fit.channels.indexOf(c)]!);
  return [
    `${c}: its reach moves with the users' intent, and no other channel's does, so nothing else in these ` +
      `events shows intent; its credit (${share}%) rests on the model's form (a normal intent, Poisson ` +
      `frequency) and may hold conversions its users would have made anyway. Let an MMM or a lift test ` +
      `decide it: mta --model ID scales each channel's credit to the MMM's incremental contribution, and a ` +
      `lift test enters the MMM as a prior (source experiment)`,
  ];
}
