import { ConfigError, InputError, show } from '../errors';
import { schemaField, schemaRule } from '../fs/schemas';
import { isPaid } from './paid';
import type { TrainingWindow } from './window';
import {
  ADSTOCK_KINDS,
  DEFAULT_ADSTOCK,
  DEFAULT_SATURATION,
  SATURATION_KINDS,
  type AdstockKind,
  type SaturationKind,
} from '../transforms/families/registry';

/** One media channel's series over the whole data range, each of shape [nTimes]. */
export interface ChannelSeries {
  name: string;
  /** The media input the model transforms: spend or impressions, or an owned channel's volume (sends). */
  input: Float64Array;
  /** Spend, for ROI (always per unit of spend). Equal to `input` when the input is spend; unused when owned. */
  spend: Float64Array;
  /**
   * false for an owned or earned channel (email sends, organic posts, PR mentions: a volume and no
   * spend): fitted like media on `input`, reported with its contribution and contribution per unit of
   * volume, never an ROI; no spend-based prior (ROI, spend share) touches it. Absent: paid.
   */
  paid?: boolean;
  /** An owned channel's cost per unit of volume, for plans only (spend = input × cost); absent: plans hold it. */
  costPerUnit?: number;
}

export { isPaid };

/** A control variable (factor) series of shape [nTimes]. */
export interface FactorSeries {
  name: string;
  kind: 'internal' | 'external';
  values: Float64Array;
}

/** The numbers a model is fitted on: one row per period, history before the window included. */
export interface MmmData {
  /** ISO dates (YYYY-MM-DD) of the period starts, ascending, shape [nTimes]. */
  dates: string[];
  /** The conversion (revenue, units, leads), shape [nTimes]. */
  outcome: Float64Array;
  channels: ChannelSeries[];
  factors: FactorSeries[];
}

/** The sources a user gives a prior: a lift test, another model, a stakeholder's belief. */
export const USER_PRIOR_SOURCES = ['experiment', 'other model', 'stakeholder'] as const;
/** A source a user gives a prior. */
export type UserPriorSource = (typeof USER_PRIOR_SOURCES)[number];
/** Where a prior's belief comes from: a user's source, or `events` (priors from event-level data, `eventPriors`). */
export const PRIOR_SOURCES = [...USER_PRIOR_SOURCES, 'events'] as const;
/** Where a prior's belief comes from. */
export type PriorSource = (typeof PRIOR_SOURCES)[number];

/** A prior on a channel's ROI (outcome per unit of spend over the training window). */
export interface RoiPrior {
  channel: string;
  roi: number;
  sd: number;
  source: PriorSource;
}

/**
 * A lift test (a geo or holdout experiment) as a likelihood term, as PyMC-Marketing's
 * `add_lift_test_measurements`: over `weeks` periods the channel spent `spend` a period instead of
 * `baseline`, and the outcome rose by `lift` ± `sd` (outcome units, the whole test). The model's lift is
 * weeks · β · (S(spend / mean) − S(baseline / mean)), S the channel's saturation at steady carry-over.
 */
export interface LiftTest {
  channel: string;
  spend: number;
  baseline: number;
  weeks: number;
  lift: number;
  sd: number;
}

/** A prior on a channel's share of the outcome over the training window. */
export interface SharePrior {
  channel: string;
  share: number;
  sd: number;
  source: PriorSource;
}

// The curve families, each one registered component (transforms/families/).
export { ADSTOCK_KINDS, SATURATION_KINDS, type AdstockKind, type SaturationKind };

/** The fields of {@link MmmConfig}, for naming a misspelt one (the type keeps the list complete). */
const CONFIG_KEYS = Object.keys({
  lookback: 1,
  window: 1,
  adstock: 1,
  saturation: 1,
  seasonality: 1,
  trend: 1,
  roiPriors: 1,
  sharePriors: 1,
  liftTests: 1,
  spendShare: 1,
  holdout: 1,
  starts: 1,
  seed: 1,
  intervals: 1,
  posterior: 1,
  baseline: 1,
  priorSet: 1,
} satisfies Record<keyof MmmConfig, 1>);

/**
 * The adstock families `adstock: 'auto'` chooses between: carry-over that decays from the week of the
 * spend, and one that peaks after a delay (bench/README.md, "The recovery grid").
 */
export const AUTO_ADSTOCKS: readonly AdstockKind[] = ['geometric', 'delayed'];

/** Model options; every field has a documented default (see {@link resolveConfig}). */
export interface MmmConfig {
  /** Maximum adstock lag in periods (the lookback window): an integer in [1, 52], as model.json's `lookbackWeeks`. */
  lookback: number;
  /** `last-2-years` (default), `all` (every period) or an explicit range of at least one year. */
  window?: TrainingWindow;
  /**
   * The adstock family, or 'auto' (the default): fit each of {@link AUTO_ADSTOCKS} and keep the one with
   * the lowest BIC (the fitted model's config then names the family chosen, and `adstockChoice` the BICs).
   */
  adstock?: AdstockKind | 'auto';
  saturation?: SaturationKind;
  /** Fourier seasonality: period in periods (52.1775 weekly, 365.25 daily) and number of harmonics. */
  seasonality?: { period: number; order: number } | false;
  trend?: boolean;
  /**
   * `trend`: the base is an intercept, a straight trend, seasonality and factors. `knots`: the base can
   * also bend, through a knot a quarter and a random walk over the knots' levels, so a channel launched
   * while the base grows is not credited with (or robbed of) the growth. `auto` (the default): both are
   * fitted and the one with the higher evidence kept (`diagnostics.baselineChoice`).
   */
  baseline?: 'trend' | 'knots' | 'auto';
  roiPriors?: RoiPrior[];
  sharePriors?: SharePrior[];
  /** Lift tests, each a likelihood term on the channel's incremental outcome (the MAP's and the posterior's). */
  liftTests?: LiftTest[];
  /**
   * Spend-share prior: each channel's ROI is pulled towards the pooled ROI of all channels, i.e. its
   * effect share towards its spend share, with relative sd `sd` (sparse channels get half of it).
   * true means sd 0.5; false turns it off; 'learned' picks the sd the data give the most evidence
   * for (empirical Bayes over {@link SPEND_SHARE_SDS}: partial pooling with a learned spread).
   * `{ sd, separated }` (opt-in): only the channels the data cannot separate (sparse, or a media
   * signal with R² above the status's `separationR2` on the other regressors at the first pass's
   * optimum) are pooled at `sd`; the channels the data do separate at the wider `separated` (both
   * relative to the anchor ROI). `{ sd, sampledSpread: true }` (opt-in, the full posterior only): the
   * posterior pools each channel's log ROI around the anchor's log with a spread τ of its own,
   * τ² ~ inverse-gamma(2, 2·sd²) integrated out (a multivariate Student-t on the log ROIs, 4 degrees
   * of freedom, scale `sd`), so channels that disagree widen each other's intervals; the MAP
   * keeps its Gaussian rows at `sd`.
   */
  spendShare?: boolean | 'learned' | { sd: number; separated?: number; sampledSpread?: boolean };
  /** Periods held out at the end for the out-of-sample MAPE (default max(4, 10% of the window)). */
  holdout?: number;
  /** Optimizer starts (default 3); the best MAP wins. */
  starts?: number;
  seed?: number;
  /** Compute Laplace intervals (default true). */
  intervals?: boolean;
  /**
   * The full posterior by NUTS (false: the MAP with Laplace intervals, the fast preview). true means
   * 4 chains, 400 warm-up and 1000 kept draws each.
   */
  posterior?: boolean | { chains?: number; warmup?: number; draws?: number };
  /**
   * The full posterior's priors: `mixmodeler` (default) or `pymc-marketing`, PyMC-Marketing 0.19.2's
   * defaults and likelihood on its scaling (mmm/pymc-priors.ts), for the cross-implementation check of
   * the sampler (bench/crosscheck-pymc.mjs). Only with geometric adstock, logistic saturation, no trend,
   * seasonality, knots, ROI, share or spend-share priors: what its defaults cover exactly.
   */
  priorSet?: PriorSet;
}

/** The prior sets of the full posterior (see {@link MmmConfig.priorSet}). */
export const PRIOR_SETS = ['mixmodeler', 'pymc-marketing'] as const;
/** A prior set of the full posterior. */
export type PriorSet = (typeof PRIOR_SETS)[number];

/** A config with every default filled in. */
export interface ResolvedConfig {
  lookback: number;
  window: TrainingWindow;
  adstock: AdstockKind;
  /** Set while the family is to be chosen (`adstock: 'auto'`); the fitted model's config has it cleared. */
  adstockAuto?: boolean;
  saturation: SaturationKind;
  seasonality: { period: number; order: number } | false;
  trend: boolean;
  /** Older fits lack it: `trend`. */
  baseline?: 'trend' | 'knots';
  /** Set while the base is to be chosen (`baseline: 'auto'`); the fitted model's config has it cleared. */
  baselineAuto?: boolean;
  roiPriors: RoiPrior[];
  sharePriors: SharePrior[];
  /** Older fits lack it: none. */
  liftTests?: LiftTest[];
  spendShareSd: number | null;
  /** The spend-share sd is chosen by the evidence (`spendShare: 'learned'`); older fits lack it. */
  spendShareLearned?: boolean;
  /** The relative sd of the channels the data separate (`spendShare.separated`); absent: all at `spendShareSd`. */
  spendShareSeparatedSd?: number;
  /** The posterior pools the log ROIs with a spread of its own (`spendShare.sampledSpread`); absent: the MAP's rows. */
  spendShareSampledSpread?: boolean;
  holdout: number | null;
  starts: number;
  seed: number;
  intervals: boolean;
  /** The sampler's chains and iterations, or null for the MAP fit alone (older fits lack it). */
  posterior?: { chains: number; warmup: number; draws: number } | null;
  /** Older fits lack it: `mixmodeler`. */
  priorSet?: PriorSet;
}

/**
 * Checks a config against the data and fills in defaults.
 * @throws ConfigError naming the field, the rule and the value
 */
export function resolveConfig(config: MmmConfig, data: MmmData): ResolvedConfig {
  for (const k of Object.keys(config)) {
    if (!CONFIG_KEYS.includes(k))
      throw new ConfigError(`\`${k}\` is not a model option (known: ${CONFIG_KEYS.join(', ')})`);
  }
  const oneOf = (field: string, value: unknown, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value as string)) {
      throw new ConfigError(`\`${field}\` must be one of ${allowed.join(', ')}; got ${show(value)}`);
    }
  };
  oneOf('adstock', config.adstock, [...ADSTOCK_KINDS, 'auto']);
  oneOf('saturation', config.saturation, SATURATION_KINDS);
  oneOf('baseline', config.baseline, ['trend', 'knots', 'auto']);
  oneOf('priorSet', config.priorSet, PRIOR_SETS);
  const s = config.seasonality;
  if (
    s !== undefined &&
    s !== false &&
    !(typeof s === 'object' && s !== null && s.period > 1 && Number.isInteger(s.order) && s.order >= 1 && s.order <= 10)
  ) {
    throw new ConfigError(
      `\`seasonality\` must be false or { period > 1, order an integer in [1, 10] }; got ${show(s)}`,
    );
  }
  for (const k of ['trend', 'intervals'] as const) {
    if (config[k] !== undefined && typeof config[k] !== 'boolean') {
      throw new ConfigError(`\`${k}\` must be true or false; got ${show(config[k])}`);
    }
  }
  if (config.holdout !== undefined && !(Number.isInteger(config.holdout) && config.holdout >= 0)) {
    throw new ConfigError(`\`holdout\` must be an integer ≥ 0 (periods); got ${show(config.holdout)}`);
  }
  if (config.seed !== undefined && !Number.isInteger(config.seed)) {
    throw new ConfigError(`\`seed\` must be an integer; got ${show(config.seed)}`);
  }
  const names = new Set(data.channels.map((c) => c.name));
  // One rule for the lookback, model.json's `lookbackWeeks` (schemas/model.schema.json): at least one lag.
  const lookback = schemaField('model', 'lookbackWeeks'); // an integer with a minimum and a maximum
  if (
    !Number.isInteger(config.lookback) ||
    !(config.lookback >= lookback.minimum! && config.lookback <= lookback.maximum!)
  ) {
    throw new ConfigError(`\`lookback\` ${schemaRule(lookback)}; got ${show(config.lookback)}`);
  }
  const checkChannel = (field: string, channel: string) => {
    if (!names.has(channel)) {
      throw new ConfigError(`\`${field}\` names channel ${show(channel)}, which is not in the data (${[...names]})`);
    }
  };
  for (const [i, p] of (config.roiPriors ?? []).entries()) {
    checkChannel(`roiPriors[${i}].channel`, p.channel);
    if (!isPaid(data.channels.find((c) => c.name === p.channel)!)) {
      throw new ConfigError(
        `\`roiPriors[${i}]\` is on ${show(p.channel)}, an owned channel (no spend), which has no ROI; give a share prior`,
      );
    }
    if (!(p.roi >= 0) || !(p.sd > 0)) {
      throw new ConfigError(`\`roiPriors[${i}]\` needs roi ≥ 0 and sd > 0; got roi ${p.roi}, sd ${p.sd}`);
    }
  }
  for (const [i, t] of (config.liftTests ?? []).entries()) {
    checkChannel(`liftTests[${i}].channel`, t.channel);
    const bad = !(t.spend >= 0) || !(t.baseline >= 0) || t.spend === t.baseline;
    if (bad || !(t.weeks > 0) || !Number.isFinite(t.lift) || !(t.sd > 0)) {
      throw new ConfigError(
        `\`liftTests[${i}]\` needs spend and baseline ≥ 0 and different, weeks > 0, a lift and sd > 0; ` +
          `got spend ${t.spend}, baseline ${t.baseline}, weeks ${t.weeks}, lift ${t.lift}, sd ${t.sd}`,
      );
    }
  }
  for (const [i, p] of (config.sharePriors ?? []).entries()) {
    checkChannel(`sharePriors[${i}].channel`, p.channel);
    if (!(p.share >= 0 && p.share <= 1) || !(p.sd > 0)) {
      throw new ConfigError(`\`sharePriors[${i}]\` needs share in [0, 1] and sd > 0; got ${p.share}, ${p.sd}`);
    }
  }
  const ss = config.spendShare ?? true;
  const spendShareSd = ss === false ? null : ss === true || ss === 'learned' ? 0.5 : ss.sd;
  if (spendShareSd !== null && !(spendShareSd > 0)) {
    throw new ConfigError(`\`spendShare.sd\` must be > 0; got ${show(spendShareSd)}`);
  }
  const separatedSd = typeof ss === 'object' ? ss.separated : undefined;
  if (separatedSd !== undefined && !(separatedSd > 0)) {
    throw new ConfigError(`\`spendShare.separated\` must be > 0; got ${show(separatedSd)}`);
  }
  const starts = config.starts ?? 3;
  if (!Number.isInteger(starts) || starts < 1 || starts > 50) {
    throw new ConfigError(`\`starts\` must be an integer in [1, 50]; got ${show(starts)}`);
  }
  const posterior = resolvePosterior(config.posterior);
  if (data.channels.length === 0) throw new InputError('the model needs at least one channel; got none');
  if (config.priorSet === 'pymc-marketing') checkPymcMarketing(config);
  return {
    lookback: config.lookback,
    window: config.window ?? 'last-2-years',
    adstock: config.adstock === 'auto' || config.adstock === undefined ? DEFAULT_ADSTOCK : config.adstock,
    // PyMC-Marketing's priors cover one family, geometric, which is then the default.
    ...((config.adstock ?? (config.priorSet === 'pymc-marketing' ? 'geometric' : 'auto')) === 'auto'
      ? { adstockAuto: true }
      : {}),
    saturation: config.saturation ?? DEFAULT_SATURATION,
    seasonality: config.seasonality === undefined ? { period: 52.1775, order: 2 } : config.seasonality,
    trend: config.trend ?? true,
    baseline: config.baseline === 'knots' ? 'knots' : 'trend',
    // PyMC-Marketing's priors cover a base without a trend or knots, which is then the default.
    ...((config.baseline ?? (config.priorSet === 'pymc-marketing' ? 'trend' : 'auto')) === 'auto'
      ? { baselineAuto: true }
      : {}),
    roiPriors: config.roiPriors ?? [],
    sharePriors: config.sharePriors ?? [],
    ...(config.liftTests?.length ? { liftTests: config.liftTests } : {}),
    spendShareSd,
    ...(ss === 'learned' ? { spendShareLearned: true } : {}),
    ...(separatedSd !== undefined ? { spendShareSeparatedSd: separatedSd } : {}),
    ...(typeof ss === 'object' && ss.sampledSpread === true ? { spendShareSampledSpread: true } : {}),
    holdout: config.holdout ?? null,
    starts,
    seed: config.seed ?? 1,
    intervals: config.intervals ?? true,
    posterior,
    ...(config.priorSet ? { priorSet: config.priorSet } : {}),
  };
}

/** PyMC-Marketing's defaults cover this model only: the other options would have no prior of theirs. */
function checkPymcMarketing(config: MmmConfig): void {
  const off: [string, boolean][] = [
    ['adstock must be geometric', (config.adstock ?? DEFAULT_ADSTOCK) !== 'geometric'],
    ['saturation must be logistic', (config.saturation ?? DEFAULT_SATURATION) !== 'logistic'],
    ['trend must be false', config.trend !== false],
    ['seasonality must be false', config.seasonality !== false],
    ['baseline must be trend', (config.baseline ?? 'trend') !== 'trend'],
    ['spendShare must be false', config.spendShare !== false],
    [
      'roiPriors and sharePriors must be empty',
      (config.roiPriors?.length ?? 0) + (config.sharePriors?.length ?? 0) > 0,
    ],
  ];
  const broken = off.filter(([, bad]) => bad).map(([rule]) => rule);
  if (broken.length) {
    throw new ConfigError(
      `\`priorSet\` 'pymc-marketing' reproduces PyMC-Marketing's default model only: ${broken.join('; ')}`,
    );
  }
}

/**
 * The sampler's default run: 4 chains (the fewest R̂ is read from), 400 warm-up iterations (the chains
 * start at the mode with the Hessian's metric: see sample-posterior.ts) and 1000 kept draws each.
 */
export const DEFAULT_POSTERIOR = Object.freeze({ chains: 4, warmup: 400, draws: 1000 });

function resolvePosterior(v: MmmConfig['posterior']): ResolvedConfig['posterior'] {
  if (v === undefined || v === false) return null;
  if (v === true) return { ...DEFAULT_POSTERIOR };
  if (typeof v !== 'object' || v === null) {
    throw new ConfigError(`\`posterior\` must be true, false or { chains, warmup, draws }; got ${show(v)}`);
  }
  const out = { ...DEFAULT_POSTERIOR, ...v };
  const rules = { chains: [1, 16], warmup: [50, 10_000], draws: [50, 10_000] } as const;
  for (const k of ['chains', 'warmup', 'draws'] as const) {
    const [lo, hi] = rules[k];
    if (!Number.isInteger(out[k]) || out[k] < lo || out[k] > hi) {
      throw new ConfigError(`\`posterior.${k}\` must be an integer in [${lo}, ${hi}]; got ${show(out[k])}`);
    }
  }
  return out;
}
