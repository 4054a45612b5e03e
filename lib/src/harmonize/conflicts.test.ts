import { describe, expect, it } from 'vitest';
import type { Entry } from '../data/entry';
import { ConfigError, InputError } from '../errors';
import { resolveConflicts } from './conflicts';

const entry = (source: string, value: number | null, channel = 'social'): Entry => ({
  table: 'media',
  date: '2024-01-01',
  channel,
  metric: 'spend',
  value,
  source,
  file: `${source}.csv`,
  row: 2,
});
const both = [entry('ads', 10), entry('crm', 30), entry('crm', 5, 'tv')];

describe('resolveConflicts', () => {
  it.each([
    ['priority', ['crm', 'ads'], 30],
    ['priority', ['ads', 'crm'], 10],
    ['sum', [], 40],
    ['max', [], 30],
    ['mean', [], 20],
  ] as const)(
    'resolveConflicts(entries, {strategy: %s, priority: %j}) keeps %d and reports the conflict',
    (strategy, priority, want) => {
      const r = resolveConflicts(both, { strategy, priority: [...priority] });
      expect(r.entries.map((e) => [e.channel, e.value])).toEqual([
        ['social', want],
        ['tv', 5],
      ]);
      expect(r.conflicts).toEqual([
        {
          table: 'media',
          date: '2024-01-01',
          channel: 'social',
          metric: 'spend',
          values: [
            { source: 'ads', value: 10 },
            { source: 'crm', value: 30 },
          ],
          strategy,
          value: want,
        },
      ]);
    },
  );

  it('resolveConflicts(entries, null) throws an InputError naming both rows when a key is duplicated', () => {
    expect(() => resolveConflicts(both, null)).toThrow(InputError);
    expect(() => resolveConflicts(both, null)).toThrow(
      /duplicate key \(2024-01-01, social, spend\): given at row 2 of ads\.csv and row 2 of crm\.csv, and the rules have no `conflicts` entry/,
    );
  });

  it('resolveConflicts(entries, priority) throws a ConfigError when a conflicting source is not ranked', () => {
    expect(() => resolveConflicts(both, { strategy: 'priority', priority: ['ads'] }, 'rules.json')).toThrow(
      ConfigError,
    );
    expect(() => resolveConflicts(both, { strategy: 'priority', priority: ['ads'] }, 'rules.json')).toThrow(
      /rules\.json: `conflicts\.priority` must rank source `crm`/,
    );
  });

  it('resolveConflicts(entries) drops null values, which are not conflicts', () => {
    const r = resolveConflicts([entry('ads', null), entry('crm', 3)], null);
    expect(r.conflicts).toEqual([]);
    expect(r.entries.map((e) => e.value)).toEqual([3]);
  });
});
