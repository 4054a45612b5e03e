import type { Diagnostics, FittedChannel } from './fitted';
import type { ResolvedConfig } from './spec';
import { formatNumber, formatPercent } from '../format';
import { Z90 } from './laplace';

/** Thresholds that turn diagnostics into a `training issue`. */
export const STATUS_RULES = {
  /** A channel whose media signal has R² above this on the other regressors is not identified. */
  separationR2: 0.85,
  minR2: 0.5,
  /** Out-of-sample MAPE above this and above twice the in-sample MAPE. */
  holdoutMape: 0.15,
  /** A prior further than this many combined sds from what the data alone say. */
  priorConflictSd: 2.5,
  /** An ROI whose sd is above this share of it (90% interval wider than about ±40%) gets advice. */
  uncertainRoi: 0.25,
  /**
   * A channel whose data give less than this share of its ROI's posterior precision (1/sd²) rests
   * mostly on the priors: posterior sd² over the data-alone sd² below it.
   */
  mostlyPrior: 0.5,
  /** A channel whose 90% ROI interval is wider than this many times its ROI. */
  wideInterval: 1,
  /**
   * The hold-out tail fails the predictive check when this few fits in 100 would put as many of its
   * periods outside their 90% predictive interval (binomial, p = 0.1).
   */
  predictiveCheck: 0.01,
} as const;

/**
 * What a channel's `roi` measures, in words: `ROI` for paid media, `contribution per unit` for an owned
 * or earned channel (no spend: the status never calls its figure an ROI), and what moves it.
 */
function measure(c: FittedChannel): { roi: string; input: string } {
  return c.paid === false ? { roi: 'contribution per unit', input: 'volume' } : { roi: 'ROI', input: 'spend' };
}

/** The reasons, in words, why a fit is a `training issue`; empty when it is a success. */
export function statusReasons(
  cfg: ResolvedConfig,
  channels: FittedChannel[],
  d: Omit<Diagnostics, never>,
  bounds: string[],
): string[] {
  const reasons: string[] = [];
  if (!d.converged) reasons.push(`the optimizer did not converge in ${d.iterations} iterations`);
  if (d.r2 < STATUS_RULES.minR2) reasons.push(`poor fit: R² ${formatNumber(d.r2)}`);
  if (d.holdoutMape !== null && d.holdoutMape > STATUS_RULES.holdoutMape && d.holdoutMape > 2 * d.mape) {
    reasons.push(
      `out-of-sample MAPE ${formatPercent(d.holdoutMape)} on the last ${d.holdoutPeriods} periods vs ${formatPercent(d.mape)} in sample`,
    );
  }
  const outside = d.holdoutOutside ?? 0;
  if (d.holdoutMape !== null && binomialTail(outside, d.holdoutPeriods, 0.1) < STATUS_RULES.predictiveCheck) {
    reasons.push(
      `posterior-predictive check: ${outside} of the last ${d.holdoutPeriods} periods fall outside the ` +
        `90% predictive interval of a fit that did not see them (about ${formatNumber(d.holdoutPeriods / 10, 0)} expected)`,
    );
  }
  // A user prior (lift test, other model) on a channel, or on the channel it moves with, supplies
  // what the data cannot: the pair's split is then set by that prior, not left to the defaults.
  const informed = new Set([...cfg.roiPriors, ...cfg.sharePriors].map((p) => p.channel));
  for (const c of channels) {
    const partner = c.separation.with.startsWith('channel ') ? c.separation.with.slice(8) : null;
    if (informed.has(c.name) || (partner !== null && informed.has(partner))) continue;
    if (c.separation.r2 > STATUS_RULES.separationR2) {
      const m = measure(c);
      reasons.push(
        `${c.name}: its ${m.input} moves with ${c.separation.with} (R² ${formatNumber(c.separation.withR2)}; ` +
          `${formatNumber(c.separation.r2)} against all other regressors), so the data cannot separate its effect; ` +
          `its ${m.roi} rests mostly on the priors`,
      );
    }
  }
  for (const pr of cfg.roiPriors) {
    const c = channels.find((x) => x.name === pr.channel)!;
    const z = Math.abs(c.dataRoi.mean - pr.roi) / Math.hypot(pr.sd, c.dataRoi.sd);
    if (z > STATUS_RULES.priorConflictSd) {
      reasons.push(
        `${pr.channel}: the data alone put its ROI at ${formatNumber(c.dataRoi.mean)} ± ${formatNumber(c.dataRoi.sd)}, ` +
          `${formatNumber(z, 1)} sd from the ${pr.source} prior ${pr.roi} ± ${pr.sd} (prior–data conflict)`,
      );
    }
  }
  for (const c of channels) {
    if (c.modeAtZero) {
      const used =
        c.paid === false ? `${formatNumber(c.volume, 0)} units of volume` : `${formatNumber(c.spend, 0)} spent`;
      reasons.push(
        `${c.name}: the data put its most likely effect at zero (the bound); its ${measure(c).roi} ${formatNumber(c.roi.mean)} ` +
          `[${formatNumber(c.roi.lower)}, ${formatNumber(c.roi.upper)}] is the mean of what the uncertainty leaves above zero; ` +
          `with ${used}, check its data or give it a prior`,
      );
    }
  }
  reasons.push(...uncertainChannels(channels, informed, reasons));
  reasons.push(...bounds.map((b) => `parameter at its bound: ${b}`));
  return reasons;
}

/**
 * Channels the fit cannot vouch for, one reason each: those whose ROI rests mostly on the priors (the
 * data alone give less than {@link STATUS_RULES}.mostlyPrior of its precision), else those whose 90%
 * interval is wider than the ROI itself. Channels with a user's prior (or moving with a channel that
 * has one), or already named (a separation or zero-effect reason), are left out: the prior is meant
 * to decide, or the reason says it.
 */
function uncertainChannels(channels: FittedChannel[], informed: Set<string>, named: string[]): string[] {
  const out: string[] = [];
  for (const c of channels) {
    const partner = c.separation.with.startsWith('channel ') ? c.separation.with.slice(8) : null;
    if (informed.has(c.name) || (partner !== null && informed.has(partner))) continue;
    if (named.some((r) => r.startsWith(`${c.name}: `))) continue;
    const { mean, lower, upper } = c.roi;
    const interval = `${formatNumber(mean)} [${formatNumber(lower)}, ${formatNumber(upper)}]`;
    const sd = (upper - lower) / (2 * Z90);
    const dataShare = c.dataRoi.sd > 0 ? (sd * sd) / (c.dataRoi.sd * c.dataRoi.sd) : 1;
    const m = measure(c);
    if (dataShare < STATUS_RULES.mostlyPrior) {
      out.push(
        `${c.name}: its ${m.roi} ${interval} rests mostly on the priors: the data alone put it at ` +
          `${formatNumber(c.dataRoi.mean)} ± ${formatNumber(c.dataRoi.sd)} and give ${formatPercent(dataShare, 0)} ` +
          `of its precision; a lift test or a prior from elsewhere would settle it`,
      );
    } else if (upper - lower > STATUS_RULES.wideInterval * mean) {
      out.push(
        c.paid === false
          ? `${c.name}: its 90% interval of contribution per unit is wider than its contribution per unit, ${interval}: the data cannot tell how much it adds`
          : `${c.name}: its 90% ROI interval is wider than its ROI, ${interval}: the data cannot tell how well it pays`,
      );
    }
  }
  return out;
}

/**
 * Where an experiment would pay off: channels whose ROI the data leave uncertain (sd above
 * `STATUS_RULES.uncertainRoi` of the ROI), most uncertain first, each with where the uncertainty
 * comes from: the shape of the response curve, which decides the ROI through the curve's level at
 * low spend (bench/README.md, "What the data say about a curve's shape"), or the coefficient, which
 * a confounder or a short spend history leaves loose. Advice, not a training issue; shown under
 * {@link ADVICE_HEADING}.
 */
export function experimentAdvice(channels: FittedChannel[]): string[] {
  return channels
    .map((c) => ({ c, rel: (c.roi.upper - c.roi.mean) / Z90 / c.roi.mean }))
    .filter(({ c, rel }) => c.curveShare !== undefined && c.roi.mean > 0 && rel > STATUS_RULES.uncertainRoi)
    .sort((a, b) => b.rel - a.rel)
    .map(({ c, rel }) => {
      const why =
        c.curveShare! >= 0.5
          ? `mostly from the shape of its response curve (${formatPercent(c.curveShare, 0)} of the variance), which its ${measure(c).input} history barely fixes`
          : c.separation.r2 > 0.5
            ? `mostly from its coefficient, as its ${measure(c).input} moves with ${c.separation.with} (R² ${formatNumber(c.separation.withR2)})`
            : 'mostly from its coefficient, which the data measure loosely';
      // An owned channel has no ROI prior to take: a holdout test on it enters as a lift test.
      const how = c.paid === false ? '; a holdout test of its volume enters as a lift test (`liftTests`)' : '';
      return `${c.name}: ${measure(c).roi} ${formatNumber(c.roi.mean)} ± ${formatPercent(rel, 0)} (1 sd), ${why}${how}`;
    });
}

/** The heading shown above the advice. */
export const ADVICE_HEADING =
  "A lift test would settle these ROIs (enter its result as an ROI prior with source 'experiment'):";

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  let term = (1 - p) ** n;
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - below);
}
