import { WEEKDAYS, type Grain, type Weekday } from '../math/calendar';

/** Options of {@link eventsAggregationSql}. */
export interface EventsSqlOptions {
  grain: Grain;
  weekStart: Weekday;
  /** Whether the events have a `value` column. */
  hasValue: boolean;
  /** Whether the events have a `geo` column: the aggregates are then per geo too. */
  hasGeo?: boolean;
  /**
   * Typed columns (Parquet): a `timestamp` of type TIMESTAMP or TIMESTAMPTZ is read as a date without
   * going through text (its day in the session's zone: UTC), a numeric `value` as a number.
   */
  typed?: { timestamp?: boolean; value?: boolean };
}

/**
 * The SQL (DuckDB dialect) that aggregates event rows per period and channel into `touches`,
 * `conversions` and `value` (sum of conversion values), with a `bad` count of rows that would fail
 * validation (no ISO date in `timestamp`, a touch with an empty or `(none)` channel, event other than
 * touch/conversion, a value that is not a finite number). A conversion with an empty channel is counted
 * under the channel `(none)`, like the in-memory path. The day is the first ten characters of the
 * timestamp, as written. With a `geo` column the aggregates are per period, geo and channel (`geo` the
 * trimmed text, `''` where empty: a mix of empty and named geos is for the caller to refuse, as
 * `geoColumn` does).
 * The same statement runs on Spark SQL or BigQuery with the changes listed in lib/README.md.
 *
 * @param relation a table name or table function, e.g. `read_csv('ev.csv', header = true, all_varchar = true)`
 * @returns one SELECT statement; columns `date, [geo,] channel, touches, conversions, value, bad`
 * @example eventsAggregationSql('events', { grain: 'week', weekStart: 'monday', hasValue: true })
 */
export function eventsAggregationSql(relation: string, options: EventsSqlOptions): string {
  const k = WEEKDAYS.indexOf(options.weekStart);
  // dayofweek: sunday = 0; stepping back to the latest week start on or before the day.
  const period = options.grain === 'day' ? 'day' : `day - CAST((dayofweek(day) - ${k} + 7) % 7 AS INTEGER)`;
  const value = options.hasValue ? 'CAST("value" AS VARCHAR)' : 'CAST(NULL AS VARCHAR)';
  const geo = options.hasGeo ? ', CAST(geo AS VARCHAR) AS g' : '';
  const day = options.typed?.timestamp ? 'CAST("timestamp" AS DATE)' : 'substr(CAST("timestamp" AS VARCHAR), 1, 10)';
  const sum = options.typed?.value ? 'SUM(CAST("value" AS DOUBLE))' : `SUM(TRY_CAST(${value} AS DOUBLE))`;
  const badValue = options.typed?.value
    ? 'COUNT(CASE WHEN NOT isfinite(CAST("value" AS DOUBLE)) THEN 1 END)'
    : `COUNT(CASE WHEN (TRY_CAST(${value} AS DOUBLE) IS NULL AND trim(coalesce(${value}, '')) <> '')
      OR NOT isfinite(TRY_CAST(${value} AS DOUBLE)) THEN 1 END)`;
  const keys = options.hasGeo ? '1, 2, 3' : '1, 2';
  // Rows are first grouped by their cells as written (the day's text, channel, event, geo: a few
  // thousand groups), so that trimming, casing and checking run once a group, not once a row; only the
  // value is read per row.
  return `WITH raw AS (
  SELECT ${day} AS d, CAST(channel AS VARCHAR) AS ch,
    CAST(event AS VARCHAR) AS ev${geo},
    COUNT(*) AS n,
    ${sum} AS value,
    ${badValue} AS bad_value
  FROM ${relation}
  GROUP BY ALL
), ev AS (
  SELECT${options.hasGeo ? "\n    coalesce(trim(g), '') AS geo," : ''}
    TRY_CAST(d AS DATE) AS day,
    CASE WHEN coalesce(trim(ch), '') = '' AND lower(trim(ev)) = 'conversion' THEN '(none)' ELSE trim(ch) END AS channel,
    lower(trim(ev)) AS event,
    n, value, bad_value
  FROM raw
), checked AS (
  SELECT *,
    CASE WHEN day IS NULL OR channel IS NULL OR channel = '' OR event IS NULL OR event NOT IN ('touch', 'conversion')
      OR (event = 'touch' AND channel = '(none)') THEN n ELSE bad_value END AS bad
  FROM ev
)
SELECT
  ${period} AS date,${options.hasGeo ? '\n  geo,' : ''}
  channel,
  SUM(CASE WHEN event = 'touch' THEN n ELSE 0 END) AS touches,
  SUM(CASE WHEN event = 'conversion' THEN n ELSE 0 END) AS conversions,
  SUM(CASE WHEN event = 'conversion' THEN coalesce(value, 0) ELSE 0 END) AS value,
  SUM(bad) AS bad
FROM checked
GROUP BY ${keys}
ORDER BY ${keys}`;
}
