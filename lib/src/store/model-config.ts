import { ConfigError, show } from '../errors';
import {
  ADSTOCK_KINDS,
  SATURATION_KINDS,
  type AdstockKind,
  type MmmConfig,
  type PriorSource,
  type SaturationKind,
} from '../mmm/spec';
import type { HarmonizedMapping } from '../mmm/from-harmonized';
import { DEFAULT_MTA_METHOD, MTA_METHODS, type MtaMethod } from '../mta/attribute';

/** model.json as the user writes it (DESIGN §5). */
export interface ModelConfig {
  name: string;
  description: string;
  conversion: string;
  touchpoints: { channel: string; metric: string; source: 'summary' | 'events' | 'both' }[];
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
  schedule: { enabled: boolean; frequency: 'daily' | 'weekly' | 'monthly' };
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
const SOURCES: PriorSource[] = ['experiment', 'other model', 'stakeholder', 'events'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Validates a model config field by field and fills defaults (description '', lookbackWeeks 8,
 * trainingWindow last-2-years, no factors or priors, spendShare true, schedule off weekly).
 *
 * @param file where the config came from, for messages
 * @throws ConfigError naming the file, the field, the rule and the value
 */
export function validateModelConfig(doc: unknown, file = 'model.json'): ModelConfig {
  const fail = (field: string, rule: string, value: unknown): never => {
    throw new ConfigError(`${file}: \`${field}\` ${rule}; got ${show(value)}`);
  };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail('(root)', 'must be a JSON object', doc);
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d))
    if (!KEYS.includes(k)) fail(k, `is not a model field (known: ${KEYS.join(', ')})`, d[k]);
  const text = (k: string, required: boolean): string => {
    const v = d[k];
    if (v === undefined && !required) return '';
    if (typeof v !== 'string' || (required && v.trim() === '')) return fail(k, 'must be a non-empty string', v);
    return v;
  };
  const tps = d['touchpoints'];
  if (!Array.isArray(tps) || tps.length === 0) fail('touchpoints', 'must be a non-empty list', tps);
  const touchpoints = (tps as unknown[]).map((t, i) => {
    const o = t as Record<string, unknown>;
    if (typeof o?.['channel'] !== 'string' || o['channel'] === '')
      fail(`touchpoints[${i}].channel`, 'must be a channel name', o?.['channel']);
    const metric = o['metric'] ?? 'spend';
    if (typeof metric !== 'string') fail(`touchpoints[${i}].metric`, 'must be a media metric name', metric);
    const source = o['source'] ?? 'summary';
    if (!['summary', 'events', 'both'].includes(source as string))
      fail(`touchpoints[${i}].source`, 'must be summary, events or both', source);
    return { channel: o['channel'] as string, metric: metric as string, source: source as 'summary' };
  });
  const lookbackWeeks = d['lookbackWeeks'] ?? 8;
  if (!Number.isInteger(lookbackWeeks) || (lookbackWeeks as number) < 1 || (lookbackWeeks as number) > 52) {
    fail('lookbackWeeks', 'must be an integer in [1, 52]', lookbackWeeks);
  }
  const curves: Pick<ModelConfig, 'adstock' | 'saturation'> = {};
  if (d['adstock'] !== undefined) {
    if (!ADSTOCK_KINDS.includes(d['adstock'] as AdstockKind))
      fail('adstock', `must be one of ${ADSTOCK_KINDS.join(', ')}`, d['adstock']);
    curves.adstock = d['adstock'] as AdstockKind;
  }
  if (d['saturation'] !== undefined) {
    if (!SATURATION_KINDS.includes(d['saturation'] as SaturationKind))
      fail('saturation', `must be one of ${SATURATION_KINDS.join(', ')}`, d['saturation']);
    curves.saturation = d['saturation'] as SaturationKind;
  }
  const w = d['trainingWindow'] ?? 'last-2-years';
  if (w !== 'last-2-years') {
    const o = w as Record<string, unknown>;
    if (typeof o !== 'object' || !DATE.test(String(o?.['from'])) || !DATE.test(String(o?.['to']))) {
      fail('trainingWindow', 'must be "last-2-years" or { "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }', w);
    }
  }
  const f = (d['factors'] ?? {}) as Record<string, unknown>;
  const names = (k: string): string[] => {
    const v = f[k] ?? [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      return fail(`factors.${k}`, 'must be a list of factor names', v);
    return v as string[];
  };
  const priors = ((d['priors'] ?? []) as unknown[]).map((p, i) => {
    const o = p as Record<string, unknown>;
    if (!touchpoints.some((t) => t.channel === o?.['channel']))
      fail(`priors[${i}].channel`, 'must name a touchpoint channel', o?.['channel']);
    if (!(typeof o['sd'] === 'number' && o['sd'] > 0)) fail(`priors[${i}].sd`, 'must be a number > 0', o['sd']);
    const source = o['source'] ?? 'stakeholder';
    if (!SOURCES.includes(source as PriorSource))
      fail(`priors[${i}].source`, `must be one of ${SOURCES.join(', ')}`, source);
    if (typeof o['roi'] === 'number' && o['roi'] >= 0)
      return { channel: o['channel'] as string, roi: o['roi'], sd: o['sd'] as number, source: source as PriorSource };
    if (typeof o['share'] === 'number' && o['share'] >= 0 && o['share'] <= 1) {
      return {
        channel: o['channel'] as string,
        share: o['share'],
        sd: o['sd'] as number,
        source: source as PriorSource,
      };
    }
    return fail(`priors[${i}]`, 'needs `roi` ≥ 0 or `share` in [0, 1]', o);
  });
  const spendShare = d['spendShare'] ?? true;
  if (typeof spendShare !== 'boolean') fail('spendShare', 'must be true or false', spendShare);
  const s = (d['schedule'] ?? {}) as Record<string, unknown>;
  const enabled = s['enabled'] ?? false;
  const frequency = s['frequency'] ?? 'weekly';
  if (typeof enabled !== 'boolean') fail('schedule.enabled', 'must be true or false', enabled);
  if (!['daily', 'weekly', 'monthly'].includes(frequency as string))
    fail('schedule.frequency', 'must be daily, weekly or monthly', frequency);
  const eventPriors = (() => {
    const e = d['eventPriors'];
    if (e === undefined || e === null) return undefined;
    if (typeof e !== 'object' || Array.isArray(e)) return fail('eventPriors', 'must be an object', e);
    const o = e as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (!['channels', 'method', 'lookbackDays', 'relativeSd'].includes(k))
        fail(`eventPriors.${k}`, 'is not an option (channels, method, lookbackDays, relativeSd)', o[k]);
    }
    const channels = o['channels'];
    if (!Array.isArray(channels) || channels.length === 0)
      fail('eventPriors.channels', 'must be a non-empty list', channels);
    (channels as unknown[]).forEach((c, i) => {
      if (!touchpoints.some((t) => t.channel === c))
        fail(`eventPriors.channels[${i}]`, 'must name a touchpoint channel', c);
    });
    const method = o['method'] ?? DEFAULT_MTA_METHOD;
    if (!MTA_METHODS.includes(method as MtaMethod))
      fail('eventPriors.method', `must be one of ${MTA_METHODS.join(', ')}`, method);
    const days = o['lookbackDays'] ?? 28;
    if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 365)
      fail('eventPriors.lookbackDays', 'must be an integer in [1, 365]', days);
    const sd = o['relativeSd'] ?? 0.3;
    if (typeof sd !== 'number' || !(sd > 0) || sd > 10)
      fail('eventPriors.relativeSd', 'must be a number in (0, 10]', sd);
    return {
      channels: channels as string[],
      method: method as MtaMethod,
      lookbackDays: days as number,
      relativeSd: sd as number,
    };
  })();
  return {
    ...(eventPriors ? { eventPriors } : {}),
    name: text('name', true),
    description: text('description', false),
    conversion: text('conversion', true),
    touchpoints,
    lookbackWeeks: lookbackWeeks as number,
    ...curves,
    trainingWindow: w as ModelConfig['trainingWindow'],
    factors: { internal: names('internal'), external: names('external') },
    priors,
    spendShare: spendShare as boolean,
    schedule: { enabled: enabled as boolean, frequency: frequency as 'weekly' },
  };
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
