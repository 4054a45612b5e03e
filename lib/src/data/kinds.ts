import { InputError, show } from '../errors';

/**
 * The kind of an imported dataset, which fixes its schema (DESIGN §5). `population` is a small table
 * `geo,population` (one row per geo, no dates) that geo-level models scale their priors by.
 */
export type DatasetKind = 'summary' | 'events' | 'conversions' | 'factors' | 'population';

/** Every dataset kind. */
export const DATASET_KINDS: readonly DatasetKind[] = ['summary', 'events', 'conversions', 'factors', 'population'];

/** The metrics of summary data that get their own columns first, in this order. */
export const MEDIA_METRICS: readonly string[] = ['spend', 'impressions', 'clicks'];

/** The per-channel metrics that event data aggregate into: touch count, conversion count, conversion value. */
export const EVENT_METRICS: readonly string[] = ['touches', 'conversions', 'value'];

/**
 * Checks a dataset kind.
 *
 * @throws InputError naming the value when it is not one of {@link DATASET_KINDS}
 * @example checkKind('summary') // 'summary'
 */
export function checkKind(value: unknown): DatasetKind {
  if (!DATASET_KINDS.includes(value as DatasetKind)) {
    throw new InputError(`unknown dataset kind ${show(value)}; expected one of ${DATASET_KINDS.join(', ')}`);
  }
  return value as DatasetKind;
}
