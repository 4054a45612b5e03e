import { InputError } from '../errors';
import { transformFromJSON } from '../transforms/from-json';
import type { TransformJSON } from '../transforms/values';
import type { ChannelCurve } from '../mmm/posterior';
import type { MmmData } from '../mmm/spec';
import { normal, seededRandom } from '../math/random';

/**
 * How a synthetic channel's spend moves over time: `late` starts at 45% of the rows and ramps up over
 * 8 weeks (a channel launched mid-history); `bursts` runs 2–4 weeks at 3× its mean, then 3–8 weeks off.
 */
export type SpendPattern =
  'random' | 'flighted' | 'sparse' | 'seasonal' | 'trend' | 'late' | 'bursts' | { follows: string; noise: number };

/** One synthetic channel and its true response. */
export interface SynthChannel {
  name: string;
  meanSpend: number;
  pattern: SpendPattern;
  /**
   * True ROI over the truth window (outcome per unit of spend); of an owned channel, its true
   * contribution per unit of volume.
   */
  roi: number;
  /**
   * An owned or earned channel (email sends, organic posts): `meanSpend` is then its mean volume, and
   * the data give it that volume as input, no spend and `paid: false`.
   */
  owned?: boolean;
  /** True adstock on spend / mean spend; use `normalize: true`. */
  adstock: TransformJSON;
  /** True Hill saturation on the adstocked spend / mean spend. */
  saturation: { half: number; shape: number };
}

/** A synthetic weekly dataset with known truth. */
export interface SynthSpec {
  seed: number;
  /** Weeks in the truth window (the last `weeks` rows). */
  weeks: number;
  /** Extra weeks of history before the window (for carry-over). */
  history: number;
  /** Monday of the first row. */
  start: string;
  /** Noise sd as a fraction of the mean outcome. */
  noise: number;
  /** Media share of the outcome over the window. */
  mediaShare: number;
  /** Trend growth of the base over the window, relative to its level. */
  trend: number;
  /**
   * Growth of the base along an S-curve centred mid-window (a logistic of slope 8 per window), relative
   * to its level: a baseline no straight trend follows. Default 0.
   */
  baselineCurve?: number;
  /** Amplitude of yearly seasonality relative to the base level. */
  season: number;
  /** How tightly 'seasonal' spend follows the season (sd of its log-noise). */
  seasonalSpendNoise?: number;
  channels: SynthChannel[];
  /** External price factor effect per price sd, relative to the base level (negative lowers sales). */
  price?: number;
  /** Internal holiday flag effect relative to the base level. */
  holiday?: number;
  /** Extra external factors (AR(1) series), each moving the outcome by 2% of the base per sd. */
  extraFactors?: number;
}

/** The truth behind a synthetic dataset. */
export interface SynthTruth {
  window: { from: string; to: string };
  roi: Record<string, number>;
  contribution: Record<string, number>;
  /** Per-period contribution per channel over all rows, [nTimes] each. */
  series: Record<string, number[]>;
  /**
   * Each channel's true curve in the form a fitted channel has (transforms act on the input over
   * `inputMean`, the window mean; `coefficient` in outcome units), so scoring can run on the truth.
   */
  curves: Record<string, ChannelCurve>;
  baseLevel: number;
}

const PERIOD = 52.1775;
const DAY = 86_400_000;

function spendSeries(
  ch: SynthChannel,
  n: number,
  rand: () => number,
  done: Map<string, Float64Array>,
  spec: SynthSpec,
) {
  const x = new Float64Array(n);
  const m = ch.meanSpend;
  const p = ch.pattern;
  if (typeof p === 'object') {
    const other = done.get(p.follows);
    if (!other) throw new InputError(`channel ${ch.name} follows ${p.follows}, which must come first`);
    let mo = 0;
    other.forEach((v) => (mo += v / n));
    for (let t = 0; t < n; t++) x[t] = (other[t]! * m * Math.exp(p.noise * normal(rand))) / mo;
    return x;
  }
  let on = true;
  let left = 3;
  for (let t = 0; t < n; t++) {
    const season = Math.sin((2 * Math.PI * t) / PERIOD);
    if (p === 'random') x[t] = rand() < 0.1 ? 0 : m * Math.exp(0.7 * normal(rand) - 0.245);
    else if (p === 'seasonal')
      x[t] = m * (1 + 0.6 * season) * Math.exp((spec.seasonalSpendNoise ?? 0.15) * normal(rand));
    else if (p === 'trend') x[t] = m * (0.4 + (1.2 * t) / n) * Math.exp(0.15 * normal(rand));
    else if (p === 'sparse') x[t] = rand() < 0.18 ? m * 4 * Math.exp(0.3 * normal(rand)) : 0;
    else if (p === 'late') {
      const since = t - Math.round(0.45 * n);
      x[t] = since < 0 ? 0 : m * Math.min(1, (since + 1) / 8) * Math.exp(0.3 * normal(rand));
    } else if (p === 'bursts') {
      if (left-- <= 0) {
        on = !on;
        left = on ? 2 + Math.floor(rand() * 3) : 3 + Math.floor(rand() * 6);
      }
      x[t] = on ? 3 * m * Math.exp(0.2 * normal(rand)) : 0;
    } else {
      if (left-- <= 0) {
        on = !on;
        left = 2 + Math.floor(rand() * 4);
      }
      x[t] = on ? 2 * m * Math.exp(0.2 * normal(rand)) : 0;
    }
  }
  return x;
}

/**
 * Generates weekly data from the model class with known parameters: base = level · (1 + trend +
 * seasonality) + price and holiday effects, media = β_c · hill(adstock(spend_c / mean)), noise.
 * β_c is set so each channel's ROI over the window equals `roi`.
 *
 * @returns the data (spend is the media input) and the truth over the last `weeks` rows
 */
export function generateSynthetic(spec: SynthSpec): { data: MmmData; truth: SynthTruth } {
  const rand = seededRandom(spec.seed);
  const n = spec.weeks + spec.history;
  const w0 = spec.history;
  const start = Date.parse(`${spec.start}T00:00:00Z`);
  const dates = Array.from({ length: n }, (_, t) => new Date(start + 7 * t * DAY).toISOString().slice(0, 10));
  const spends = new Map<string, Float64Array>();
  for (const ch of spec.channels) spends.set(ch.name, spendSeries(ch, n, rand, spends, spec));
  const series: Record<string, number[]> = {};
  const roi: Record<string, number> = {};
  const contribution: Record<string, number> = {};
  const curves: Record<string, ChannelCurve> = {};
  let mediaTotal = 0;
  for (const ch of spec.channels) {
    const x = spends.get(ch.name)!;
    let mean = 0;
    let spend = 0;
    for (let t = w0; t < n; t++) {
      mean += x[t]! / spec.weeks;
      spend += x[t]!;
    }
    const scaled = Float64Array.from(x, (v) => v / mean);
    const saturation: TransformJSON = { type: 'hill', params: ch.saturation };
    const carried = transformFromJSON(ch.adstock).apply(scaled);
    const z = transformFromJSON(saturation).apply(carried);
    let zs = 0;
    for (let t = w0; t < n; t++) zs += z[t]!;
    const beta = (ch.roi * spend) / zs;
    curves[ch.name] = { inputMean: mean, adstock: ch.adstock, saturation, coefficient: beta };
    series[ch.name] = Array.from(z, (v) => v * beta);
    roi[ch.name] = ch.roi;
    contribution[ch.name] = ch.roi * spend;
    mediaTotal += ch.roi * spend;
  }
  const level = (mediaTotal / spec.weeks) * ((1 - spec.mediaShare) / spec.mediaShare);
  const price = new Float64Array(n);
  for (let t = 1; t < n; t++) price[t] = 0.9 * price[t - 1]! + 0.3 * normal(rand);
  const holiday = Float64Array.from({ length: n }, (_, t) => ([47, 51, 21, 35].includes(t % 52) ? 1 : 0));
  const extra = Array.from({ length: spec.extraFactors ?? 0 }, () => {
    const v = new Float64Array(n);
    for (let t = 1; t < n; t++) v[t] = 0.8 * v[t - 1]! + 0.6 * normal(rand);
    return v;
  });
  const outcome = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const tt = (t - w0) / spec.weeks;
    const s = Math.sin((2 * Math.PI * t) / PERIOD) + 0.3 * Math.cos((4 * Math.PI * t) / PERIOD);
    const curve = spec.baselineCurve ? spec.baselineCurve / (1 + Math.exp(-8 * (tt - 0.5))) : 0;
    let y = level * (1 + spec.trend * tt + curve + spec.season * s);
    y += level * (spec.price ?? 0) * price[t]! + level * (spec.holiday ?? 0) * holiday[t]!;
    for (const v of extra) y += 0.02 * level * v[t]!;
    for (const ch of spec.channels) y += series[ch.name]![t]!;
    outcome[t] = y + spec.noise * level * (1 / (1 - spec.mediaShare)) * normal(rand);
  }
  const factors: MmmData['factors'] = [];
  if (spec.price !== undefined) factors.push({ name: 'price', kind: 'external', values: price });
  if (spec.holiday !== undefined) factors.push({ name: 'holiday', kind: 'internal', values: holiday });
  extra.forEach((values, i) => factors.push({ name: `factor${i + 1}`, kind: 'external', values }));
  return {
    data: {
      dates,
      outcome,
      channels: spec.channels.map((c) =>
        c.owned
          ? { name: c.name, input: spends.get(c.name)!, spend: new Float64Array(n), paid: false }
          : { name: c.name, input: spends.get(c.name)!, spend: spends.get(c.name)! },
      ),
      factors,
    },
    truth: { window: { from: dates[w0]!, to: dates[n - 1]! }, roi, contribution, series, curves, baseLevel: level },
  };
}
