import { WEEKDAYS, type Grain, type Weekday } from '../math/calendar';

/** Options of {@link eventsAggregationSql}. */
export interface EventsSqlOptions {
  grain: Grain;
  weekStart: Weekday;
  /** Whether the events have a `value` column. */
  hasValue: boolean;
}

/**
 * The SQL (DuckDB dialect) that aggregates event rows per period and channel into `touches`,
 * `conversions` and `value` (sum of conversion values), with a `bad` count of rows that would fail
 * validation (no ISO date in `timestamp`, a touch with an empty or `(none)` channel, event other than
 * touch/conversion, a value that is not a finite number). A conversion with an empty channel is counted
 * under the channel `(none)`, like the in-memory path. The day is the first ten characters of the
 * timestamp, as written.
 * The same statement runs on Spark SQL or BigQuery with the changes listed in lib/README.md.
 *
 * @param relation a table name or table function, e.g. `read_csv('ev.csv', header = true, all_varchar = true)`
 * @returns one SELECT statement; columns `date, channel, touches, conversions, value, bad`
 * @example eventsAggregationSql('events', { grain: 'week', weekStart: 'monday', hasValue: true })
 */
export function eventsAggregationSql(relation: string, options: EventsSqlOptions): string {
  const k = WEEKDAYS.indexOf(options.weekStart);
  // dayofweek: sunday = 0; stepping back to the latest week start on or before the day.
  const period = options.grain === 'day' ? 'day' : `day - CAST((dayofweek(day) - ${k} + 7) % 7 AS INTEGER)`;
  const value = options.hasValue ? 'CAST("value" AS VARCHAR)' : 'CAST(NULL AS VARCHAR)';
  return `WITH ev AS (
  SELECT
    TRY_CAST(substr(CAST("timestamp" AS VARCHAR), 1, 10) AS DATE) AS day,
    CASE WHEN coalesce(trim(CAST(channel AS VARCHAR)), '') = ''
      AND lower(trim(CAST(event AS VARCHAR))) = 'conversion' THEN '(none)'
      ELSE trim(CAST(channel AS VARCHAR)) END AS channel,
    lower(trim(CAST(event AS VARCHAR))) AS event,
    ${value} AS raw_value,
    TRY_CAST(${value} AS DOUBLE) AS value
  FROM ${relation}
), checked AS (
  SELECT *,
    CASE WHEN day IS NULL OR channel IS NULL OR channel = '' OR event IS NULL OR event NOT IN ('touch', 'conversion')
      OR (event = 'touch' AND channel = '(none)')
      OR (value IS NULL AND trim(coalesce(raw_value, '')) <> '') OR NOT isfinite(value) THEN 1 ELSE 0 END AS bad
  FROM ev
)
SELECT
  ${period} AS date,
  channel,
  SUM(CASE WHEN event = 'touch' THEN 1 ELSE 0 END) AS touches,
  SUM(CASE WHEN event = 'conversion' THEN 1 ELSE 0 END) AS conversions,
  SUM(CASE WHEN event = 'conversion' THEN coalesce(value, 0) ELSE 0 END) AS value,
  SUM(bad) AS bad
FROM checked
GROUP BY 1, 2
ORDER BY 1, 2`;
}
