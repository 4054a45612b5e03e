import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readHarmonizedManifest, readHarmonized } from '../harmonize/harmonized-store';
import type { HarmonizeSummary } from '../harmonize/harmonized';
import type { PlotlyFigure } from '../insights/figure';
import { coverageFigure, leaderboardFigure, spendEffectFigure, type Coverage } from '../insights/overview-figures';
import { schemaField, schemaProblem } from '../fs/schemas';
import { dataRange, type DataRange } from './data-range';
import { listPlans, type PlanRow } from './plan-store';
import { leaderboard, type LeaderboardRow } from './views';

/** The file of the overview dashboard's layout in the workspace. */
export const DASHBOARD_FILE = 'dashboard.json';

/** The dashboard's widgets, in their default order (the ones `dashboard.schema.json` allows). */
export const DASHBOARD_WIDGETS = (schemaField('dashboard', 'widgets').items as { enum: string[] }).enum;

/**
 * Spend per channel and period of the harmonized data (summed over geos), for the coverage figure; null
 * without harmonized data. A period the data hold no row for is null, zero spend is 0.
 */
export function harmonizedCoverage(workspace: string): Coverage | null {
  const h = readHarmonized(workspace);
  if (!h) return null;
  const dates = [...new Set(Array.from(h.media.array('date') as ArrayLike<string>))].sort();
  const channels = h.summary.channels;
  const at = new Map(dates.map((d, i) => [d, i]));
  const spend = channels.map(() => dates.map((): number | null => null));
  const col = (name: string) =>
    h.media.columnNames().includes(name) ? (h.media.array(name) as ArrayLike<unknown>) : null;
  const date = col('date')!;
  const channel = col('channel')!;
  const value = col('spend');
  for (let i = 0; i < h.media.numRows(); i++) {
    const c = channels.indexOf(String(channel[i]));
    const t = at.get(String(date[i]));
    if (c < 0 || t === undefined) continue;
    const v = value ? Number(value[i]) : 0;
    spend[c]![t] = (spend[c]![t] ?? 0) + (Number.isFinite(v) ? v : 0);
  }
  return { dates, channels, spend };
}

/** The overview dashboard in one view: its layout, the data's range, the models' channels, the plans and the figures. */
export interface OverviewView {
  /** The widgets shown, in order: the saved layout, or the default when none is saved. */
  widgets: string[];
  /** Why a saved layout was not used (it does not fit the schema), or null. */
  layoutProblem: string | null;
  /** The harmonized data's summary and range; null before harmonize. */
  data: { summary: HarmonizeSummary; range: DataRange | null } | null;
  leaderboard: LeaderboardRow[];
  plans: PlanRow[];
  figures: {
    leaderboard: PlotlyFigure | null;
    coverage: PlotlyFigure | null;
    /** Per trained model: its spend share against effect share. */
    shares: { id: string; name: string; figure: PlotlyFigure }[];
  };
}

/**
 * The overview dashboard's content, read from the workspace without failing on what is not there yet:
 * a workspace with no saved layout, no harmonized data, no trained model or no plan gives the default
 * layout and empty parts (the dashboard's first open needs no file to exist).
 *
 * @example overviewView('mixmodeler-workspace').figures.leaderboard
 */
export function overviewView(workspace: string): OverviewView {
  let widgets = [...DASHBOARD_WIDGETS];
  let layoutProblem: string | null = null;
  const file = join(workspace, DASHBOARD_FILE);
  if (existsSync(file)) {
    try {
      const doc: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const p = schemaProblem('dashboard', doc);
      if (p) layoutProblem = `${DASHBOARD_FILE}: \`${p.path}\` ${p.rule}; the default layout is shown`;
      else widgets = (doc as { widgets: string[] }).widgets;
    } catch (e) {
      layoutProblem = `${DASHBOARD_FILE}: not valid JSON (${(e as Error).message}); the default layout is shown`;
    }
  }
  const manifest = readHarmonizedManifest(workspace);
  const rows = leaderboard(workspace);
  const coverage = manifest ? harmonizedCoverage(workspace) : null;
  const models = [...new Map(rows.map((r) => [r.id, r.name])).entries()];
  return {
    widgets,
    layoutProblem,
    data: manifest ? { summary: manifest.summary, range: dataRange(manifest.summary) } : null,
    leaderboard: rows,
    plans: listPlans(workspace),
    figures: {
      leaderboard: rows.length ? leaderboardFigure(rows) : null,
      coverage: coverage && coverage.dates.length ? coverageFigure(coverage) : null,
      shares: models.map(([id, name]) => ({
        id,
        name,
        figure: spendEffectFigure(
          rows.filter((r) => r.id === id),
          `${name}: share of spend vs share of media effect`,
        ),
      })),
    },
  };
}
