import { WEEKDAYS, type Grain, type Weekday } from '../math/calendar';
import type { SqlDialect } from '../mta/journey-sql';

/** Options of {@link eventsAggregationSql}. */
export interface EventsSqlOptions {
  grain: Grain;
  weekStart: Weekday;
  /** Whether the events have a `value` column. */
  hasValue: boolean;
  /** Whether the events have a `geo` column: the aggregates are then per geo too. */
  hasGeo?: boolean;
  /**
   * The user column (`user_id` or `journey_id`): when given, the same scan also groups the rows by user
   * and adds one row of user checks (see {@link eventsAggregationSql}).
   */
  user?: string;
  /**
   * Typed columns (Parquet): a `timestamp` of a timestamp type is read as a date without going through
   * text (its day in the session's zone: UTC), a numeric `value` as a number.
   */
  typed?: { timestamp?: boolean; value?: boolean };
  /** `duckdb` (default) or `spark`: Spark SQL (3.4 or later). */
  dialect?: SqlDialect;
}

/**
 * Per-period (per-geo) per-channel event aggregates: `date` is the period start, `value` sums conversion
 * values; `geo` only when the events have a `geo` column.
 */
export interface EventAggregate {
  date: string;
  geo?: string;
  channel: string;
  touches: number;
  conversions: number;
  value: number;
}

/** The few spellings where DuckDB and Spark SQL differ in the aggregation and its checks. */
const SPELLING: Record<
  SqlDialect,
  {
    text: string;
    quote: (name: string) => string;
    /** True when a text matches a regular expression (the whole text). */
    matches: (x: string, pattern: string) => string;
    /** A date from `YYYY-MM-DD` text, NULL when it is not a valid one. */
    tryDate: (x: string) => string;
    tryDouble: (x: string) => string;
    finite: (x: string) => string;
    /** The latest weekday `k` (Sunday = 0) on or before a date. */
    weekStart: (day: string, k: number) => string;
  }
> = {
  duckdb: {
    text: 'VARCHAR',
    quote: (name) => `"${name}"`,
    matches: (x, pattern) => `regexp_full_match(${x}, '${pattern}')`,
    tryDate: (x) => `TRY_CAST(${x} AS DATE)`,
    tryDouble: (x) => `TRY_CAST(${x} AS DOUBLE)`,
    finite: (x) => `isfinite(${x})`,
    // dayofweek: Sunday = 0
    weekStart: (day, k) => `${day} - CAST((dayofweek(${day}) - ${k} + 7) % 7 AS INTEGER)`,
  },
  spark: {
    text: 'STRING',
    quote: (name) => `\`${name}\``,
    matches: (x, pattern) => `(${x} RLIKE '^${pattern}$')`,
    tryDate: (x) => `try_cast(${x} AS DATE)`,
    tryDouble: (x) => `try_cast(${x} AS DOUBLE)`,
    finite: (x) => `NOT (isnan(${x}) OR abs(${x}) = double('inf'))`,
    // dayofweek: Sunday = 1
    weekStart: (day, k) => `date_sub(${day}, (dayofweek(${day}) - 1 - ${k} + 7) % 7)`,
  },
};

// A day written as ISO: the first ten characters of a timestamp (DuckDB's and Spark's casts would also
// take `2024/01/31`, `2024-1-5 1` or a leading blank, each differently).
const ISO_DAY = '[0-9]{4}-[0-9]{2}-[0-9]{2}';

/** The rules' names, in the order a row's cells are named. */
type RuleName = 'user' | 'timestamp' | 'event' | 'channel' | 'number' | 'finite';

/**
 * The rules a valid event row follows, each over SQL expressions of its cells as text (`day`: the
 * timestamp's first ten characters, or a typed timestamp's date), with its column, the cell
 * {@link firstBadEventSql} shows and the rule in words. The aggregation counts the rows that break one
 * in `bad`; {@link firstBadEventSql} names the first such row.
 */
function eventRules(
  dialect: SqlDialect,
  c: { u: string; day: string; ev: string; ch: string; val: string },
  typedDay = false,
): { name: RuleName; column: string; cell: string; broken: string; rule: string }[] {
  const s = SPELLING[dialect];
  return [
    { name: 'user', column: 'user', cell: 'u', broken: `coalesce(trim(${c.u}), '') = ''`, rule: 'must not be empty' },
    {
      name: 'timestamp',
      column: 'timestamp',
      cell: 'ts',
      broken: typedDay
        ? `${c.day} IS NULL`
        : `NOT coalesce(${s.matches(c.day, ISO_DAY)}, false) OR ${s.tryDate(c.day)} IS NULL`,
      rule: 'must be an ISO timestamp such as 2024-01-31T10:00:00',
    },
    {
      name: 'event',
      column: 'event',
      cell: 'ev',
      broken: `coalesce(lower(trim(${c.ev})), '') NOT IN ('touch', 'conversion')`,
      rule: 'must be touch or conversion',
    },
    {
      name: 'channel',
      column: 'channel',
      cell: 'ch',
      broken: `lower(trim(${c.ev})) = 'touch' AND coalesce(trim(${c.ch}), '') IN ('', '(none)')`,
      rule: 'must name a channel on a touch (only a conversion may have none)',
    },
    {
      name: 'number',
      column: 'value',
      cell: 'val',
      broken: `${s.tryDouble(c.val)} IS NULL AND trim(coalesce(${c.val}, '')) <> ''`,
      rule: 'must be a number',
    },
    {
      name: 'finite',
      column: 'value',
      cell: 'val',
      broken: `NOT (${s.finite(s.tryDouble(c.val))})`,
      rule: 'must be a finite number',
    },
  ];
}

// The rules by name, over the given cells.
function rulesByName(...args: Parameters<typeof eventRules>): Record<RuleName, string> {
  return Object.fromEntries(eventRules(...args).map((r) => [r.name, r.broken])) as Record<RuleName, string>;
}

/**
 * The SQL that aggregates event rows per period and channel into `touches`, `conversions` and `value`
 * (sum of conversion values), with a `bad` count of rows that would fail validation (no ISO date at
 * the start of `timestamp`, a touch with an empty or `(none)` channel, event other than
 * touch/conversion, a value that is not a finite number). A conversion with an empty channel is counted
 * under the channel `(none)`, like the in-memory path. The day is the first ten characters of the
 * timestamp, as written. With a `geo` column the aggregates are per period, geo and channel (`geo` the
 * trimmed text, `''` where empty: a mix of empty and named geos is for the caller to refuse, as
 * `geoColumn` does). With `user`, one scan also groups the rows by user (GROUPING SETS) and the result
 * gains a row whose `users` is not NULL (no date, geo or channel): `users` with conversions but no
 * touch, their `conversions`, and in `bad` the rows with an empty user.
 * DuckDB and Spark SQL are written from the same rules; BigQuery needs the changes listed in lib/README.md.
 *
 * @param relation a table name or table function, e.g. `read_csv('ev.csv', header = true, all_varchar = true)`
 * @returns one SELECT statement; columns `date, [geo,] channel, touches, conversions, value, bad, users`
 * @example eventsAggregationSql('events', { grain: 'week', weekStart: 'monday', hasValue: true })
 */
export function eventsAggregationSql(relation: string, options: EventsSqlOptions): string {
  const dialect = options.dialect ?? 'duckdb';
  const s = SPELLING[dialect];
  const q = s.quote;
  const text = (x: string) => `CAST(${x} AS ${s.text})`;
  const typedDay = options.typed?.timestamp ?? false;
  const typedValue = (options.typed?.value ?? false) && options.hasValue;
  const broken = rulesByName(dialect, { u: 'u', day: 'd', ev: 'ev', ch: 'ch', val: 'val' }, typedDay);
  const period = options.grain === 'day' ? 'day' : s.weekStart('day', WEEKDAYS.indexOf(options.weekStart));
  const day = typedDay ? `CAST(${q('timestamp')} AS DATE)` : `substr(${text(q('timestamp'))}, 1, 10)`;
  const value = typedValue
    ? `CAST(${q('value')} AS DOUBLE)`
    : options.hasValue
      ? text(q('value'))
      : `CAST(NULL AS ${s.text})`;
  const sum = typedValue ? 'SUM(val)' : `SUM(${s.tryDouble('val')})`;
  const badValue = typedValue ? `NOT (${s.finite('val')})` : `(${broken.number}) OR (${broken.finite})`;
  const cells = ['d', 'ch', 'ev', ...(options.hasGeo ? ['g'] : [])].join(', ');
  const keys = options.hasGeo ? '1, 2, 3' : '1, 2';
  const user = options.user;
  // Rows are first grouped by their cells as written (the day's text, channel, event, geo: a few
  // thousand groups), so that trimming, casing and checking run once a group, not once a row; only the
  // value is read per row. With a user column the same scan groups them by user and event too.
  const aggregates = `WITH src AS (
  SELECT ${day} AS d, ${text('channel')} AS ch, ${text('event')} AS ev${options.hasGeo ? `, ${text('geo')} AS g` : ''}${
    user ? `, ${text(q(user))} AS u` : ''
  }, ${value} AS val
  FROM ${relation}
), raw AS (
  SELECT ${cells}${user ? ', u, GROUPING(u) AS by_cells' : ''},
    COUNT(*) AS n,
    ${sum} AS value,
    COUNT(CASE WHEN ${badValue} THEN 1 END) AS bad_value
  FROM src
  GROUP BY ${user ? `GROUPING SETS ((${cells}), (u, ev))` : cells}
), checked AS (
  SELECT${options.hasGeo ? "\n    coalesce(trim(g), '') AS geo," : ''}
    ${typedDay ? 'd' : s.tryDate('d')} AS day,
    CASE WHEN coalesce(trim(ch), '') = '' AND lower(trim(ev)) = 'conversion' THEN '(none)' ELSE trim(ch) END AS channel,
    lower(trim(ev)) AS event,
    n, value,
    CASE WHEN (${broken.timestamp}) OR (${broken.event}) OR (${broken.channel}) THEN n ELSE bad_value END AS bad
  FROM raw${user ? '\n  WHERE by_cells = 1' : ''}
)
SELECT
  ${period} AS date,${options.hasGeo ? '\n  geo,' : ''}
  channel,
  SUM(CASE WHEN event = 'touch' THEN n ELSE 0 END) AS touches,
  SUM(CASE WHEN event = 'conversion' THEN n ELSE 0 END) AS conversions,
  SUM(CASE WHEN event = 'conversion' THEN coalesce(value, 0) ELSE 0 END) AS value,
  SUM(bad) AS bad,
  CAST(NULL AS BIGINT) AS users
FROM checked
GROUP BY ${keys}`;
  if (!user) return `${aggregates}\nORDER BY ${keys}`;
  // Per user: its touches and conversions (a row of another event is counted as bad above).
  return `${aggregates}
UNION ALL
SELECT CAST(NULL AS DATE),${options.hasGeo ? ` CAST(NULL AS ${s.text}),` : ''} CAST(NULL AS ${s.text}), 0,
  SUM(CASE WHEN t = 0 AND c > 0 THEN c ELSE 0 END), 0.0,
  SUM(CASE WHEN ${broken.user} THEN n ELSE 0 END),
  SUM(CASE WHEN t = 0 AND c > 0 THEN 1 ELSE 0 END)
FROM (
  SELECT u, SUM(n) AS n,
    SUM(CASE WHEN lower(trim(ev)) = 'touch' THEN n ELSE 0 END) AS t,
    SUM(CASE WHEN lower(trim(ev)) = 'conversion' THEN n ELSE 0 END) AS c
  FROM raw WHERE by_cells = 0 GROUP BY u
) users
ORDER BY ${keys}`;
}

/** Options of {@link firstBadEventSql} and {@link mixedGeosSql}. */
export interface EventRowsSqlOptions {
  dialect?: SqlDialect;
  hasValue: boolean;
  /** The user column, `user_id` or `journey_id`. */
  user: string;
  /** Columns of `relation` that place a row, in the order rows are counted (e.g. `['row']`, `['_file', '_row']`). */
  at: readonly string[];
}

/**
 * Only on failure (`bad` above 0): the first row, by `at`, that breaks one of the aggregation's rules,
 * with its cells as text (`ts, ev, ch, val, u`) and a flag `bad_<k>` per rule of {@link eventRuleOf}.
 */
export function firstBadEventSql(relation: string, options: EventRowsSqlOptions): string {
  const dialect = options.dialect ?? 'duckdb';
  const s = SPELLING[dialect];
  const rules = eventRules(dialect, CELLS);
  const text = (x: string) => `CAST(${x} AS ${s.text})`;
  const flags = rules.map((r, k) => `coalesce(${r.broken}, false) AS bad_${k}`).join(', ');
  const at = options.at.join(', ');
  return `SELECT ${at}, ts, ch, ev, val, u, ${flags}
FROM (SELECT ${at}, ${text(s.quote('timestamp'))} AS ts, ${text('channel')} AS ch, ${text('event')} AS ev,
  ${options.hasValue ? text(s.quote('value')) : `CAST(NULL AS ${s.text})`} AS val, ${text(s.quote(options.user))} AS u
  FROM ${relation}) cells
WHERE ${rules.map((r) => `coalesce(${r.broken}, false)`).join(' OR ')}
ORDER BY ${at} LIMIT 1`;
}

// The cells of firstBadEventSql's rows, as text.
const CELLS = { u: 'u', day: 'substr(ts, 1, 10)', ev: 'ev', ch: 'ch', val: 'val' };

/**
 * The column, cell and rule in words of the first rule a row of {@link firstBadEventSql} breaks, or
 * null when none is flagged.
 */
export function eventRuleOf(
  row: Record<string, unknown>,
  user: string,
): { column: string; cell: string; rule: string } | null {
  // (the flags' order is the rules', whatever the dialect)
  const rules = eventRules('duckdb', CELLS);
  const k = rules.findIndex((_, i) => row[`bad_${i}`] === true);
  if (k < 0) return null;
  const r = rules[k]!;
  return { column: r.column === 'user' ? user : r.column, cell: r.cell, rule: r.rule };
}

/**
 * Only when a `geo` is empty on some rows and named on others: the first row of each kind (by `at`),
 * as `kind` (`empty` or `named`), the place columns and the cell `g`.
 */
export function mixedGeosSql(relation: string, options: Pick<EventRowsSqlOptions, 'dialect' | 'at'>): string {
  const s = SPELLING[options.dialect ?? 'duckdb'];
  const at = options.at.join(', ');
  const first = (kind: string, condition: string) =>
    `SELECT * FROM (SELECT '${kind}' AS kind, ${at}, coalesce(g, '') AS g FROM (SELECT ${at}, CAST(geo AS ${s.text}) AS g FROM ${relation}) cells
  WHERE ${condition} ORDER BY ${at} LIMIT 1) first_${kind}`;
  return `${first('empty', "coalesce(trim(g), '') = ''")}\nUNION ALL\n${first('named', "coalesce(trim(g), '') <> ''")}`;
}

/** What the aggregation's rows say, read the same way from either engine. */
export interface AggregationResult {
  rows: EventAggregate[];
  /** Rows that break a rule (then `rows` are not to be used). */
  bad: number;
  /** Whether a geo is empty on some rows and named on others. */
  mixedGeos: boolean;
  /** Users with conversions but no touch, and their conversions (0 without `user`). */
  onlyUsers: number;
  onlyConversions: number;
  events: number;
}

/**
 * Reads the rows of {@link eventsAggregationSql} (as JSON-like values: dates and big integers as text
 * or numbers), sorted by date, geo and channel.
 */
export function readAggregation(rows: readonly Record<string, unknown>[]): AggregationResult {
  const users = rows.find((r) => r['users'] !== null && r['users'] !== undefined);
  const data = rows.filter((r) => r !== users);
  const hasGeo = data.some((r) => 'geo' in r);
  // A `geo` column empty on every row is national data; empty beside named is refused.
  const named = hasGeo && data.some((r) => r['geo'] !== '');
  const out = data
    .map((r) => ({
      date: String(r['date']),
      ...(named ? { geo: String(r['geo']) } : {}),
      channel: String(r['channel']),
      touches: Number(r['touches']),
      conversions: Number(r['conversions']),
      value: Number(r['value']),
    }))
    .sort((a, b) => compare(a.date, b.date) || compare(a.geo ?? '', b.geo ?? '') || compare(a.channel, b.channel));
  return {
    rows: out,
    bad: [...data, ...(users ? [users] : [])].reduce((n, r) => n + Number(r['bad'] ?? 0), 0),
    mixedGeos: named && data.some((r) => r['geo'] === ''),
    onlyUsers: Number(users?.['users'] ?? 0),
    onlyConversions: Number(users?.['conversions'] ?? 0),
    events: out.reduce((n, r) => n + r.touches + r.conversions, 0),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
