import type { GeoPanelData } from './geo-panel';

/** A geo panel as rows of the canonical input formats (DESIGN §5), long form with `geo`. */
export interface GeoPanelRows {
  summary: { date: string; geo: string; channel: string; spend: number }[];
  conversions: { date: string; geo: string; revenue: number }[];
  /** Geo factors (price). */
  factors: { date: string; geo: string; factor: string; value: number }[];
  /** National factors (holiday), without `geo`: they apply to every geo. */
  holidays: { date: string; factor: string; value: number }[];
  population: { geo: string; population: number }[];
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/**
 * The rows of a generated geo panel: spend and revenue to cents, factor values to 4 decimals. A factor
 * that is the same in every geo (the holiday flag) is written once, nationally.
 *
 * @example geoPanelRows(generateGeoPanel(GEO_PANEL_SPEC)).summary[0] // { date, geo: 'geo01', channel: 'tv', spend }
 */
export function geoPanelRows(panel: GeoPanelData): GeoPanelRows {
  const out: GeoPanelRows = { summary: [], conversions: [], factors: [], holidays: [], population: [] };
  for (const g of panel.geos) {
    const { dates, channels, outcome, factors } = g.data;
    for (const c of channels) {
      dates.forEach((date, t) =>
        out.summary.push({ date, geo: g.name, channel: c.name, spend: round(c.spend[t]!, 2) }),
      );
    }
    dates.forEach((date, t) => out.conversions.push({ date, geo: g.name, revenue: round(outcome[t]!, 2) }));
    for (const f of factors) {
      if (f.name === 'holiday') continue;
      dates.forEach((date, t) =>
        out.factors.push({ date, geo: g.name, factor: f.name, value: round(f.values[t]!, 4) }),
      );
    }
    out.population.push({ geo: g.name, population: g.population });
  }
  const first = panel.geos[0]!.data;
  const holiday = first.factors.find((f) => f.name === 'holiday');
  if (holiday)
    first.dates.forEach((date, t) => out.holidays.push({ date, factor: 'holiday', value: holiday.values[t]! }));
  return out;
}

/** Records as CSV text: a header of the first record's keys, one line per record (no quoting needed here). */
function csv(rows: readonly Record<string, string | number>[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]!);
  return [keys.join(','), ...rows.map((r) => keys.map((k) => String(r[k])).join(','))].join('\n') + '\n';
}

/**
 * A generated geo panel as CSV files, by file name: `summary.csv` (`date,geo,channel,spend`),
 * `conversions.csv` (`date,geo,revenue`), `factors.csv` (`date,geo,factor,value`), `holidays.csv` (a
 * national factor: `date,factor,value`), `population.csv` (`geo,population`) and `truth.json` (national
 * and per-geo ROI and contributions over the window, each geo's size and spend patterns).
 *
 * @example for (const [name, text] of Object.entries(geoPanelFiles(panel))) writeFileSync(join(dir, name), text);
 */
export function geoPanelFiles(panel: GeoPanelData): Record<string, string> {
  const rows = geoPanelRows(panel);
  const truth = {
    description:
      'mixmodeler geo panel: per geo, revenue = base (level, trend, season, price, holidays) + ' +
      'Σ β_{g,c} · hill(adstock(spend_{g,c} / mean)) + noise, ROI per geo drawn around the national value. ' +
      'National ROI = Σ_g contribution / Σ_g spend over the window.',
    window: panel.window,
    roi: panel.roi,
    contribution: panel.contribution,
    geos: Object.fromEntries(
      panel.geos.map((g) => [
        g.name,
        { size: g.size, population: g.population, roi: g.roi, contribution: g.contribution, patterns: g.patterns },
      ]),
    ),
  };
  return {
    'summary.csv': csv(rows.summary),
    'conversions.csv': csv(rows.conversions),
    'factors.csv': csv(rows.factors),
    ...(rows.holidays.length > 0 ? { 'holidays.csv': csv(rows.holidays) } : {}),
    'population.csv': csv(rows.population),
    'truth.json': JSON.stringify(truth, null, 2) + '\n',
  };
}
