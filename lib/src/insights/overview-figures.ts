import type { PlotlyFigure } from './figure';
import { efficiencyAxis, SHARE_LABELS, type Efficiency, type OutcomeUnits } from './outcome-units';

// The overview dashboard's figures: across models (the leaderboard), per channel of one model (spend share
// against effect share) and over the harmonized data (coverage). No Node imports: the extension may draw
// them from a view's rows.

/** One channel of one trained model, as the leaderboard ranks it. */
export interface LeaderboardEntry {
  /** The model's name. */
  name: string;
  channel: string;
  units: OutcomeUnits;
  efficiency: Efficiency;
}

/**
 * The ROI (or CPA) leaderboard across models: one horizontal bar per model and channel with its 90%
 * interval, best on top; revenue models ranked by ROI on the left (break-even line at 1), count models
 * by cost per acquisition on the right (their units differ, so they share no axis).
 *
 * @example leaderboardFigure(leaderboard(workspace))
 */
export function leaderboardFigure(rows: LeaderboardEntry[], title = 'Channels across models'): PlotlyFigure {
  const roi = rows.filter((r) => r.units.efficiency === 'roi' && r.efficiency.mean !== null);
  const cpa = rows.filter((r) => r.units.efficiency === 'cpa' && r.efficiency.mean !== null);
  const both = roi.length > 0 && cpa.length > 0;
  const trace = (list: LeaderboardEntry[], axis: '' | '2', best: 'high' | 'low') => {
    // plotly draws the first bar at the bottom: the best one goes last.
    const sorted = [...list].sort((a, b) => (best === 'high' ? 1 : -1) * (a.efficiency.mean! - b.efficiency.mean!));
    return {
      type: 'bar',
      orientation: 'h',
      name: best === 'high' ? 'ROI' : 'cost per acquisition',
      xaxis: `x${axis}`,
      yaxis: `y${axis}`,
      y: sorted.map((r) => `${r.name} · ${r.channel}`),
      x: sorted.map((r) => r.efficiency.mean),
      error_x: {
        type: 'data',
        symmetric: false,
        array: sorted.map((r) => (r.efficiency.upper === null ? 0 : r.efficiency.upper - r.efficiency.mean!)),
        arrayminus: sorted.map((r) => (r.efficiency.lower === null ? 0 : r.efficiency.mean! - r.efficiency.lower)),
      },
      hovertemplate: `%{y}: ${best === 'high' ? 'ROI %{x:.2f}' : '%{x:,.2f} per conversion'}<extra></extra>`,
    };
  };
  const data = [
    ...(roi.length ? [trace(roi, '', 'high')] : []),
    ...(cpa.length ? [trace(cpa, roi.length ? '2' : '', 'low')] : []),
  ];
  const axis = (units: OutcomeUnits | undefined, domain: [number, number]) => ({
    title: { text: units ? efficiencyAxis(units) : '' },
    rangemode: 'tozero',
    domain,
  });
  const cpaUnits = cpa[0]?.units;
  return {
    data,
    layout: {
      title: { text: `${title} (90% intervals)` },
      showlegend: false,
      xaxis: axis(roi[0]?.units ?? cpaUnits, both ? [0, 0.46] : [0, 1]),
      yaxis: { automargin: true },
      ...(both
        ? {
            xaxis2: axis(cpaUnits && { ...cpaUnits, efficiencyLabel: 'cost per acquisition' }, [0.54, 1]),
            yaxis2: { anchor: 'x2', automargin: true },
          }
        : {}),
      shapes: roi.length
        ? [{ type: 'line', xref: 'x', x0: 1, x1: 1, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dot', width: 1 } }]
        : [],
      margin: { t: 48, r: 16, b: 48, l: 16 },
    },
  };
}

/** One channel's share of spend and share of media effect. */
export interface ChannelShares {
  channel: string;
  spendShare: number;
  effectShare: number;
}

/**
 * Share of spend against share of media effect per channel, as a scatter with the diagonal: a channel
 * above it earns more than its spend share (Robyn's decomposition check, for one model at a glance).
 */
export function spendEffectFigure(
  rows: ChannelShares[],
  title = 'Share of spend vs share of media effect',
): PlotlyFigure {
  const top = Math.max(0.05, ...rows.flatMap((r) => [r.spendShare, r.effectShare])) * 1.1;
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers+text',
        name: 'channels',
        x: rows.map((r) => r.spendShare),
        y: rows.map((r) => r.effectShare),
        text: rows.map((r) => r.channel),
        textposition: 'top center',
        hovertemplate: `%{text}: ${SHARE_LABELS.spend} %{x:.1%}, ${SHARE_LABELS.effect} %{y:.1%}<extra></extra>`,
      },
    ],
    layout: {
      title: { text: title },
      showlegend: false,
      xaxis: { title: { text: SHARE_LABELS.spend }, tickformat: '.0%', range: [0, top] },
      yaxis: { title: { text: SHARE_LABELS.effect }, tickformat: '.0%', range: [0, top] },
      shapes: [{ type: 'line', x0: 0, y0: 0, x1: top, y1: top, line: { dash: 'dot', width: 1 } }],
      margin: { t: 48, r: 16, b: 48, l: 64 },
    },
  };
}

/** Per channel and period: whether the harmonized data hold spend or activity there. */
export interface Coverage {
  /** The period starts, shape [periods]. */
  dates: string[];
  channels: string[];
  /** Row-major [channels, periods]: the channel's spend in the period, null where the data have no row. */
  spend: (number | null)[][];
}

/**
 * Harmonized coverage per channel over time: a heatmap of spend per channel and period, with periods
 * the data do not hold left blank and zero spend shown as zero, so gaps and launches are visible.
 */
export function coverageFigure(c: Coverage, title = 'Harmonized data: spend per channel over time'): PlotlyFigure {
  return {
    data: [
      {
        type: 'heatmap',
        x: c.dates,
        y: c.channels,
        z: c.spend,
        colorscale: 'Blues',
        hoverongaps: false,
        colorbar: { title: { text: 'spend' } },
        hovertemplate: '%{y}, %{x}: spend %{z:,.0f}<extra></extra>',
      },
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: 'period' } },
      yaxis: { automargin: true },
      margin: { t: 48, r: 16, b: 48, l: 16 },
    },
  };
}
