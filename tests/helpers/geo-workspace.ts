import { importDataset } from '../../lib/src/data/import-dataset';
import { harmonize } from '../../lib/src/harmonize/harmonize-workspace';
import { GEO_PANEL_SPEC, generateGeoPanel, type GeoPanelSpec } from '../../lib/src/synth/geo-panel';
import { geoPanelRows } from '../../lib/src/synth/geo-panel-files';

/** A small geo panel: 3 geos × 104 weeks × the spec's 4 channels (a geo-level fit takes seconds). */
export const SMALL_GEO_PANEL: GeoPanelSpec = { ...GEO_PANEL_SPEC, geos: 3, weeks: 104, seed: 7 };

/**
 * Generates a geo panel with known truth, imports it into `workspace` (spend, revenue and price per
 * geo, the holiday nationally, each geo's population) and harmonizes it by week.
 *
 * @returns the panel (its truth and window), its channels and the harmonize summary
 */
export function installGeoPanel(workspace: string, spec: GeoPanelSpec = SMALL_GEO_PANEL) {
  const panel = generateGeoPanel(spec);
  const rows = geoPanelRows(panel);
  const sets = [
    ['geo-media', 'summary', rows.summary],
    ['geo-sales', 'conversions', rows.conversions],
    ['geo-price', 'factors', rows.factors],
    ['holidays', 'factors', rows.holidays],
    ['population', 'population', rows.population],
  ] as const;
  for (const [name, kind, records] of sets) importDataset([...records], { kind, name, workspace });
  const summary = harmonize({ workspace, grain: 'week' });
  return { panel, channels: spec.channels.map((c) => c.name), summary };
}
