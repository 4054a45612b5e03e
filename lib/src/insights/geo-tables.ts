import { formatNumber, formatPercent } from '../format';
import { geoChannels, type GeoAnswers } from './geo-insights';
import {
  channelEfficiency,
  formatEfficiency,
  formatOutcome,
  formatSpend,
  GENERIC_UNITS,
  type OutcomeUnits,
} from './outcome-units';

// The tables of a geo-level model's regional answers, as text every front end shows as is (the
// notebook's HTML, the insights panel): formatted in the outcome's units. No Node imports.

/** A table of formatted text: the first cell of each row names it; the other columns are numbers. */
export interface TextTable {
  /** What it shows, as the figures are named: `geo-roi` holds the numbers of the `geo-roi` figure. */
  name: string;
  caption: string;
  headers: string[];
  rows: string[][];
}

const efficiencyLabel = (units: OutcomeUnits) => (units.efficiency === 'roi' ? 'ROI' : units.efficiencyLabel);

/**
 * Each geo's efficiency per channel with its 90% interval (`2.10 (1.52–2.81)`): the numbers of
 * {@link geoRoiFigure}, geos as rows in the fit's order.
 */
export function geoEfficiencyTable(a: GeoAnswers, units: OutcomeUnits = GENERIC_UNITS): TextTable {
  const channels = geoChannels(a);
  const f = (v: number | null) => formatEfficiency(v, units);
  return {
    name: 'geo-roi',
    caption: `${efficiencyLabel(units)} per geo and channel (90% interval)`,
    headers: ['geo', ...channels],
    rows: Object.entries(a.geos).map(([g, geo]) => [
      g,
      ...channels.map((c) => {
        const v = geo.channels[c];
        if (!v) return f(null);
        const e = channelEfficiency(v.roi, units);
        return `${f(e.mean)} (${f(e.lower)}–${f(e.upper)})`;
      }),
    ]),
  };
}

/**
 * Per channel, how its effect varies across geos and how much pooling happened: the national
 * efficiency (Σ contribution / Σ spend over the geos), the lowest and highest geo, the spread τ the
 * fit chose, the fitted geo ROIs' sd over their mean, and the pooling (0%: each geo its own data's
 * ROI, 100%: every geo the national centre).
 */
export function geoSpreadTable(a: GeoAnswers, units: OutcomeUnits = GENERIC_UNITS): TextTable {
  const label = efficiencyLabel(units);
  const geos = Object.entries(a.geos);
  // An ROI as the efficiency it is judged by: itself, or a cost per acquisition 1 / ROI.
  const shown = (roi: number | null) =>
    formatEfficiency(roi === null ? null : channelEfficiency({ mean: roi, lower: roi, upper: roi }, units).mean, units);
  return {
    name: 'geo-spread',
    caption: 'Spread of effects across geos and how much pooling happened',
    headers: ['channel', `national ${label}`, 'lowest geo', 'highest geo', 'spread τ', 'geo ROI sd / mean', 'pooling'],
    rows: geoChannels(a).map((c) => {
      const cells = geos.flatMap(([g, geo]) => {
        const v = geo.channels[c];
        return v ? [{ g, ...v }] : [];
      });
      const contribution = cells.reduce((s, x) => s + x.contribution.mean, 0);
      const spend = cells.reduce((s, x) => s + x.spend, 0);
      // Lowest and highest by ROI; for a cost per acquisition the lowest ROI is the highest cost.
      const byRoi = [...cells].sort((x, y) => x.roi.mean - y.roi.mean);
      const ends = [byRoi[0], byRoi[byRoi.length - 1]].map((x) => (x ? `${shown(x.roi.mean)} (${x.g})` : shown(null)));
      const [low, high] = units.efficiency === 'roi' ? ends : [ends[1], ends[0]];
      const s = a.geoSpread[c];
      return [
        c,
        shown(spend > 0 ? contribution / spend : null),
        low!,
        high!,
        formatNumber(s?.tau),
        formatPercent(s?.geoRoiSpread, 0),
        formatPercent(s?.pooling, 0),
      ];
    }),
  };
}

/** Per geo, the fit (R², MAPE) and the window's media spend and contribution summed over channels. */
export function geoFitTable(a: GeoAnswers, units: OutcomeUnits = GENERIC_UNITS): TextTable {
  return {
    name: 'geo-fit',
    caption: 'Fit per geo',
    headers: ['geo', 'R²', 'MAPE', 'spend', 'media contribution'],
    rows: Object.entries(a.geos).map(([g, geo]) => {
      const v = Object.values(geo.channels);
      return [
        g,
        formatNumber(geo.r2, 3),
        formatPercent(geo.mape),
        formatSpend(
          v.reduce((s, x) => s + x.spend, 0),
          units,
        ),
        formatOutcome(
          v.reduce((s, x) => s + x.contribution.mean, 0),
          units,
        ),
      ];
    }),
  };
}

/** Every table of a geo-level model's regional answers, in display order. */
export function geoTables(a: GeoAnswers, units: OutcomeUnits = GENERIC_UNITS): TextTable[] {
  return [geoEfficiencyTable(a, units), geoSpreadTable(a, units), geoFitTable(a, units)];
}
