import { describe, expect, it } from 'vitest';
import { ConfigError, StoreError } from '../errors';
import { DATASET_FORMAT } from '../data/dataset-manifest';
import { DATASET_KINDS } from '../data/kinds';
import { GRAINS, WEEKDAYS } from '../math/calendar';
import { ADSTOCK_KINDS, PRIOR_SOURCES, SATURATION_KINDS } from '../mmm/spec';
import { DEFAULT_SATURATION } from '../transforms/families/registry';
import { DEFAULT_MTA_METHOD, MTA_METHODS } from '../mta/attribute';
import { DESCRIPTION_MAX, NAME_MAX, RUN_FREQUENCIES, TOUCHPOINT_SOURCES } from '../workspace/model-config';
import { MODEL_SCHEMA } from '../workspace/model-store';
import { MODEL_STATUSES } from '../workspace/model-summary';
import {
  FORMATS,
  checkSchema,
  schemaField,
  schemaProblem,
  schemaRule,
  withDefaults,
  type FileFormat,
  type JsonSchema,
} from './schemas';

const model = { name: 'm', conversion: 'revenue', touchpoints: [{ channel: 'tv' }] };
/** The schema of a field by its dotted path (`eventPriors.method`). */
function field(format: FileFormat, path: string): JsonSchema {
  const [top, ...rest] = path.split('.');
  return rest.reduce<JsonSchema>((s, k) => s.properties![k]!, schemaField(format, top!));
}

describe('schemas', () => {
  it.each(Object.keys(FORMATS) as FileFormat[])('schemaProblem(%s, doc) compiles its schema in strict mode', (f) => {
    expect(schemaProblem(f, [])?.path).toBe('(root)');
  });

  it('the schemas name the vocabularies the code uses', () => {
    expect(field('model', 'adstock').enum).toEqual(['auto', ...ADSTOCK_KINDS]);
    expect(field('model', 'saturation').enum).toEqual([...SATURATION_KINDS]);
    expect(field('model', 'adstock').default).toBe('auto');
    expect(field('model', 'saturation').default).toBe(DEFAULT_SATURATION);
    expect(schemaField('model', 'touchpoints').items?.properties?.['source']?.enum).toEqual([...TOUCHPOINT_SOURCES]);
    expect(schemaField('model', 'priors').items?.properties?.['source']?.enum).toEqual([...PRIOR_SOURCES]);
    expect(field('model', 'schedule.frequency').enum).toEqual([...RUN_FREQUENCIES]);
    expect(field('model', 'eventPriors.method').enum).toEqual([...MTA_METHODS]);
    expect(field('model', 'eventPriors.method').default).toBe(DEFAULT_MTA_METHOD);
    expect(field('model', 'name').maxLength).toBe(NAME_MAX);
    expect(field('model', 'description').maxLength).toBe(DESCRIPTION_MAX);
    expect(field('rules', 'grain').enum).toEqual([...GRAINS]);
    expect(field('rules', 'weekStart').enum).toEqual([...WEEKDAYS]);
    expect(field('dataset-manifest', 'kind').enum).toEqual([...DATASET_KINDS]);
    expect(field('dataset-manifest', 'format').const).toBe(DATASET_FORMAT);
    expect(field('model-record', 'schema').const).toBe(MODEL_SCHEMA);
    expect(schemaField('model-summary', 'status').default).toBe('awaiting training');
    expect(schemaProblem('model-record', { status: 'x' })).toBeTruthy();
    for (const s of MODEL_STATUSES) expect(schemaProblem('model-summary', { ...model, status: s })).toBeNull();
  });

  it.each([
    ['model', [], '(root)', /^must be an object \{ "name", "conversion", "touchpoints", \.\.\. \}$/],
    [
      'model',
      { ...model, touchpoints: [{ channel: 'tv' }, { channel: 'a', chanel: 'b' }] },
      'touchpoints[1].chanel',
      /is not a touchpoint field \(known: channel, metric, source, paid, costPerUnit\)/,
    ],
    ['model', { ...model, lookbackWeeks: 0 }, 'lookbackWeeks', /^must be an integer in \[1, 52\]$/],
    ['model', { ...model, factors: { internal: ['a', 'b', 'a'] } }, 'factors.internal[2]', /^repeats factor "a"$/],
    [
      'model',
      { ...model, trainingWindow: { from: '2024-02-30', to: '2025-03-01' } },
      'trainingWindow.from',
      /^must be a date YYYY-MM-DD$/,
    ],
    [
      'model',
      { ...model, trainingWindow: 'everything' },
      'trainingWindow',
      /^must be "last-2-years" or "all" or \{ "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" \}$/,
    ],
    ['model', { ...model, priors: [{ channel: 'tv', sd: 1, rio: 2 }] }, 'priors[0].rio', /is not a prior field/],
    [
      'model',
      { ...model, priors: [{ channel: 'tv', sd: 1 }] },
      'priors[0]',
      /^needs `roi` ≥ 0 or `share` in \[0, 1\]$/,
    ],
    [
      'rules',
      { conflicts: { strategy: 'priority', priority: [] } },
      'conflicts.priority',
      /^must be a non-empty list when `conflicts.strategy` is "priority"$/,
    ],
    [
      'rules',
      { sources: { 'my ads': { multipliers: { spend: 0 } } } },
      'sources.my ads.multipliers.spend',
      /^must be a finite number > 0$/,
    ],
    ['model-record', { schema: 1 }, 'id', /^must be a string matching \^m-/],
    [
      'model-record',
      { schema: 1, id: 'm-a-b', name: 'x', description: '', conversion: 'r' },
      'schedule',
      /^must be an object \{ "enabled": true\|false, "frequency": "daily"\|"weekly"\|"monthly" \}$/,
    ],
    [
      'model-record',
      { schema: 1, id: 'm-a-b', name: 'x', description: '', conversion: 'r', schedule: {} },
      'status',
      /^must be one of awaiting training, running/,
    ],
    ['dataset-manifest', { format: 'mixmodeler.dataset/2' }, 'format', /^must be "mixmodeler.dataset\/1"$/],
    [
      'dashboard',
      { widgets: ['status', 'roi'] },
      'widgets[1]',
      /^must be one of coverage, status, runs, leaderboard, plans$/,
    ],
  ] as const)('schemaProblem(%s, %j) names `%s`', (format, doc, path, rule) => {
    const p = schemaProblem(format, doc);
    expect(p?.path).toBe(path);
    expect(p?.rule).toMatch(rule);
  });

  it('checkSchema(format, doc, file, error) throws `file: `path` rule; got value`', () => {
    expect(() => checkSchema('model', { ...model, lookbackWeeks: 60 }, 'm.json', ConfigError)).toThrow(
      new ConfigError('m.json: `lookbackWeeks` must be an integer in [1, 52]; got 60'),
    );
    expect(() => checkSchema('plan', {}, 'plans/p.json', StoreError)).toThrow(StoreError);
    expect(checkSchema('dashboard', { widgets: [] }, 'dashboard.json', StoreError)).toEqual({ widgets: [] });
  });

  it('a config error inside a model record names its path below `config`', () => {
    const record = {
      ...{ schema: 1, id: 'm-a-b', name: 'm', description: '', conversion: 'revenue' },
      ...{ schedule: { enabled: false, frequency: 'weekly' }, status: 'awaiting training', lastRun: null },
      ...{ reasons: [], error: null, versions: [], currentVersion: null, scoredThrough: null, runs: [] },
    };
    expect(schemaProblem('model-record', { ...record, config: model })).toBeNull();
    const p = schemaProblem('model-record', { ...record, config: { ...model, touchpoints: [{ channel: 7 }] } });
    expect(p).toMatchObject({ path: 'config.touchpoints[0].channel', rule: 'must be a non-empty string', value: 7 });
  });

  it('withDefaults(format, doc) fills defaults at every depth and leaves doc as it was', () => {
    const doc = { ...model, schedule: { enabled: true } };
    const copy = structuredClone(doc);
    const c = withDefaults<Record<string, unknown>>('model', doc);
    expect(c).toMatchObject({
      description: '',
      lookbackWeeks: 8,
      trainingWindow: 'last-2-years',
      touchpoints: [{ channel: 'tv', metric: 'spend', source: 'summary' }],
      factors: { internal: [], external: [] },
      schedule: { enabled: true, frequency: 'weekly' },
      priors: [],
    });
    expect(c).not.toHaveProperty('eventPriors');
    expect(doc).toEqual(copy);
  });

  it('schemaRule(schema) says a field rule in words', () => {
    expect(schemaRule(schemaField('model', 'lookbackWeeks'))).toBe('must be an integer in [1, 52]');
    expect(schemaRule(field('model', 'eventPriors.relativeSd'))).toBe('must be a number in (0, 10]');
    expect(schemaRule(schemaField('model-record', 'currentVersion'))).toBe('must be an integer ≥ 1 or null');
  });
});
