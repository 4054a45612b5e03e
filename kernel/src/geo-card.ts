import {
  geoAnswers,
  geoFigures,
  geoTables,
  GENERIC_UNITS,
  type GeoAnswers,
  type GeoFit,
  type OutcomeUnits,
  type TextTable,
} from 'mixmodeler';
import { showFigure, tslabDisplay, type RawDisplay } from './display';
import { card, htmlTable, para } from './html';

/** A geo-level model's regional answers: a fit (`fitGeoMmm`), or the `geos` and `geoSpread` of its insights. */
export type GeoSource = Pick<GeoFit, 'byGeo' | 'channels'> | GeoAnswers;

/** The regional answers of a fit or of an insights document. */
function answersOf(source: GeoSource): GeoAnswers {
  return 'byGeo' in source ? geoAnswers(source) : source;
}

const tableHtml = (t: TextTable) => htmlTable(t.caption, t.headers, t.rows);

/**
 * A geo-level model's regional answers as an HTML card: each geo's ROI (or cost per acquisition for a
 * count) per channel with its 90% interval, the spread of effects and the pooling per channel (the
 * national ROI as the sum over geos beside the lowest and highest geo), and the fit per geo. Every
 * text is escaped.
 *
 * @param units the outcome's units, e.g. `outcomeUnits('orders')` (default: an outcome judged by ROI)
 */
export function geoInsightsHtml(source: GeoSource, units: OutcomeUnits = GENERIC_UNITS, title?: string): string {
  const a = answersOf(source);
  const geos = Object.keys(a.geos);
  return card(
    title ?? `By geo: ${geos.length} geos`,
    para(
      `Each geo has its own base; each channel's effect per geo is pooled around a national one. National ` +
        `figures are the sums over the geos (ROI = Σ contribution / Σ spend).`,
    ),
    ...geoTables(a, units).map(tableHtml),
  );
}

/**
 * Shows a geo-level model's regional answers in the notebook: the card ({@link geoInsightsHtml}), the
 * geo × channel ROI heatmap and the media contribution per geo stacked by channel.
 *
 * @example showGeoInsights(fitGeoMmm(panel, config), outcomeUnits('revenue'))
 */
export function showGeoInsights(
  source: GeoSource,
  units: OutcomeUnits = GENERIC_UNITS,
  title?: string,
  display?: RawDisplay,
): void {
  const out = display ?? tslabDisplay();
  const a = answersOf(source);
  out.raw('text/html', geoInsightsHtml(a, units, title));
  for (const f of Object.values(geoFigures(a, units))) showFigure(f, out);
}
