import { InputError, show } from '../errors';
import { formatInteger } from '../format';
import { attributePatterns, type MtaMethod, type PatternAttribution } from '../mta/attribute';
import { comparePatterns, RULE_METHODS, type JourneyPattern, type JourneyPatterns } from '../mta/journey-patterns';
import {
  channelCountsSql,
  checksSql,
  gapHistogramSql,
  patternsSql,
  ruleCreditSql,
  touchesSql,
  transitionsSql,
} from '../mta/journey-sql';
import { autoLookbackFromHistogram, type LookbackReport } from '../mta/journeys';
import type { RuleMethod } from '../mta/rules';

// What the out-of-core engines (DuckDB, Spark) share once the events are in `mm_events`: the warnings
// on the event checks and the pattern summary the methods read. Each engine passes its own ways to run
// a statement, read rows, and make a table (DuckDB `CREATE TABLE`, Spark `CACHE TABLE`).

/** Rows of a query, as plain objects. */
export type Rows = (text: string) => Promise<Record<string, unknown>[]>;

/** The methods that read the touches' order: the rules, from their credits, and Markov, from its transitions. */
const ORDERED: readonly MtaMethod[] = [...RULE_METHODS, 'markov', 'markov-2'];

/**
 * The warnings of an event file's checks, in words: timestamps mixing zoned and naive times, users with
 * conversions but no touch, channels seen only on conversions.
 *
 * @param n the checks' counts by name (`zoned`, `naive`, `only_users`, `only_conversions`)
 * @param counts touches and conversions per channel (channelCountsSql)
 */
export function eventWarnings(label: string, n: (k: string) => number, counts: Record<string, unknown>[]): string[] {
  const warnings: string[] = [];
  if (n('zoned') > 0 && n('naive') > 0) {
    warnings.push(
      `${label}: \`timestamp\` mixes times with a zone (Z or ±hh:mm, ${formatInteger(n('zoned'))} rows) and ` +
        `without (${formatInteger(n('naive'))} rows); those without are read as UTC`,
    );
  }
  if (n('only_users') > 0) {
    warnings.push(
      `${label}: ${formatInteger(n('only_users'))} users have conversions (${formatInteger(n('only_conversions'))}) ` +
        `but no touch at all; their conversions have nothing to be attributed to`,
    );
  }
  for (const r of counts.filter((r) => Number(r['touches']) === 0)) {
    warnings.push(
      `${label}: channel ${show(String(r['channel']))} in column \`channel\` appears only on conversions ` +
        `(${formatInteger(Number(r['conversions']))}); a conversion's channel is not a touch and gets no credit`,
    );
  }
  return warnings;
}

/**
 * The distinct journey patterns with weights (and, for the methods that read the touches' order, the
 * table mm_touches with the transition counts or the rule's credits); channels no kept touch names are
 * left out, as in memory. Only these come into memory.
 *
 * @param createTable makes a table from a SELECT (`mm_touches`, which the touch scores read again)
 */
async function readJourneySummary(
  createTable: (name: string, select: string) => Promise<unknown>,
  rows: Rows,
  touched: readonly string[],
  days: number,
  method: MtaMethod,
  halfLifeDays: number,
): Promise<{ summary: JourneyPatterns; unattributed: number }> {
  let unattributed = 0;
  const raw: JourneyPattern[] = [];
  if (touched.length > 0) {
    for (const r of await rows(patternsSql(touched, days))) {
      const weight = Number(r['weight']);
      if (Number(r['kept']) === 0) unattributed += Number(r['converted']) === 1 ? weight : 0;
      else
        raw.push({
          counts: touched.map((_, i) => Number(r[`n_${i}`])),
          converted: Number(r['converted']) === 1,
          weight,
        });
    }
  }
  const keep = touched.map((_, i) => raw.some((p) => p.counts[i]! > 0));
  const channels = touched.filter((_, i) => keep[i]);
  const patterns = raw.map((p) => ({ ...p, counts: p.counts.filter((_, i) => keep[i]) })).sort(comparePatterns);
  const transitions = { 1: new Map(), 2: new Map() };
  const rules: JourneyPatterns['rules'] = {};
  if (ORDERED.includes(method) && channels.length > 0) {
    await createTable('mm_touches', touchesSql(days));
    if (method === 'markov' || method === 'markov-2') {
      for (const r of await rows(transitionsSql())) {
        const t = transitions[Number(r['markov_order']) as 1 | 2];
        const from = String(r['from_state']);
        const m = t.get(from) ?? new Map<string, number>();
        m.set(String(r['to_state']), Number(r['n']));
        t.set(from, m);
      }
    } else {
      const credit = await rows(ruleCreditSql(method as RuleMethod, halfLifeDays));
      rules[method as RuleMethod] = new Map(credit.map((r) => [String(r['channel']), Number(r['credit'])]));
    }
  }
  return { summary: { channels, patterns, transitions, rules, halfLifeDays }, unattributed };
}

/** How an engine runs the shared steps over its `mm_events`. */
export interface EventTableEngine {
  rows: Rows;
  /** Makes a table from a SELECT (DuckDB `CREATE TABLE`, Spark `CACHE TABLE`). */
  createTable: (name: string, select: string) => Promise<unknown>;
  /** The error naming the first bad row (file, row, column), read only on failure. */
  firstBadRow: () => Promise<InputError>;
}

/** What {@link attributeEventTable} gives: the attribution and what the events and the lookback left. */
export interface EventTableAttribution {
  attribution: PatternAttribution;
  summary: JourneyPatterns;
  lookback: Omit<LookbackReport, 'gaps'>;
  /** The lookback `auto` would take on these events. */
  autoLookbackDays: number;
  warnings: string[];
  events: number;
}

/**
 * The steps every out-of-core engine shares once the events are in `mm_events`: the checks (no events,
 * a bad row, no conversion: errors; the warnings), the lookback (`auto` from the gaps' histogram), the
 * pattern summary and the attribution over it.
 *
 * @throws InputError naming `label` (and the first bad row) on bad events, or when no conversion keeps
 *   a touch within the lookback
 */
export async function attributeEventTable(
  engine: EventTableEngine,
  label: string,
  method: MtaMethod,
  lookbackDays: number | 'auto',
  halfLifeDays: number,
): Promise<EventTableAttribution> {
  const { rows } = engine;
  const check = (await rows(checksSql()))[0]!;
  const n = (k: string) => Number(check[k] ?? 0);
  if (n('events') === 0) throw new InputError(`${label} holds no events; expected touch and conversion rows`);
  if (n('bad') > 0) throw await engine.firstBadRow();
  if (n('conversions') === 0) {
    throw new InputError(
      `${label}: no row has \`event\` conversion (${formatInteger(n('events'))} touches); attribution needs conversions`,
    );
  }
  const counts = await rows(channelCountsSql());
  const warnings = eventWarnings(label, n, counts);
  const touched = counts.filter((r) => Number(r['touches']) > 0).map((r) => String(r['channel']));
  const histogram = (await rows(gapHistogramSql())).map((r) => [Number(r['day']), Number(r['touches'])] as const);
  const autoLookbackDays = autoLookbackFromHistogram(histogram);
  const days = lookbackDays === 'auto' ? autoLookbackDays : lookbackDays;
  const { summary, unattributed } = await readJourneySummary(
    engine.createTable,
    rows,
    touched,
    days,
    method,
    halfLifeDays,
  );
  const kept = summary.patterns.reduce((s, p) => s + (p.converted ? p.weight : 0), 0);
  const lookback = {
    lookbackDays: days,
    touches: histogram.reduce((s, [, k]) => s + k, 0),
    outside: histogram.reduce((s, [d, k]) => s + (d > days ? k : 0), 0),
    conversions: n('conversions'),
    unattributed,
  };
  if (kept === 0) {
    throw new InputError(
      `no conversion in ${label} has a touch within the ${days}-day lookback ` +
        `(${lookback.conversions} conversions, ${lookback.touches} touches before them): nothing to attribute; ` +
        `check the events' channels and times, or try --lookback-days auto`,
    );
  }
  const attribution = attributePatterns(summary, method);
  return { attribution, summary, lookback, autoLookbackDays, warnings, events: n('events') };
}
