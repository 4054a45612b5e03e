import type { PlotlyFigure } from './figure';
import { geoChannels, type GeoAnswers } from './geo-insights';
import { channelEfficiency, GENERIC_UNITS, outcomeAxis, type OutcomeUnits } from './outcome-units';

// The figures of a geo-level model's regional answers, in the outcome's units. No Node imports: the
// JupyterLab extension bundles this file.

const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/**
 * Each geo's efficiency per channel as a heatmap, geos as rows (in the fit's order, the first on top)
 * and channels as columns: the ROI for a revenue model (higher is warmer), the cost per acquisition
 * (CPA = 1 / ROI) for a count model (lower is warmer; a cell whose ROI is not positive has none). Each
 * cell is labelled with its value; hovering shows its 90% interval.
 *
 * `z` is [geos][channels]; `customdata` holds each cell's [lower, upper].
 *
 * @example geoRoiFigure(geoAnswers(fitGeoMmm(panel, config)), outcomeUnits('revenue'))
 */
export function geoRoiFigure(a: GeoAnswers, units: OutcomeUnits = GENERIC_UNITS): PlotlyFigure {
  const roi = units.efficiency === 'roi';
  const geos = Object.keys(a.geos);
  const channels = geoChannels(a);
  const cells = geos.map((g) =>
    channels.map((c) => {
      const v = a.geos[g]!.channels[c];
      return v ? channelEfficiency(v.roi, units) : { mean: null, lower: null, upper: null };
    }),
  );
  const label = roi ? 'ROI' : units.efficiencyLabel;
  const digits = roi ? '.2f' : ',.2f';
  return {
    data: [
      {
        type: 'heatmap',
        name: label,
        x: channels,
        y: geos,
        z: cells.map((row) => row.map((e) => e.mean)),
        customdata: cells.map((row) => row.map((e) => [e.lower, e.upper])),
        texttemplate: `%{z:${digits}}`,
        colorscale: 'Viridis',
        // Warmer is better: a high ROI, a low cost per acquisition.
        reversescale: !roi,
        colorbar: { title: { text: label } },
        hovertemplate: `%{y} · %{x}: ${label} %{z:${digits}} (90%: %{customdata[0]:${digits}} – %{customdata[1]:${digits}})<extra></extra>`,
      },
    ],
    layout: {
      title: { text: `${capital(label)} per geo and channel` },
      xaxis: { title: { text: 'channel' } },
      // The first geo on top, as in the table beside it.
      yaxis: { title: { text: 'geo' }, autorange: 'reversed', automargin: true },
      margin: { t: 48, r: 16, b: 48, l: 16 },
    },
  };
}

/**
 * Each geo's media contribution over the training window, stacked by channel: one bar per geo, one
 * trace per channel (the bars' heights are the geos' summed media contributions, in the outcome's units).
 *
 * @example geoContributionsFigure(geoAnswers(fit), outcomeUnits('orders'))
 */
export function geoContributionsFigure(a: GeoAnswers, units: OutcomeUnits = GENERIC_UNITS): PlotlyFigure {
  const geos = Object.keys(a.geos);
  return {
    data: geoChannels(a).map((c) => ({
      type: 'bar',
      name: c,
      x: geos,
      y: geos.map((g) => a.geos[g]!.channels[c]?.contribution.mean ?? null),
      hovertemplate: `%{x} · ${c}: %{y:,.0f}<extra></extra>`,
    })),
    layout: {
      title: { text: 'Media contribution per geo' },
      barmode: 'stack',
      xaxis: { title: { text: 'geo' } },
      yaxis: { title: { text: outcomeAxis(units) } },
      margin: { t: 48, r: 16, b: 48, l: 64 },
    },
  };
}

/** The figures of a geo-level model's regional answers, by the name `insights --figures` gives their files. */
export function geoFigures(a: GeoAnswers, units: OutcomeUnits = GENERIC_UNITS): Record<GeoFigureName, PlotlyFigure> {
  return { 'geo-roi': geoRoiFigure(a, units), 'geo-contributions': geoContributionsFigure(a, units) };
}

/** The names of the geo figures, in display order (after the national ones). */
export const GEO_FIGURES = ['geo-roi', 'geo-contributions'] as const;
export type GeoFigureName = (typeof GEO_FIGURES)[number];
