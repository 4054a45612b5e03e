import type { ColumnTable } from 'arquero';
import type { DatasetKind } from '../data/kinds';
import type { Conflict } from './conflicts';
import type { GeoTotal } from './geo-totals';
import type { MissingCells } from './to-grain';
import type { Grain, Weekday } from '../math/calendar';

/** What harmonize made: date range, grain, names, row counts, conflicts and missing values. */
export interface HarmonizeSummary {
  grain: Grain;
  /** The first day of a week; null at day grain. */
  weekStart: Weekday | null;
  /** The first and last period start (`YYYY-MM-DD`), null when there are no periods. */
  from: string | null;
  to: string | null;
  periods: number;
  /** The geos of a geo dataset, sorted; absent for national data (the one-geo case). */
  geos?: string[];
  /** Geo data with population tables: each geo's population, for the model to scale priors by. */
  population?: Record<string, number>;
  /** Geo data: per geo, the periods its conversions cover and its total spend (the canvas lists them). */
  geoTotals?: Record<string, GeoTotal>;
  channels: string[];
  /** Media metrics (spend, impressions, clicks, touches, conversions, value, ...). */
  metrics: string[];
  /** Conversion metrics. */
  conversions: string[];
  factors: string[];
  rows: { media: number; conversions: number; factors: number };
  /** The datasets used: name, kind, source file, rows. */
  sources: { name: string; kind: DatasetKind; source: string; rows: number }[];
  /** Every cross-source duplicate and how it was resolved. */
  conflicts: Conflict[];
  /**
   * Cells left empty: a factor or conversion with no value in a period (never filled with zero); on geo
   * data also each geo × channel with periods made explicit zeros (`media`).
   */
  missing: MissingCells;
  /** What harmonize skipped and why, e.g. a dataset folder whose import did not finish (absent when none). */
  warnings?: string[];
}

/**
 * The harmonized dataset in memory: arquero tables at the grain and their summary.
 * `media` is `date, [geo,] channel, <metric>...`, `conversions` is `date, [geo,] <metric>...`, `factors` is
 * `date, [geo,] <factor>...`; the `geo` column is there only for geo data (`summary.geos`).
 */
export interface Harmonized {
  summary: HarmonizeSummary;
  media: ColumnTable;
  conversions: ColumnTable;
  factors: ColumnTable;
}
