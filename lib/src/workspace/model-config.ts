import { ConfigError } from '../errors';
import {
  ADSTOCK_KINDS,
  SATURATION_KINDS,
  type AdstockKind,
  type MmmConfig,
  PRIOR_SOURCES,
  type PriorSource,
  type SaturationKind,
} from '../mmm/spec';
import type { HarmonizedMapping } from '../harmonize/mmm-data';
import { DEFAULT_MTA_METHOD, MTA_METHODS, type MtaMethod } from '../mta/attribute';
import { windowProblem } from '../mmm/window';
import { failIn, finite, flag, list, names, oneOf, record, text, type Fail } from './config-fields';

/** model.json as the user writes it (DESIGN §5). */
export interface ModelConfig {
  name: string;
  description: string;
  conversion: string;
  touchpoints: { channel: string; metric: string; source: TouchpointSource }[];
  lookbackWeeks: number;
  /** The adstock and saturation families (default geometric and Hill; absent when not chosen). */
  adstock?: AdstockKind;
  saturation?: SaturationKind;
  trainingWindow: 'last-2-years' | { from: string; to: string };
  factors: { internal: string[]; external: string[] };
  priors: (
    | { channel: string; roi: number; sd: number; source: PriorSource }
    | { channel: string; share: number; sd: number; source: PriorSource }
  )[];
  spendShare: boolean;
  schedule: { enabled: boolean; frequency: RunFrequency };
  /**
   * MTA → MMM: ROI priors (source `events`) for these channels from the workspace's event-level data,
   * attributed by `method` and put on the MMM's scale (see `eventRoiPriors`). For channels whose
   * summary data are sparse. A prior of `priors` on the same channel wins.
   */
  eventPriors?: { channels: string[]; method: MtaMethod; lookbackDays: number; relativeSd: number };
}

const KEYS = [
  'name',
  'description',
  'conversion',
  'touchpoints',
  'lookbackWeeks',
  'adstock',
  'saturation',
  'trainingWindow',
  'factors',
  'priors',
  'spendShare',
  'schedule',
  'eventPriors',
];
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
 * Validates a model config field by field and fills defaults (description '', lookbackWeeks 8,
 * trainingWindow last-2-years, no factors or priors, spendShare true, schedule off weekly). Every
 * nested field is checked for its type, unknown nested keys are refused by path
 * (`touchpoints[0].chanel`), numbers must be finite, the name has at most 200 characters. It does
 * not read the data: `checkConfigAgainstData` does that.
 *
 * @param doc any JSON value
 * @param file where the config came from, for messages
 * @throws ConfigError naming the file, the field, the rule and the value (and nothing else, for any JSON value)
 * @example validateModelConfig({ name: 'Revenue', conversion: 'revenue', touchpoints: [{ channel: 'tv' }] }).lookbackWeeks // 8
 */
export function validateModelConfig(doc: unknown, file = 'model.json'): ModelConfig {
  const fail = failIn(file);
  const d = record(fail, '', doc, KEYS, 'model', '{ "name", "conversion", "touchpoints", ... }');
  const name = text(fail, 'name', d['name'], NAME_MAX);
  const description =
    d['description'] === undefined ? '' : text(fail, 'description', d['description'], DESCRIPTION_MAX, true);
  const conversion = text(fail, 'conversion', d['conversion'], NAME_MAX);
  const touchpoints = list(fail, 'touchpoints', d['touchpoints'], true).map((t, i) => {
    const path = `touchpoints[${i}]`;
    const o = record(fail, path, t, ['channel', 'metric', 'source'], 'touchpoint', '{ "channel", "metric", "source" }');
    return {
      channel: text(fail, `${path}.channel`, o['channel'], NAME_MAX),
      metric: text(fail, `${path}.metric`, or(o['metric'], 'spend'), NAME_MAX),
      source: oneOf(fail, `${path}.source`, or(o['source'], 'summary'), TOUCHPOINT_SOURCES),
    };
  });
  touchpoints.forEach((t, i) => {
    if (touchpoints.findIndex((u) => u.channel === t.channel) < i)
      fail(`touchpoints[${i}].channel`, 'repeats a touchpoint channel', t.channel);
  });
  const isTouchpoint = (c: unknown) => touchpoints.some((t) => t.channel === c);
  const lookbackWeeks = or(d['lookbackWeeks'], 8);
  if (!Number.isInteger(lookbackWeeks) || (lookbackWeeks as number) < 1 || (lookbackWeeks as number) > 52) {
    fail('lookbackWeeks', 'must be an integer in [1, 52]', lookbackWeeks);
  }
  const curves: Pick<ModelConfig, 'adstock' | 'saturation'> = {};
  if (d['adstock'] !== undefined) curves.adstock = oneOf(fail, 'adstock', d['adstock'], ADSTOCK_KINDS);
  if (d['saturation'] !== undefined) curves.saturation = oneOf(fail, 'saturation', d['saturation'], SATURATION_KINDS);
  const trainingWindow = trainingWindowOf(fail, file, or(d['trainingWindow'], 'last-2-years'));
  const f = record(fail, 'factors', or(d['factors'], {}), ['internal', 'external'], 'factors', FACTORS_SHAPE);
  const factors = {
    internal: names(fail, 'factors.internal', or(f['internal'], []), false, 'factor'),
    external: names(fail, 'factors.external', or(f['external'], []), false, 'factor'),
  };
  factors.external.forEach((x, i) => {
    if (factors.internal.includes(x)) fail(`factors.external[${i}]`, 'is also an internal factor', x);
  });
  const priors = list(fail, 'priors', or(d['priors'], []), false).map((p, i) =>
    priorOf(fail, `priors[${i}]`, p, isTouchpoint),
  );
  const spendShare = flag(fail, 'spendShare', or(d['spendShare'], true));
  const s = record(fail, 'schedule', or(d['schedule'], {}), ['enabled', 'frequency'], 'schedule', SCHEDULE_SHAPE);
  const schedule = {
    enabled: flag(fail, 'schedule.enabled', or(s['enabled'], false)),
    frequency: oneOf(fail, 'schedule.frequency', or(s['frequency'], 'weekly'), RUN_FREQUENCIES),
  };
  const e = d['eventPriors'];
  const eventPriors = e === undefined || e === null ? undefined : eventPriorsOf(fail, e, isTouchpoint);
  return {
    ...(eventPriors ? { eventPriors } : {}),
    name,
    description,
    conversion,
    touchpoints,
    lookbackWeeks: lookbackWeeks as number,
    ...curves,
    trainingWindow,
    factors,
    priors,
    spendShare,
    schedule,
  };
}

/** A field's value, or `fallback` when it is absent (null is a value, and refused where it does not fit). */
const or = (value: unknown, fallback: unknown): unknown => (value === undefined ? fallback : value);

const FACTORS_SHAPE = '{ "internal": [names], "external": [names] }';
const SCHEDULE_SHAPE = `{ "enabled": true|false, "frequency": ${RUN_FREQUENCIES.map((f) => `"${f}"`).join('|')} }`;
const WINDOW_SHAPE = '"last-2-years" or { "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }';

function trainingWindowOf(fail: Fail, file: string, w: unknown): ModelConfig['trainingWindow'] {
  if (w === 'last-2-years') return w;
  if (typeof w !== 'object' || w === null || Array.isArray(w))
    return fail('trainingWindow', `must be ${WINDOW_SHAPE}`, w);
  const o = record(fail, 'trainingWindow', w, ['from', 'to'], 'trainingWindow', WINDOW_SHAPE);
  const from = text(fail, 'trainingWindow.from', o['from'], 10);
  const to = text(fail, 'trainingWindow.to', o['to'], 10);
  // The grain is not known here: checked with weeks, then exactly on the data by checkConfigAgainstData.
  const problem = windowProblem(from, to);
  if (problem) throw new ConfigError(`${file}: \`trainingWindow\`: ${problem}`);
  return { from, to };
}

function priorOf(
  fail: Fail,
  path: string,
  p: unknown,
  isTouchpoint: (c: unknown) => boolean,
): ModelConfig['priors'][number] {
  const o = record(fail, path, p, ['channel', 'roi', 'share', 'sd', 'source'], 'prior', PRIOR_SHAPE);
  if (!isTouchpoint(o['channel'])) fail(`${path}.channel`, 'must name a touchpoint channel', o['channel']);
  const channel = o['channel'] as string;
  const sd = finite(fail, `${path}.sd`, o['sd'], 'must be a finite number > 0', (n) => n > 0);
  const source = oneOf(fail, `${path}.source`, or(o['source'], 'stakeholder'), PRIOR_SOURCES);
  if (o['roi'] !== undefined && o['share'] !== undefined) fail(path, 'needs `roi` or `share`, not both', o);
  if (o['roi'] !== undefined)
    return {
      channel,
      roi: finite(fail, `${path}.roi`, o['roi'], 'must be a finite number ≥ 0', (n) => n >= 0),
      sd,
      source,
    };
  if (o['share'] !== undefined) {
    const share = finite(fail, `${path}.share`, o['share'], 'must be a number in [0, 1]', (n) => n >= 0 && n <= 1);
    return { channel, share, sd, source };
  }
  return fail(path, 'needs `roi` ≥ 0 or `share` in [0, 1]', o);
}

const PRIOR_SHAPE = '{ "channel", "roi" or "share", "sd", "source" }';
const EVENT_PRIOR_KEYS = ['channels', 'method', 'lookbackDays', 'relativeSd'];

function eventPriorsOf(
  fail: Fail,
  e: unknown,
  isTouchpoint: (c: unknown) => boolean,
): NonNullable<ModelConfig['eventPriors']> {
  const o = record(
    fail,
    'eventPriors',
    e,
    EVENT_PRIOR_KEYS,
    'eventPriors',
    '{ "channels", "method", "lookbackDays", "relativeSd" }',
  );
  const channels = list(fail, 'eventPriors.channels', o['channels'], true);
  channels.forEach((c, i) => {
    if (!isTouchpoint(c)) fail(`eventPriors.channels[${i}]`, 'must name a touchpoint channel', c);
    if (channels.indexOf(c) < i) fail(`eventPriors.channels[${i}]`, 'repeats a channel', c);
  });
  const method = oneOf(fail, 'eventPriors.method', or(o['method'], DEFAULT_MTA_METHOD), MTA_METHODS);
  const days = or(o['lookbackDays'], 28);
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 365)
    fail('eventPriors.lookbackDays', 'must be an integer in [1, 365]', days);
  const sd = finite(
    fail,
    'eventPriors.relativeSd',
    or(o['relativeSd'], 0.3),
    'must be a number in (0, 10]',
    (n) => n > 0 && n <= 10,
  );
  return { channels: channels as string[], method, lookbackDays: days as number, relativeSd: sd };
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
      spendShare: c.spendShare,
    },
    mapping: { conversion: c.conversion, touchpoints: c.touchpoints, factors: c.factors },
  };
}
