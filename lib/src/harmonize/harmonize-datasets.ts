import { datasetEntries } from '../data/dataset-entries';
import type { Entry } from '../data/entry';
import { isFrame, toFrame, type Frame, type TableInput } from '../data/frame';
import { checkKind } from '../data/kinds';
import { populationRows, type PopulationRow } from '../data/population';
import { ConfigError } from '../errors';
import { checkGeos } from './check-geos';
import { geoTotals } from './geo-totals';
import { checkRules } from './check-rules';
import { resolveConflicts } from './conflicts';
import { renamePopulation } from './geo-population';
import type { Harmonized } from './harmonized';
import type { ResolvedRules, Rules } from './rules';
import { mapColumns, transformEntries } from './source-rules';
import { toGrain } from './to-grain';

/** One dataset to harmonize: its name (the rules' source name), kind and table. */
export interface DatasetInput {
  name: string;
  /** `summary`, `events`, `conversions` or `factors`. */
  kind: string;
  /** A loaded {@link Frame}, or records, a column object, an arquero table or a DataFrame. */
  data: Frame | TableInput;
  /** Event data already aggregated per day and channel. */
  aggregated?: boolean;
}

/**
 * Harmonizes datasets in memory, without a workspace: maps each source's fields, validates it against
 * its kind, applies multipliers, channel and geo renames (merges sum), resolves cross-source duplicates
 * by the conflicts rule, checks the geo panel ({@link checkGeos}), then aggregates to the grain per geo
 * with missing spend as zero (reported per geo × channel on geo data) and missing factor values
 * reported. National data (no `geo` column) are the one-geo case and give the tables they always did.
 * A sample generator can pass its frames straight here.
 *
 * @param rules rules object (checked with {@link checkRules}); default: week grain from Monday, no renames
 * @param file the rules file name for messages
 * @throws InputError naming file, row, column and value of a bad cell, or both rows of an unresolved
 *   duplicate, or the geo, file and row of a geo panel harmonize cannot keep
 * @throws ConfigError when the rules are malformed or name a source, field or metric that does not exist
 * @example harmonizeDatasets([{ name: 'tv', kind: 'summary', data: records }], { grain: 'week' }).summary.channels
 */
export function harmonizeDatasets(
  datasets: readonly DatasetInput[],
  rules: Rules | ResolvedRules = {},
  file = 'rules',
): Harmonized {
  const r = checkRules(rules, file);
  const names = datasets.map((d) => d.name);
  for (const s of [...Object.keys(r.sources), ...(r.conflicts?.priority ?? [])]) {
    if (!names.includes(s))
      throw new ConfigError(`${file}: unknown source \`${s}\`; the datasets are ${names.join(', ') || '(none)'}`);
  }
  const all: Entry[] = [];
  const populations: PopulationRow[] = [];
  const geoRenames = r.geos ?? {};
  const sources = datasets.map((d) => {
    const kind = checkKind(d.kind);
    const raw = isFrame(d.data) ? d.data : toFrame(d.data, d.name);
    const none = { fields: {}, multipliers: {}, drop: [] };
    const rule = r.sources[d.name] ?? none;
    const frame = mapColumns(raw, d.name, rule, file);
    const entries = datasetEntries(frame, kind, d.name, d.aggregated ?? false);
    if (kind === 'population') for (const p of populationRows(frame)) populations.push({ ...p, dataset: d.name });
    for (const e of transformEntries(entries, d.name, rule, r.channels, file, geoRenames)) all.push(e);
    return { name: d.name, kind, source: raw.source, rows: raw.table.numRows() };
  });
  const factorNames = [...new Set(all.filter((e) => e.table === 'factors').map((e) => e.metric))];
  const { entries, conflicts } = resolveConflicts(all, r.conflicts, file);
  const population = renamePopulation(populations, geoRenames);
  const geos = checkGeos(entries, population, r.grain, r.weekStart);
  const t = toGrain(entries, r.grain, r.weekStart, r.factorAggregation, factorNames);
  const inPanel = population.filter((p) => geos.includes(p.geo)).sort((a, b) => (a.geo < b.geo ? -1 : 1));
  const geoFields =
    geos.length === 0
      ? {}
      : {
          geos,
          geoTotals: geoTotals(t.media, t.conversions, geos),
          ...(inPanel.length > 0 ? { population: Object.fromEntries(inPanel.map((p) => [p.geo, p.population])) } : {}),
        };
  const cols = (x: typeof t.media, skip: string[]) => x.columnNames().filter((c) => !skip.includes(c));
  return {
    summary: {
      grain: r.grain,
      weekStart: r.grain === 'week' ? r.weekStart : null,
      from: t.periods[0] ?? null,
      to: t.periods[t.periods.length - 1] ?? null,
      periods: t.periods.length,
      ...geoFields,
      channels: [...new Set(t.media.array('channel') as string[])],
      metrics: cols(t.media, ['date', 'geo', 'channel']),
      conversions: cols(t.conversions, ['date', 'geo']),
      factors: cols(t.factors, ['date', 'geo']),
      rows: { media: t.media.numRows(), conversions: t.conversions.numRows(), factors: t.factors.numRows() },
      sources,
      conflicts,
      missing: t.missing,
    },
    media: t.media,
    conversions: t.conversions,
    factors: t.factors,
  };
}
