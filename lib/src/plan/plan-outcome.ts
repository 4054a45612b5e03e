import { formatInteger } from '../format';
import type { FittedMmm } from '../mmm/fitted';
import type { Interval } from '../mmm/laplace';
import { Z90 } from '../mmm/laplace';
import type { PeriodResponse } from './period-response';
import type { PlanChannel } from './plan-types';

/**
 * `tv: 120,000 a period planned, above the most the model was fitted on (95,000, in the period of 2024-03-04) …`.
 *
 * @param label what the warning names: the channel, or `geo/channel` for a cell of a geo plan
 */
export function beyondWarning(r: PeriodResponse, c: PlanChannel, weeks: number, label = r.channel): string {
  const seen = r.maxSeen > 0 ? `${formatInteger(r.maxSeen)}, in the period of ${r.maxSeenDate}` : 'it never had spend';
  return (
    `${label}: ${formatInteger(c.spend / weeks)} a period planned, above the most the model was fitted on ` +
    `(${seen}); its expected outcome there is an extrapolation of the response curve`
  );
}

/** An outcome's sd from its ROI's 90% interval: the outcome times the ROI's relative sd (0 without an ROI). */
export function outcomeSdOf(outcome: number, roi: Interval): number {
  return roi.mean > 0 ? (outcome * (roi.upper - roi.mean)) / Z90 / roi.mean : 0;
}

/**
 * The sd of a plan's total outcome from each channel's sd: the channels combine through the model's ROI
 * correlation, or as fully correlated without one.
 *
 * @param sds the sd of the plan's outcome per channel, aligned with `channels`
 */
export function correlatedSd(
  fit: Pick<FittedMmm, 'channels' | 'roiCorrelation'>,
  channels: string[],
  sds: ArrayLike<number>,
): number {
  const index = channels.map((name) => fit.channels.findIndex((c) => c.name === name));
  const rho = fit.roiCorrelation;
  let v = 0;
  index.forEach((a, i) => index.forEach((b, j) => (v += sds[i]! * (rho ? rho[a]![b]! : 1) * sds[j]!)));
  return Math.sqrt(Math.max(v, 0));
}
