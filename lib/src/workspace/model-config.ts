import { ConfigError } from '../errors';
import { checkSchema, withDefaults } from '../fs/schemas';
import type { AdstockKind, LiftTest, MmmConfig, PriorSource, SaturationKind } from '../mmm/spec';
import type { HarmonizedMapping } from '../harmonize/mmm-data';
import type { MtaMethod } from '../mta/attribute';
import { windowProblem, type TrainingWindow } from '../mmm/window';
import { failIn } from './config-fields';

/** model.json as the user writes it (DESIGN §5). */
export interface ModelConfig {
  name: string;
  description: string;
  conversion: string;
  touchpoints: Touchpoint[];
  lookbackWeeks: number;
  /**
   * The adstock and saturation families; a config validated now has them (the schema's defaults, auto and
   * Hill), one stored before may lack them (then the engine's defaults apply, the same).
   */
  adstock?: AdstockKind | 'auto';
  saturation?: SaturationKind;
  trainingWindow: TrainingWindow;
  factors: { internal: string[]; external: string[] };
  priors: (
    | { channel: string; roi: number; sd: number; source: PriorSource }
    | { channel: string; share: number; sd: number; source: PriorSource }
  )[];
  /** Lift tests, each a likelihood term (MmmConfig.liftTests); absent in configs stored before them. */
  liftTests?: LiftTest[];
  /** On, off, or its sd (and, national models, the separated channels' sd; see model.schema.json). */
  spendShare: boolean | { sd: number; separated?: number; sampledSpread?: boolean };
  /** Train with the full posterior (NUTS) rather than the MAP preview (default false). */
  posterior?: boolean;
  /** The base: chosen by the evidence (auto, the default), a straight trend, or one that bends through knots. */
  baseline?: 'auto' | 'trend' | 'knots';
  schedule: { enabled: boolean; frequency: RunFrequency };
  /** On geo data, fit the geo-level model (absent: on when the harmonized data have more than one geo). */
  geoLevel?: boolean;
  /** The geos to fit, a subset of the harmonized data's (absent: all). */
  geos?: string[];
  /**
   * MTA → MMM: ROI priors (source `events`) for these channels from the workspace's event-level data,
   * attributed by `method` and put on the MMM's scale (see `eventRoiPriors`). For channels whose
   * summary data are sparse. A prior of `priors` on the same channel wins.
   */
  eventPriors?: { channels: string[]; method: MtaMethod; lookbackDays: number; relativeSd: number };
}

/** A channel the model measures (model.json `touchpoints[i]`). */
export interface Touchpoint {
  channel: string;
  /** The metric the model transforms: spend, impressions, ... or an owned channel's volume (sends). */
  metric: string;
  source: TouchpointSource;
  /**
   * Paid media (spend, an ROI) or an owned or earned channel (a volume and no spend: contribution and
   * contribution per unit only). Absent: paid when the channel has spend in the data, else owned.
   */
  paid?: boolean;
  /** An owned channel's cost per unit of volume, for plans (spend = volume × cost); > 0. */
  costPerUnit?: number;
}

/** Where a touchpoint's data come from: summary data, event-level data, or both. */
export const TOUCHPOINT_SOURCES = ['summary', 'events', 'both'] as const;
/** Where a touchpoint's data come from. */
export type TouchpointSource = (typeof TOUCHPOINT_SOURCES)[number];
/** How often a scheduled model runs. */
export const RUN_FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
/** How often a scheduled model runs. */
export type RunFrequency = (typeof RUN_FREQUENCIES)[number];

/** The longest model name, in characters. */
export const NAME_MAX = 200;
/** The longest model description, in characters. */
export const DESCRIPTION_MAX = 5000;

/**
 * Validates a model config against `schemas/model.schema.json` (the type of every field, unknown keys at
 * any depth by path, `touchpoints[0].chanel`, finite numbers, lengths, ranges) and fills its defaults
 * (description '', lookbackWeeks 8, auto adstock, Hill saturation, trainingWindow last-2-years, no
 * factors or priors, spendShare true, schedule off weekly). Then what a schema cannot say: each touchpoint
 * channel once, a cost per unit only on an owned channel (paid false) whose metric is a volume, not spend,
 * a factor not both internal and external, no ROI prior on an owned channel, priors and event priors on touchpoint channels,
 * a custom window in order and at least a year long. It does not read the data:
 * `checkConfigAgainstData` does that.
 *
 * @param doc any JSON value; not changed
 * @param file where the config came from, for messages
 * @throws ConfigError naming the file, the field, the rule and the value (and nothing else, for any JSON value)
 * @example validateModelConfig({ name: 'Revenue', conversion: 'revenue', touchpoints: [{ channel: 'tv' }] }).lookbackWeeks // 8
 */
export function validateModelConfig(doc: unknown, file = 'model.json'): ModelConfig {
  checkSchema('model', doc, file, ConfigError);
  const c = withDefaults<ModelConfig>('model', doc);
  const fail = failIn(file);
  const channels = c.touchpoints.map((t) => t.channel);
  channels.forEach((ch, i) => {
    if (channels.indexOf(ch) < i) fail(`touchpoints[${i}].channel`, 'repeats a touchpoint channel', ch);
  });
  c.touchpoints.forEach((t, i) => {
    if (t.costPerUnit !== undefined && t.paid === true)
      fail(
        `touchpoints[${i}].costPerUnit`,
        "is an owned channel's (paid false); a paid channel's cost is its spend",
        t.costPerUnit,
      );
    if (t.paid === false && t.metric === 'spend')
      fail(
        `touchpoints[${i}].metric`,
        'of an owned channel (paid false) is its volume (sends, posts), not spend',
        t.metric,
      );
  });
  c.factors.external.forEach((x, i) => {
    if (c.factors.internal.includes(x)) fail(`factors.external[${i}]`, 'is also an internal factor', x);
  });
  c.priors.forEach((p, i) => {
    if (!channels.includes(p.channel)) fail(`priors[${i}].channel`, 'must name a touchpoint channel', p.channel);
    if ('roi' in p && c.touchpoints.find((t) => t.channel === p.channel)?.paid === false)
      fail(`priors[${i}]`, 'is an ROI prior on an owned channel (paid false), which has no ROI; give a share prior', p);
  });
  c.eventPriors?.channels.forEach((ch, i) => {
    if (!channels.includes(ch)) fail(`eventPriors.channels[${i}]`, 'must name a touchpoint channel', ch);
  });
  if (typeof c.trainingWindow === 'object') {
    // The grain is not known here: checked with weeks, then exactly on the data by checkConfigAgainstData.
    const problem = windowProblem(c.trainingWindow.from, c.trainingWindow.to);
    if (problem) throw new ConfigError(`${file}: \`trainingWindow\`: ${problem}`);
  }
  return c;
}

/**
 * A config's spend-share prior in words, for cards and views.
 *
 * @example spendShareLabel({ sd: 0.5, separated: 1 }) // 'on (sd 0.5; channels the data separate: sd 1)'
 */
export function spendShareLabel(ss: ModelConfig['spendShare']): string {
  if (typeof ss === 'boolean') return ss ? 'on' : 'off';
  const parts = [`sd ${ss.sd}`];
  if (ss.separated !== undefined) parts.push(`channels the data separate: sd ${ss.separated}`);
  if (ss.sampledSpread) parts.push('spread sampled');
  return `on (${parts.join('; ')})`;
}

/** The fit options and harmonized-data mapping of a config; `window` overrides the training window. */
export function fitInputs(
  c: ModelConfig,
  window?: ModelConfig['trainingWindow'],
): { config: MmmConfig; mapping: HarmonizedMapping } {
  return {
    config: {
      lookback: c.lookbackWeeks,
      ...(c.adstock ? { adstock: c.adstock } : {}),
      ...(c.saturation ? { saturation: c.saturation } : {}),
      window: window ?? c.trainingWindow,
      roiPriors: c.priors.filter((p): p is Extract<typeof p, { roi: number }> => 'roi' in p),
      sharePriors: c.priors.filter((p): p is Extract<typeof p, { share: number }> => 'share' in p),
      ...(c.liftTests?.length ? { liftTests: c.liftTests } : {}),
      spendShare: c.spendShare,
      ...(c.posterior ? { posterior: true } : {}),
      ...(c.baseline ? { baseline: c.baseline } : {}),
    },
    mapping: { conversion: c.conversion, touchpoints: c.touchpoints, factors: c.factors },
  };
}
