import type { Grain, Weekday } from '../math/calendar';

/** How a value given by two sources for the same (date, geo, channel, metric) is resolved. */
export type ConflictStrategy = 'priority' | 'sum' | 'max' | 'mean';

/** How daily factor values become one weekly value. */
export type FactorAggregation = 'mean' | 'sum' | 'max' | 'min' | 'last';

/** The rules of one source (a dataset, by name). */
export interface SourceRules {
  /** Source column → harmonized column, e.g. `{ "cost": "spend", "day": "date" }`. */
  fields?: Record<string, string>;
  /** Harmonized metric (or factor) → factor applied to its values: units, currency. */
  multipliers?: Record<string, number>;
  /** Source columns to leave out. */
  drop?: string[];
}

/**
 * Mapping rules for harmonize (a JSON file or an object built in code); every part is optional.
 *
 * @example
 * { "grain": "week", "weekStart": "monday",
 *   "sources": { "ads": { "fields": { "cost": "spend" }, "multipliers": { "spend": 0.92 } } },
 *   "channels": { "fb": "social", "facebook_ads": "social" },
 *   "geos": { "N. East": "northeast", "NE": "northeast" },
 *   "conflicts": { "strategy": "priority", "priority": ["ads", "tv"] },
 *   "factorAggregation": { "holiday": "max" } }
 */
export interface Rules {
  grain?: Grain;
  weekStart?: Weekday;
  sources?: Record<string, SourceRules>;
  /** Channel renames; several names mapped to one merge them (their values are summed). */
  channels?: Record<string, string>;
  /**
   * Geo renames, as for channels: several names mapped to one merge them (media, conversions and
   * populations are summed, factor values averaged).
   */
  geos?: Record<string, string>;
  /** Resolution of cross-source duplicates; without it a duplicate key is an error. */
  conflicts?: { strategy: ConflictStrategy; priority?: string[] };
  /** Per factor; `mean` when not named. */
  factorAggregation?: Record<string, FactorAggregation>;
}

/** Rules with every default filled in, as {@link checkRules} returns them. */
export interface ResolvedRules {
  grain: Grain;
  weekStart: Weekday;
  sources: Record<string, Required<SourceRules>>;
  channels: Record<string, string>;
  /** Absent when the rules rename no geo (so national data's manifest is as before geos). */
  geos?: Record<string, string>;
  conflicts: { strategy: ConflictStrategy; priority: string[] } | null;
  factorAggregation: Record<string, FactorAggregation>;
}
