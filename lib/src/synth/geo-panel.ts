import { normal, seededRandom } from '../math/random';
import type { MmmData } from '../mmm/spec';
import { generateSynthetic, type SpendPattern, type SynthChannel, type SynthSpec, type SynthTruth } from './generate';

/** A synthetic panel of regions with known truth: the national values each geo's are drawn around. */
export interface GeoPanelSpec {
  seed: number;
  /** The number of geos, G ≥ 1. */
  geos: number;
  /** Weeks in the truth window (the last `weeks` rows). */
  weeks: number;
  /** Extra weeks of history before the window (for carry-over). */
  history: number;
  /** Monday of the first row. */
  start: string;
  /** Noise sd as a fraction of each geo's mean outcome. */
  noise: number;
  /** Media share of the outcome over the window, the geos' median (each geo's drawn around it). */
  mediaShare: number;
  /** Trend growth of the base over the window, the geos' median. */
  trend: number;
  /** Amplitude of yearly seasonality relative to the base level, the geos' median. */
  season: number;
  /**
   * The channels at national scale: `meanSpend` is the national mean weekly spend (split over the geos
   * by size), `roi` the centre of the geos' ROIs; adstock and saturation are shared by every geo.
   */
  channels: SynthChannel[];
  /** The sd of log ROI across geos around the channel's `roi` (0: every geo has the national ROI). */
  roiSpread: number;
  /** The sd of log geo size (population); sizes are normalized to sum to one. */
  sizeSpread: number;
  /** External price factor effect per price sd (a geo factor: each geo has its own price). */
  price?: number;
  /** Internal holiday flag effect (a national factor: the same weeks in every geo). */
  holiday?: number;
}

/** One geo of a panel: its name, size, population, data (spend is the media input) and true ROI. */
export interface PanelGeo {
  name: string;
  /** Its share of the national population, in (0, 1); the shares sum to one. */
  size: number;
  population: number;
  /** The spend pattern of each channel in this geo. */
  patterns: Record<string, SpendPattern>;
  data: MmmData;
  /** True ROI per channel over the truth window in this geo. */
  roi: Record<string, number>;
  /** True contribution per channel over the truth window in this geo. */
  contribution: Record<string, number>;
  /** Each channel's true curve in this geo, in a fitted channel's form (to score a plan on the truth). */
  curves: SynthTruth['curves'];
}

/** A generated geo panel: the geos, the truth window, and the national truth (sums over geos). */
export interface GeoPanelData {
  geos: PanelGeo[];
  window: { from: string; to: string };
  /** National ROI per channel: Σ_g contribution_g / Σ_g spend_g over the window. */
  roi: Record<string, number>;
  contribution: Record<string, number>;
}

/** The patterns a geo's spend may follow instead of the channel's own (planners differ by region). */
const GEO_PATTERNS: readonly SpendPattern[] = ['random', 'flighted', 'seasonal', 'trend', 'bursts'];

/** An 8-geo panel of 3 years (+8 weeks of history) and 4 channels at 10% noise, the shape. */
export const GEO_PANEL_SPEC: GeoPanelSpec = {
  seed: 21,
  geos: 8,
  weeks: 156,
  history: 8,
  start: '2022-11-07',
  noise: 0.1,
  mediaShare: 0.35,
  trend: 0.1,
  season: 0.12,
  roiSpread: 0.25,
  sizeSpread: 0.6,
  price: -0.03,
  holiday: 0.06,
  channels: [
    {
      name: 'tv',
      meanSpend: 400_000,
      pattern: 'flighted',
      roi: 1.8,
      adstock: geometric(0.6),
      saturation: { half: 1.2, shape: 1.5 },
    },
    {
      name: 'search',
      meanSpend: 250_000,
      pattern: 'seasonal',
      roi: 2.6,
      adstock: geometric(0.15),
      saturation: { half: 1, shape: 1 },
    },
    {
      name: 'social',
      meanSpend: 200_000,
      pattern: 'random',
      roi: 1.4,
      adstock: geometric(0.35),
      saturation: { half: 0.8, shape: 1.2 },
    },
    {
      name: 'display',
      meanSpend: 120_000,
      pattern: 'bursts',
      roi: 1.1,
      adstock: geometric(0.3),
      saturation: { half: 1, shape: 2 },
    },
  ],
};

function geometric(theta: number) {
  return { type: 'geometric', params: { theta, lMax: 8, normalize: true } };
}

/**
 * Generates a geo panel with known truth: G geos of log-normal sizes (sd `sizeSpread`), each one
 * {@link generateSynthetic} dataset with its own baseline (media share, trend and season drawn around the
 * spec's), its own noise, spend of `meanSpend · size` following the channel's pattern in half the geos and
 * another pattern in the rest, and ROI_{g,c} = roi_c · exp(roiSpread · z − roiSpread²/2), z ~ N(0, 1),
 * with the adstock and saturation of the channel shared. Price is a geo factor, holidays are national.
 * National truth is the sum over geos: ROI_c = Σ_g contribution_{g,c} / Σ_g spend_{g,c} over the window.
 *
 * @returns the geos (data of shape [nTimes] per series) and the truth
 * @example generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 3 }).geos.map((g) => g.name) // ['geo01', 'geo02', 'geo03']
 */
export function generateGeoPanel(spec: GeoPanelSpec): GeoPanelData {
  const rand = seededRandom(spec.seed);
  const raw = Array.from({ length: spec.geos }, () => Math.exp(spec.sizeSpread * normal(rand)));
  const total = raw.reduce((a, b) => a + b, 0);
  const width = String(spec.geos).length < 2 ? 2 : String(spec.geos).length;
  const geos = raw.map((r, g): PanelGeo => {
    const size = r / total;
    const name = `geo${String(g + 1).padStart(width, '0')}`;
    const drift = (sd: number) => Math.exp(sd * normal(rand));
    const patterns: Record<string, SpendPattern> = {};
    const channels = spec.channels.map((c) => {
      const own = typeof c.pattern === 'object' || rand() < 0.5;
      const pattern = own ? c.pattern : GEO_PATTERNS[Math.floor(rand() * GEO_PATTERNS.length)]!;
      patterns[c.name] = pattern;
      const roi = c.roi * Math.exp(spec.roiSpread * normal(rand) - (spec.roiSpread * spec.roiSpread) / 2);
      return { ...c, pattern, meanSpend: c.meanSpend * size * drift(0.2), roi };
    });
    const geoSpec: SynthSpec = {
      seed: spec.seed * 1000 + g + 1,
      weeks: spec.weeks,
      history: spec.history,
      start: spec.start,
      noise: spec.noise,
      mediaShare: Math.min(0.7, spec.mediaShare * drift(0.2)),
      trend: spec.trend + 0.1 * normal(rand),
      season: spec.season * drift(0.3),
      channels,
      ...(spec.price !== undefined ? { price: spec.price } : {}),
      ...(spec.holiday !== undefined ? { holiday: spec.holiday } : {}),
    };
    const { data, truth } = generateSynthetic(geoSpec);
    return {
      name,
      size,
      population: Math.round(size * 50_000_000),
      patterns,
      data,
      roi: truth.roi,
      contribution: truth.contribution,
      curves: truth.curves,
    };
  });
  const first = geos[0]!.data;
  const w0 = spec.history;
  const roi: Record<string, number> = {};
  const contribution: Record<string, number> = {};
  for (const c of spec.channels) {
    let spend = 0;
    let gain = 0;
    for (const g of geos) {
      gain += g.contribution[c.name]!;
      const x = g.data.channels.find((ch) => ch.name === c.name)!.spend;
      for (let t = w0; t < x.length; t++) spend += x[t]!;
    }
    contribution[c.name] = gain;
    roi[c.name] = gain / spend;
  }
  return { geos, window: { from: first.dates[w0]!, to: first.dates[first.dates.length - 1]! }, roi, contribution };
}
