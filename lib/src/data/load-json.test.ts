import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { loadJson, loadNdjson } from './load-json';

describe('loadJson / loadNdjson', () => {
  it('loadJson(text) reads an array of records; record 1 is row 1', () => {
    const f = loadJson('[{"date":"2024-01-01","spend":3},{"date":"2024-01-02","clicks":4}]', { source: 'a.json' });
    expect(f.table.columnNames()).toEqual(['date', 'spend', 'clicks']);
    expect(f.table.objects()[1]).toEqual({ date: '2024-01-02', spend: null, clicks: 4 });
    expect(f.firstRow).toBe(1);
  });

  it('loadJson(text) reads a column object', () => {
    const f = loadJson('{"date":["2024-01-01","2024-01-02"],"revenue":[1,2]}');
    expect(f.table.numRows()).toBe(2);
    expect(f.table.array('revenue')).toEqual([1, 2]);
  });

  it('loadNdjson(text) reads one record per line and skips blank lines', () => {
    const f = loadNdjson('{"a":1}\n\n{"a":2,"b":"x"}\n');
    expect(f.table.objects()).toEqual([
      { a: 1, b: null },
      { a: 2, b: 'x' },
    ]);
  });

  it('loadJson(text) throws an InputError E_INPUT for bad or empty JSON', () => {
    expect(() => loadJson('[{', { source: 'bad.json' })).toThrow(/bad\.json is not valid JSON/);
    expect(() => loadJson('[]', { source: 'e.json' })).toThrow(/e\.json is empty/);
    expect(() => loadJson('   ', { source: 'e.json' })).toThrow(InputError);
    expect(() => loadJson('42', { source: 'n.json' })).toThrow(/n\.json: input must be records/);
  });

  it('loadNdjson(text) names the line that is not a JSON object', () => {
    expect(() => loadNdjson('{"a":1}\n[1]\n', { source: 'e.ndjson' })).toThrow(
      /e\.ndjson: line 2 must be a JSON object/,
    );
    expect(() => loadNdjson('{"a":1}\n{oops\n', { source: 'e.ndjson' })).toThrow(
      expect.objectContaining({ name: 'InputError', code: 'E_INPUT', message: expect.stringContaining('line 2') }),
    );
    expect(() => loadNdjson('{oops', { source: 'e.ndjson' })).toThrow(InputError);
  });
});
