import type { RuleMethod } from './rules';

/** The SQL dialects the journey statements are written for. */
export type SqlDialect = 'duckdb' | 'spark';

/**
 * The few spellings where DuckDB and Spark SQL differ; everything else in the journey statements is
 * the SQL both share (window functions, CASE, CAST, UNION ALL, GROUP BY).
 */
const DIALECTS: Record<
  SqlDialect,
  {
    text: string;
    /** Milliseconds since the epoch of an ISO timestamp text, NULL when it does not parse. */
    epochMs: (x: string) => string;
    /** True when a timestamp text ends in a zone (Z or ±hh:mm). */
    zoned: (x: string) => string;
    /** ISO text (UTC, milliseconds, `Z`) of epoch milliseconds, as `Date#toISOString` writes it. */
    isoOfMs: (x: string) => string;
    /** A quoted identifier. */
    quote: (name: string) => string;
  }
> = {
  duckdb: {
    text: 'VARCHAR',
    epochMs: (x) => `epoch_ms(TRY_CAST(${x} AS TIMESTAMPTZ))`,
    zoned: (x) => `regexp_matches(${x}, '${ZONE}')`,
    isoOfMs: (x) => `strftime(make_timestamp(${x} * 1000), '%Y-%m-%dT%H:%M:%S.%gZ')`,
    quote: (name) => `"${name}"`,
  },
  spark: {
    text: 'STRING',
    epochMs: (x) => `unix_millis(try_cast(${x} AS TIMESTAMP))`,
    zoned: (x) => `(${x} RLIKE '${ZONE}')`,
    isoOfMs: (x) => `date_format(timestamp_millis(${x}), "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")`,
    quote: (name) => `\`${name}\``,
  },
};

const MS_PER_DAY = 86_400_000;

// A time of day followed by a zone: Z, ±hh, ±hhmm or ±hh:mm (a bare date has none).
const ZONE = '[T ][0-9:.]+ ?(Z|[+-][0-9][0-9](:?[0-9][0-9])?)$';

/** Quotes a string as a SQL literal (the same in both dialects). */
export function sqlLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The statements that build journeys out of core, in the order a runner executes them. Each reads the
 * relations named before it, which the runner creates from the statements (a table in DuckDB, a cached
 * temp view in Spark):
 *
 * - `mm_source` (given by the runner): `user_id, ts, t, zoned, channel, event, row`: `ts` the time as
 *   read, `t` and `zoned` from {@link sourceTimeSql}, `row` a BIGINT: the event's index over the input
 *   (0-based, as `journeysFromEvents` numbers rows).
 * - {@link eventsSql} → `mm_events`: one row per event, with its journey number `k` per user (the
 *   conversions before it), `conv_t` (the time of the conversion that closes its journey; NULL after a
 *   user's last conversion) and flags for the checks.
 * - {@link checksSql}, {@link channelCountsSql}, {@link gapHistogramSql}, {@link patternsSql}: small
 *   results read into memory (the patterns by one GROUP BY per journey).
 * - {@link touchesSql} → `mm_touches`, only for the methods that read the touches' order: the touches
 *   the lookback keeps, with position and length; {@link transitionsSql}, {@link ruleCreditSql}.
 * - {@link touchScoresSql}: one score per touch, for `COPY … TO` / a Parquet write.
 *
 * The order within a user is the in-memory one: by time, a touch before a conversion at the same
 * instant, then by row. A journey is closed by a conversion and holds the touches since the user's
 * previous conversion that are at most `lookbackDays` before it; touches after the last conversion form
 * a non-converting journey.
 */
export const JOURNEY_RELATIONS = ['mm_source', 'mm_events', 'mm_touches'] as const;

/**
 * The time columns of `mm_source` from a timestamp column: `t`, milliseconds since the epoch (NULL when
 * it does not parse; a naive time is read as UTC), and `zoned`, 1 when it carried a zone, 0 when not.
 * A typed column (`timestamp`, `timestamptz`) is read without going through text.
 *
 * @returns two SQL expressions, `t` and `zoned`
 */
export function sourceTimeSql(
  dialect: SqlDialect,
  column: string,
  kind: 'text' | 'timestamp' | 'timestamptz',
): { t: string; zoned: string } {
  const d = DIALECTS[dialect];
  if (kind !== 'text') return { t: d.epochMs(column), zoned: kind === 'timestamptz' ? '1' : '0' };
  const text = `trim(CAST(${column} AS ${d.text}))`;
  return { t: d.epochMs(text), zoned: `CASE WHEN ${d.zoned(text)} THEN 1 ELSE 0 END` };
}

/**
 * `mm_events` from `mm_source`: `conv` 1 for a conversion, `bad` 1 for a row that is not a valid event
 * (unparseable time, no user, another event, a touch without a channel), `k` (the conversions before it
 * within the user: its journey), `conv_t` and `only_conv` (1 when all the user's events are
 * conversions). The three windows share one partition and order, so one sort serves them; the flags
 * are TINYINT, as the table may spill to disk at a billion rows.
 *
 * @param channelType a type the trimmed channel is cast to (DuckDB: an ENUM of the channels, one byte
 *   a row instead of a string's sixteen through the sort and the table)
 */
export function eventsSql(dialect: SqlDialect, channelType?: string): string {
  const d = DIALECTS[dialect];
  const channel = `trim(CAST(channel AS ${d.text}))`;
  const order = 'PARTITION BY user_id ORDER BY t, conv, row';
  return `WITH parsed AS (
  SELECT
    CAST(user_id AS ${d.text}) AS user_id,
    t,
    zoned,
    lower(trim(CAST(event AS ${d.text}))) AS ev,
    ${channelType ? `CAST(${channel} AS ${channelType})` : channel} AS channel,
    row
  FROM mm_source
), flagged AS (
  SELECT user_id, t, zoned, channel, row,
    CASE WHEN ev = 'conversion' THEN 1 ELSE 0 END AS conv,
    CASE WHEN t IS NULL OR user_id IS NULL OR ev IS NULL OR ev NOT IN ('touch', 'conversion')
      OR (ev = 'touch' AND (channel IS NULL OR channel IN ('', '(none)'))) THEN 1 ELSE 0 END AS bad
  FROM parsed
)
SELECT user_id, t, CAST(zoned AS TINYINT) AS zoned, channel, row, CAST(conv AS TINYINT) AS conv,
  CAST(bad AS TINYINT) AS bad,
  CAST(SUM(conv) OVER (${order}) - conv AS INTEGER) AS k,
  MIN(CASE WHEN conv = 1 THEN t END) OVER (${order} ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS conv_t,
  CAST(MIN(conv) OVER (${order} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS TINYINT) AS only_conv
FROM flagged`;
}

/**
 * One row of checks over `mm_events`: `events`, `bad` rows, `conversions`, `zoned` and `naive`
 * timestamps, `only_users` and `only_conversions` (users with conversions but no touch at all, and
 * their conversions).
 */
export function checksSql(): string {
  return `SELECT COUNT(*) AS events,
  SUM(bad) AS bad,
  SUM(conv) AS conversions,
  SUM(zoned) AS zoned,
  SUM(1 - zoned) AS naive,
  SUM(CASE WHEN only_conv = 1 AND k = 0 THEN 1 ELSE 0 END) AS only_users,
  SUM(CASE WHEN only_conv = 1 THEN 1 ELSE 0 END) AS only_conversions
FROM mm_events`;
}

/**
 * Per channel named on a valid row of `mm_events`: `channel, touches, conversions` (a channel with no
 * touch is named on conversions only).
 */
export function channelCountsSql(): string {
  return `SELECT channel, SUM(1 - conv) AS touches, SUM(conv) AS conversions FROM mm_events
WHERE bad = 0 AND channel IS NOT NULL AND channel NOT IN ('', '(none)')
GROUP BY channel ORDER BY channel`;
}

/**
 * The lookback's raw counts, by the whole days from a touch to the conversion it preceded (rounded
 * up): `day, touches` over the touches before a conversion. `autoLookbackFromHistogram` reads the
 * auto lookback from it, and any lookback's `outside` is the touches of the days above it.
 */
export function gapHistogramSql(): string {
  return `SELECT CAST(ceil((conv_t - t) / ${MS_PER_DAY}.0) AS BIGINT) AS day, COUNT(*) AS touches
FROM mm_events WHERE conv = 0 AND conv_t IS NOT NULL
GROUP BY 1 ORDER BY 1`;
}

function keptSql(lookbackDays: number): string {
  return `conv = 0 AND bad = 0 AND (conv_t IS NULL OR conv_t - t <= ${lookbackMs(lookbackDays)})`;
}

function lookbackMs(days: number): string {
  if (!Number.isFinite(days)) return '9223372036854775807';
  return String(Math.round(days * MS_PER_DAY));
}

/**
 * The journeys reduced to their distinct patterns in one GROUP BY per journey over `mm_events`:
 * `converted, kept, n_0 … n_{C−1}, weight`, n_c the kept touches on `channels[c]`, `kept` 1 when the
 * lookback keeps a touch (a row with `kept` 0 counts the converting journeys whose touches are all
 * older than the lookback) and `weight` the number of journeys.
 */
export function patternsSql(channels: readonly string[], lookbackDays: number): string {
  const kept = `CASE WHEN conv_t IS NULL OR conv_t - t <= ${lookbackMs(lookbackDays)} THEN 1 ELSE 0 END`;
  const n = channels.map((c, i) => `SUM(CASE WHEN channel = ${sqlLiteral(c)} THEN ${kept} ELSE 0 END) AS n_${i}`);
  const cols = channels.map((_, i) => `, n_${i}`).join('');
  return `SELECT converted, CASE WHEN kept > 0 THEN 1 ELSE 0 END AS kept${cols}, COUNT(*) AS weight FROM (
  SELECT user_id, k, MAX(CASE WHEN conv_t IS NULL THEN 0 ELSE 1 END) AS converted, SUM(${kept}) AS kept${n.map((x) => `, ${x}`).join('')}
  FROM mm_events WHERE conv = 0 AND bad = 0 GROUP BY user_id, k
) journeys
GROUP BY converted, CASE WHEN kept > 0 THEN 1 ELSE 0 END${cols}`;
}

/**
 * `mm_touches` from `mm_events`, for the methods that read the touches' order (rules, Markov) and for
 * the touch scores: the touches the lookback keeps (`lookbackDays` before their conversion at most,
 * or all after the user's last conversion), with `converted`, `pos` (1-based), `len`, the channels one
 * and two touches before (`prev1`, `prev2`) and the journey's last touch time `t_last`.
 */
export function touchesSql(lookbackDays: number): string {
  const journey = 'PARTITION BY user_id, k';
  return `SELECT user_id, k, channel, t, row,
  CASE WHEN conv_t IS NULL THEN 0 ELSE 1 END AS converted,
  row_number() OVER (${journey} ORDER BY t, row) AS pos,
  COUNT(*) OVER (${journey} ORDER BY t, row ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS len,
  LAG(channel, 1) OVER (${journey} ORDER BY t, row) AS prev1,
  LAG(channel, 2) OVER (${journey} ORDER BY t, row) AS prev2,
  MAX(t) OVER (${journey} ORDER BY t, row ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS t_last
FROM mm_events
WHERE ${keptSql(lookbackDays)}`;
}

/**
 * The Markov transition counts of order 1 and 2 over `mm_touches`: `markov_order, from_state,
 * to_state, n`, states as {@link TransitionCounts} names them.
 */
export function transitionsSql(): string {
  const end = "CASE WHEN converted = 1 THEN '(conversion)' ELSE '(null)' END";
  const state2 = "CASE WHEN pos = 1 THEN channel ELSE concat(prev1, '>', channel) END";
  return `SELECT markov_order, from_state, to_state, COUNT(*) AS n FROM (
  SELECT 1 AS markov_order, CASE WHEN pos = 1 THEN '(start)' ELSE prev1 END AS from_state, channel AS to_state
  FROM mm_touches
  UNION ALL
  SELECT 1, channel, ${end} FROM mm_touches WHERE pos = len
  UNION ALL
  SELECT 2, CASE WHEN pos = 1 THEN '(start)' WHEN pos = 2 THEN prev1 ELSE concat(prev2, '>', prev1) END,
    ${state2}
  FROM mm_touches
  UNION ALL
  SELECT 2, ${state2}, ${end} FROM mm_touches WHERE pos = len
) steps
GROUP BY markov_order, from_state, to_state
ORDER BY markov_order, from_state, to_state`;
}

/**
 * The credit of each touch of a converting journey under a rule, as `ruleCredits` gives it, over
 * `mm_touches`: `row, user_id, channel, t, credit` (time-decay: 2^(−(t_last − t)/h) normalized per
 * journey).
 */
function ruleTouchesSql(method: RuleMethod, halfLifeDays: number): string {
  if (method === 'time-decay') {
    const w = `pow(2.0, -(t_last - t) / ${halfLifeDays * MS_PER_DAY}.0)`;
    return `SELECT row, user_id, channel, t, ${w} / SUM(${w}) OVER (PARTITION BY user_id, k) AS credit
FROM mm_touches WHERE converted = 1`;
  }
  const credit = {
    last: 'CASE WHEN pos = len THEN 1.0 ELSE 0.0 END',
    first: 'CASE WHEN pos = 1 THEN 1.0 ELSE 0.0 END',
    linear: '1.0 / len',
    position:
      'CASE WHEN len = 1 THEN 1.0 WHEN len = 2 THEN 0.5 WHEN pos = 1 OR pos = len THEN 0.4 ELSE 0.2 / (len - 2) END',
  }[method];
  return `SELECT row, user_id, channel, t, ${credit} AS credit FROM mm_touches WHERE converted = 1`;
}

/** A rule's credit per channel over the converting journeys of `mm_touches`: `channel, credit`. */
export function ruleCreditSql(method: RuleMethod, halfLifeDays: number): string {
  return `SELECT channel, SUM(credit) AS credit FROM (${ruleTouchesSql(method, halfLifeDays)}) touches
GROUP BY channel ORDER BY channel`;
}

/**
 * Channel weights (data-driven) as credits per touch of the converting journeys the lookback keeps, over
 * `mm_events`: w_c / Σ_{c' in journey} w_c' / (touches on c in the journey), by touches when the
 * journey's channels all weigh 0. The per-journey counts are windows of one partition and order.
 */
function weightedTouchesSql(weights: ReadonlyMap<string, number>, lookbackDays: number): string {
  const list = [...weights];
  const frame = 'PARTITION BY user_id, k ORDER BY t, row ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';
  const n = list.map(
    ([c], i) => `, SUM(CASE WHEN channel = ${sqlLiteral(c)} THEN 1 ELSE 0 END) OVER (${frame}) AS n_${i}`,
  );
  const num = (w: number) => w.toPrecision(17);
  const w = `CASE channel ${list.map(([c, v]) => `WHEN ${sqlLiteral(c)} THEN ${num(v)}`).join(' ')} ELSE 0.0 END`;
  const per = `CASE channel ${list.map(([c], i) => `WHEN ${sqlLiteral(c)} THEN n_${i}`).join(' ')} ELSE 1 END`;
  const sum = list.map(([, v], i) => `CASE WHEN n_${i} > 0 THEN ${num(v)} ELSE 0.0 END`).join(' + ') || '0.0';
  return `SELECT row, user_id, channel, t,
  CASE WHEN (${sum}) > 0 THEN (${w}) / (${sum}) / (${per}) ELSE 1.0 / len END AS credit
FROM (
  SELECT row, user_id, channel, t, COUNT(*) OVER (${frame}) AS len${n.join('')}
  FROM mm_events WHERE conv_t IS NOT NULL AND ${keptSql(lookbackDays)}
) counted`;
}

/** A method's credit per touch: a rule (over `mm_touches`) or data-driven channel weights. */
export type TouchCredit =
  { rule: RuleMethod; halfLifeDays: number } | { weights: ReadonlyMap<string, number>; lookbackDays: number };

function creditSql(credit: TouchCredit): string {
  return 'rule' in credit
    ? ruleTouchesSql(credit.rule, credit.halfLifeDays)
    : weightedTouchesSql(credit.weights, credit.lookbackDays);
}

/** How touch scores are scaled to an MMM: per (period, channel) factors and the week start (Sunday = 0). */
export interface ScoreScaling {
  /** `[period, channel, factor]`, period the week's first day `YYYY-MM-DD`. */
  factors: readonly (readonly [string, string, number])[];
  weekStart: number;
}

/** The week start (`YYYY-MM-DD`) of epoch milliseconds, for a week starting on weekday `k` (Sunday = 0). */
function periodOfMs(dialect: SqlDialect, ms: string, k: number): string {
  if (dialect === 'duckdb') {
    const day = `CAST(make_timestamp(${ms} * 1000) AS DATE)`;
    return `strftime(${day} - CAST((dayofweek(${day}) - ${k} + 7) % 7 AS INTEGER), '%Y-%m-%d')`;
  }
  const day = `to_date(timestamp_millis(${ms}))`;
  return `date_format(date_sub(${day}, (dayofweek(${day}) - 1 - ${k} + 7) % 7), 'yyyy-MM-dd')`;
}

/**
 * The touch-score rows over `mm_touches` in the columns of `touchScoresCsv`: `row, user_id, channel,
 * timestamp, period, score, incremental`, sorted by row. The method is either a rule or a data-driven
 * method's channel weights; with `scaling`, `period` is the touch's week and `incremental` its score
 * times the period's and channel's factor (0 where none).
 */
export function touchScoresSql(dialect: SqlDialect, credit: TouchCredit, scaling: ScoreScaling | null = null): string {
  const d = DIALECTS[dialect];
  const touches = creditSql(credit);
  const base = `SELECT CAST(row AS BIGINT) AS row, user_id, channel, ${d.isoOfMs('t')} AS ${d.quote('timestamp')}, t, credit
FROM (${touches}) credited`;
  if (!scaling) {
    return `SELECT row, user_id, channel, ${d.quote('timestamp')}, CAST(NULL AS ${d.text}) AS period, credit AS score,
  CAST(NULL AS DOUBLE) AS incremental
FROM (${base}) scored`;
  }
  const values = scaling.factors
    .map(([p, c, f]) => `(${sqlLiteral(p)}, ${sqlLiteral(c)}, ${f.toPrecision(17)})`)
    .join(', ');
  return `SELECT s.row, s.user_id, s.channel, s.${d.quote('timestamp')}, s.period, s.credit AS score,
  s.credit * coalesce(f.factor, 0.0) AS incremental
FROM (SELECT row, user_id, channel, ${d.quote('timestamp')}, credit, ${periodOfMs(dialect, 't', scaling.weekStart)} AS period
  FROM (${base}) b) s
LEFT JOIN (SELECT * FROM (VALUES ${values || "('', '', 0.0)"}) AS v(period, channel, factor)) f
  ON s.period = f.period AND s.channel = f.channel`;
}

/**
 * The score per week (from weekday `weekStart`, Sunday = 0) and channel over the converting journeys,
 * for scaling to an MMM: `period, channel, score`.
 */
export function periodScoresSql(dialect: SqlDialect, credit: TouchCredit, weekStart: number): string {
  const touches = creditSql(credit);
  return `SELECT ${periodOfMs(dialect, 't', weekStart)} AS period, channel, SUM(credit) AS score
FROM (${touches}) credited GROUP BY 1, 2 ORDER BY 1, 2`;
}
