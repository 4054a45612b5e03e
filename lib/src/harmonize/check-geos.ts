import type { Entry } from '../data/entry';
import { EVENT_METRICS } from '../data/kinds';
import type { PopulationRow } from '../data/population';
import { InputError, show } from '../errors';
import { dayNumber, periodStart, type Grain, type Weekday } from '../math/calendar';

/** The shortest history a geo may have: 52 weeks (364 days) from its first period's start to its last's end. */
export const MIN_GEO_DAYS = 364;

const at = (e: Entry) => `row ${e.row} of ${e.file}`;
/** The tables in the user's words. */
const LABEL = { media: 'spend', conversions: 'conversions' } as const;

/**
 * Checks that resolved entries form a geo panel harmonize can keep, and returns its geos (sorted; empty
 * for national data, which pass unchecked). Spend and conversions must name the same geos, national rows
 * cannot sit beside geo rows in the media or the conversions (a national factor may: it applies to every
 * geo), a geo factor's geo must have data, each geo needs at least a year of data ({@link MIN_GEO_DAYS})
 * and, when populations are given, each geo a population.
 *
 * @param population the rows of the population tables (after geo renames), empty when there are none
 * @returns the geos
 * @throws InputError naming the geo, the file and the row:
 *   `` geo "west" is in the conversions (row 14 of sales.csv) but not in the media (media.csv) ``
 * @example checkGeos(entries, [], 'week', 'monday') // ['north', 'south']
 */
export function checkGeos(
  entries: readonly Entry[],
  population: readonly PopulationRow[],
  grain: Grain,
  weekStart: Weekday,
): string[] {
  const first = {
    media: new Map<string, Entry>(),
    conversions: new Map<string, Entry>(),
    factors: new Map<string, Entry>(),
  };
  for (const e of entries) {
    const m = first[e.table];
    const g = e.geo ?? '';
    if (!m.has(g)) m.set(g, e);
  }
  const named = (m: Map<string, Entry>) => [...m.keys()].filter((g) => g !== '');
  const geos = [...new Set([...named(first.media), ...named(first.conversions), ...named(first.factors)])].sort();
  if (geos.length === 0) {
    if (population.length > 0) {
      const p = population[0]!;
      throw new InputError(
        `${p.file} gives populations per geo, but no summary, conversions or factors have a \`geo\` column`,
      );
    }
    return [];
  }
  const files = (m: Map<string, Entry>) => [...new Set([...m.values()].map((e) => e.file))].join(', ');
  for (const t of ['media', 'conversions'] as const) {
    const national = first[t].get('');
    const geo = named(first[t])[0];
    if (national && geo !== undefined) {
      const g = first[t].get(geo)!;
      // Event data are aggregated per geo only when their file has a `geo` column: say which file needs it.
      const fix = EVENT_METRICS.includes(national.metric)
        ? `give the event data a \`geo\` column too (${national.file} has none), or harmonize them in a workspace of their own`
        : 'give every file of a geo dataset a `geo` column, or sum the geos before import';
      throw new InputError(
        `national rows (no \`geo\`, ${at(national)}) beside geo rows (${show(geo)} at ${at(g)}) in the ${LABEL[t]} data; ${fix}`,
      );
    }
  }
  if (first.media.size > 0 && first.conversions.size > 0) {
    const pairs = [
      ['conversions', 'media'],
      ['media', 'conversions'],
    ] as const;
    for (const [a, b] of pairs) {
      const e = first[a].get('');
      const other = first[b].values().next().value;
      if (e === undefined || other === undefined || first[b].has('')) continue;
      throw new InputError(
        `the ${LABEL[a]} data are national (${e.file} has no \`geo\`) but the ${LABEL[b]} data are per geo ` +
          `(${show(other.geo)} at ${at(other)}); give both a \`geo\` column, or sum the geos before import`,
      );
    }
    for (const [a, b] of pairs) {
      for (const [g, e] of first[a]) {
        if (first[b].has(g)) continue;
        throw new InputError(
          `geo ${show(g)} is in the ${LABEL[a]} data (${at(e)}) but not in the ${LABEL[b]} data (${files(first[b])}); ` +
            "each geo needs both spend and conversions, or a rename onto another geo in the rules' `geos`",
        );
      }
    }
  }
  for (const [g, e] of first.factors) {
    if (g !== '' && !first.media.has(g) && !first.conversions.has(g)) {
      throw new InputError(
        `geo ${show(g)} is in the factors (${at(e)}) but has no spend or conversions; ` +
          "leave it out, or rename it onto another geo in the rules' `geos`",
      );
    }
  }
  checkHistory(entries, grain, weekStart);
  if (population.length > 0) {
    const given = new Set(population.map((p) => p.geo));
    const lacking = geos.find((g) => !given.has(g));
    if (lacking !== undefined) {
      const e = first.media.get(lacking) ?? first.conversions.get(lacking) ?? first.factors.get(lacking)!;
      const files = [...new Set(population.map((p) => p.file))].join(', ');
      throw new InputError(
        `geo ${show(lacking)} (${at(e)}) has no population in ${files}; give every geo one, or none`,
      );
    }
  }
  return geos;
}

/** Refuses a geo whose media and conversions span less than {@link MIN_GEO_DAYS}. */
function checkHistory(entries: readonly Entry[], grain: Grain, weekStart: Weekday): void {
  const span = new Map<string, { from: Entry; to: Entry }>();
  for (const e of entries) {
    if (e.table === 'factors' || !e.geo) continue;
    const s = span.get(e.geo);
    if (!s) span.set(e.geo, { from: e, to: e });
    else {
      if (e.date < s.from.date) s.from = e;
      if (e.date > s.to.date) s.to = e;
    }
  }
  const length = grain === 'week' ? 7 : 1;
  for (const [g, { from, to }] of span) {
    const days =
      dayNumber(periodStart(to.date, grain, weekStart)) - dayNumber(periodStart(from.date, grain, weekStart)) + length;
    if (days >= MIN_GEO_DAYS) continue;
    const size = grain === 'week' ? `${days / 7} weeks` : `${days} days`;
    throw new InputError(
      `geo ${show(g)} has less than a year of data: ${from.date} (${at(from)}) to ${to.date} (${at(to)}), ${size}; ` +
        `each geo needs at least ${grain === 'week' ? '52 weeks' : `${MIN_GEO_DAYS} days`}`,
    );
  }
}
