import { ConfigError, show } from '../errors';
import { GRAINS, WEEKDAYS } from '../math/calendar';
import type { ConflictStrategy, ResolvedRules, SourceRules } from './rules';

const TOP = ['grain', 'weekStart', 'sources', 'channels', 'conflicts', 'factorAggregation'];
const STRATEGIES = ['priority', 'sum', 'max', 'mean'];
const AGGREGATIONS = ['mean', 'sum', 'max', 'min', 'last'];

/**
 * Validates rules (parsed JSON or an object built in code) and fills in the defaults: week grain
 * starting Monday, no renames, no conflict rule, factors averaged.
 *
 * @param file the rules file name for messages; default `rules`
 * @throws ConfigError naming the file, the field path and the value: `` rules.json: unknown field `sorces` ``
 * @example checkRules({ grain: 'day' }).weekStart // 'monday'
 */
export function checkRules(doc: unknown, file = 'rules'): ResolvedRules {
  const fail = (path: string, rule: string, value: unknown): never => {
    throw new ConfigError(`${file}: \`${path}\` ${rule}; got ${show(value)}`);
  };
  const obj = (path: string, v: unknown, keys?: string[]): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'must be an object', v);
    for (const k of Object.keys(v)) {
      if (keys && !keys.includes(k))
        throw new ConfigError(`${file}: unknown field \`${path ? path + '.' : ''}${k}\` in the rules`);
    }
    return v as Record<string, unknown>;
  };
  const strings = (path: string, v: unknown, allowed?: string[]): Record<string, string> => {
    const o = obj(path, v ?? {});
    for (const [k, s] of Object.entries(o)) {
      if (typeof s !== 'string' || s === '' || (allowed && !allowed.includes(s))) {
        fail(`${path}.${k}`, allowed ? `must be one of ${allowed.join(', ')}` : 'must be a non-empty string', s);
      }
    }
    return o as Record<string, string>;
  };
  const r = obj('', doc, TOP);
  const grain = r['grain'] ?? 'week';
  if (!GRAINS.includes(grain as never)) fail('grain', 'must be day or week', grain);
  const weekStart = r['weekStart'] ?? 'monday';
  if (!WEEKDAYS.includes(weekStart as never)) fail('weekStart', `must be one of ${WEEKDAYS.join(', ')}`, weekStart);
  const sources: Record<string, Required<SourceRules>> = {};
  for (const [name, s] of Object.entries(obj('sources', r['sources'] ?? {}))) {
    const p = `sources.${name}`;
    const o = obj(p, s, ['fields', 'multipliers', 'drop']);
    const multipliers = obj(`${p}.multipliers`, o['multipliers'] ?? {}) as Record<string, number>;
    for (const [k, m] of Object.entries(multipliers)) {
      if (typeof m !== 'number' || !Number.isFinite(m) || m <= 0)
        fail(`${p}.multipliers.${k}`, 'must be a positive number', m);
    }
    const drop = o['drop'] ?? [];
    if (!Array.isArray(drop) || !drop.every((d) => typeof d === 'string'))
      fail(`${p}.drop`, 'must be a list of column names', drop);
    sources[name] = { fields: strings(`${p}.fields`, o['fields']), multipliers, drop: drop as string[] };
  }
  let conflicts: ResolvedRules['conflicts'] = null;
  if (r['conflicts'] !== undefined && r['conflicts'] !== null) {
    const c = obj('conflicts', r['conflicts'], ['strategy', 'priority']);
    if (!STRATEGIES.includes(c['strategy'] as string))
      fail('conflicts.strategy', `must be one of ${STRATEGIES.join(', ')}`, c['strategy']);
    const priority = c['priority'] ?? [];
    if (!Array.isArray(priority) || !priority.every((p) => typeof p === 'string'))
      fail('conflicts.priority', 'must be a list of source names', priority);
    if (c['strategy'] === 'priority' && (priority as string[]).length === 0)
      fail('conflicts.priority', 'must list the sources, first preferred, when the strategy is priority', priority);
    conflicts = { strategy: c['strategy'] as ConflictStrategy, priority: priority as string[] };
  }
  return {
    grain: grain as ResolvedRules['grain'],
    weekStart: weekStart as ResolvedRules['weekStart'],
    sources,
    channels: strings('channels', r['channels']),
    conflicts,
    factorAggregation: strings(
      'factorAggregation',
      r['factorAggregation'],
      AGGREGATIONS,
    ) as ResolvedRules['factorAggregation'],
  };
}
