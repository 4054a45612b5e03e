import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { checkRules } from './check-rules';

describe('checkRules', () => {
  it('checkRules({}) defaults to week grain from Monday, no renames and no conflict rule', () => {
    expect(checkRules({})).toEqual({
      grain: 'week',
      weekStart: 'monday',
      sources: {},
      channels: {},
      conflicts: null,
      factorAggregation: {},
    });
  });

  it('checkRules(doc) fills defaults without changing doc', () => {
    const doc = { sources: { ads: { fields: { cost: 'spend' } } }, conflicts: { strategy: 'sum' } };
    const copy = structuredClone(doc);
    expect(checkRules(doc).sources['ads']).toEqual({ fields: { cost: 'spend' }, multipliers: {}, drop: [] });
    expect(checkRules(doc).conflicts).toEqual({ strategy: 'sum', priority: [] });
    expect(doc).toEqual(copy);
  });

  it('checkRules(rules) is idempotent on its own result', () => {
    const r = checkRules({
      grain: 'day',
      sources: { ads: { fields: { cost: 'spend' } } },
      conflicts: { strategy: 'sum' },
    });
    expect(checkRules(r)).toEqual(r);
  });

  it.each([
    [{ sorces: {} }, /rules\.json: `sorces` is not a rules field \(known: grain, weekStart, sources, /],
    [
      { sources: { ads: { field: {} } } },
      /`sources\.ads\.field` is not a source field \(known: fields, multipliers, drop\)/,
    ],
    [{ grain: 'month' }, /`grain` must be day or week; got "month"/],
    [{ weekStart: 'mon' }, /`weekStart` must be one of sunday, monday/],
    [{ conflicts: { strategy: 'avg' } }, /`conflicts\.strategy` must be one of priority, sum, max, mean; got "avg"/],
    [
      { conflicts: { strategy: 'priority' } },
      /`conflicts\.priority` must be a non-empty list when `conflicts\.strategy` is "priority"; got undefined/,
    ],
    [{ conflicts: { strategy: 'priority', priority: [] } }, /`conflicts\.priority` must be a non-empty list when/],
    [{ conflicts: {} }, /`conflicts\.strategy` must be one of priority, sum, max, mean; got undefined/],
    [
      { sources: { ads: { multipliers: { spend: -1 } } } },
      /`sources\.ads\.multipliers\.spend` must be a finite number > 0; got -1/,
    ],
    [{ channels: { fb: 3 } }, /`channels\.fb` must be a non-empty string; got 3/],
    [{ factorAggregation: { price: 'median' } }, /`factorAggregation\.price` must be one of mean, sum, max, min, last/],
    [[], /rules\.json: `\(root\)` must be an object \{ "grain", "weekStart", "sources", \.\.\. \}; got \[\]/],
    [{ channels: null }, /`channels` must be an object; got null/],
  ])('checkRules(%j) throws a ConfigError E_CONFIG naming the field', (doc, message) => {
    expect(() => checkRules(doc, 'rules.json')).toThrow(ConfigError);
    expect(() => checkRules(doc, 'rules.json')).toThrow(expect.objectContaining({ code: 'E_CONFIG' }));
    expect(() => checkRules(doc, 'rules.json')).toThrow(message);
  });
});
