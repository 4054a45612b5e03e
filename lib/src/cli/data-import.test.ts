import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured } from './run';

const cli = (...argv: string[]) => runCaptured(argv);

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'mm-cli-data-'));
  writeFileSync(
    join(dir, 'spend.csv'),
    'date;channel;spend\n2024-01-01;fb;1,5\n2024-01-02;facebook_ads;2\n2024-01-08;tv;4\n',
  );
  writeFileSync(
    join(dir, 'sales.json'),
    JSON.stringify([
      { date: '2024-01-01', revenue: 10 },
      { date: '2024-01-08', revenue: 12 },
    ]),
  );
  writeFileSync(join(dir, 'rules.json'), JSON.stringify({ channels: { fb: 'social', facebook_ads: 'social' } }));
  return { dir, ws: join(dir, 'ws') };
}

describe('mixmodeler data import / harmonize', () => {
  it('`data import FILE --as summary --name NAME --json` prints the stored dataset', async () => {
    const { dir, ws } = setup();
    const r = await cli(
      'data',
      'import',
      join(dir, 'spend.csv'),
      '--as',
      'summary',
      '--name',
      'media',
      '--workspace',
      ws,
      '--json',
    );
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(r.out).dataset).toMatchObject({
      name: 'media',
      kind: 'summary',
      rows: 3,
      channels: ['facebook_ads', 'fb', 'tv'],
    });
    const text = await cli('--workspace', ws, 'data', 'import', join(dir, 'sales.json'), '--as', 'conversions');
    expect(text.out).toBe('imported sales.json as conversions dataset `sales`: 2 rows, 2024-01-01 to 2024-01-08\n');
  });

  it('`harmonize --rules FILE --grain week --json` prints the summary as one JSON document', async () => {
    const { dir, ws } = setup();
    await cli('--workspace', ws, 'data', 'import', join(dir, 'spend.csv'), '--as', 'summary');
    await cli('--workspace', ws, 'data', 'import', join(dir, 'sales.json'), '--as', 'conversions');
    const r = await cli(
      '--workspace',
      ws,
      '--json',
      'harmonize',
      '--rules',
      join(dir, 'rules.json'),
      '--grain',
      'week',
    );
    expect(r.code).toBe(0);
    const { summary } = JSON.parse(r.out);
    expect(summary).toMatchObject({
      grain: 'week',
      channels: ['social', 'tv'],
      periods: 2,
      conversions: ['revenue'],
      conflicts: [],
    });
    const day = await cli('--workspace', ws, 'harmonize', '--grain', 'day');
    expect(day.out).toMatch(/^harmonized 2 dataset\(s\) by day: 2024-01-01 to 2024-01-08, 8 periods\n/);
  });

  it('`data import FILE --as events --engine duckdb --json` stores daily event aggregates', async () => {
    const { dir, ws } = setup();
    writeFileSync(
      join(dir, 'events.csv'),
      'user_id,timestamp,channel,event,value\nu1,2024-01-01T10:00:00,tv,touch,\nu1,2024-01-02T10:00:00,tv,conversion,4\n',
    );
    const r = await cli(
      '--workspace',
      ws,
      '--json',
      'data',
      'import',
      join(dir, 'events.csv'),
      '--as',
      'events',
      '--engine',
      'duckdb',
    );
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).dataset).toMatchObject({
      name: 'events',
      kind: 'events',
      aggregated: true,
      rows: 2,
      metrics: ['conversions', 'touches', 'value'],
    });
    const bad = await cli(
      '--workspace',
      ws,
      'data',
      'import',
      join(dir, 'events.csv'),
      '--as',
      'summary',
      '--engine',
      'duckdb',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('`--engine` must be memory, or duckdb or spark with `--as events`');
  });

  it('`data import` of a bad file exits 1 with the error on stderr and writes nothing', async () => {
    const { dir, ws } = setup();
    writeFileSync(join(dir, 'bad.csv'), 'date,channel,spend\n2024-01-01,tv,-3\n');
    const r = await cli('--workspace', ws, '--json', 'data', 'import', join(dir, 'bad.csv'), '--as', 'summary');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('`spend` must be a non-negative number; got -3 at row 2 of bad.csv [E_INPUT]');
    expect(existsSync(ws)).toBe(false);
  });

  it.each([
    [['data', 'import', 'x.csv'], 2, '`data import` needs `--as'],
    [['data', 'import', '--as', 'summary'], 2, 'missing required argument `file`'],
    [['data', 'import', 'x.csv', '--as'], 2, 'option `--as <kind>` argument missing'],
    [['harmonize', '--bogus', '1'], 2, 'unknown option `--bogus`'],
    [['data', 'import', 'x.csv', '--as', 'budget'], 1, 'unknown dataset kind "budget"'],
    [['harmonize', '--grain', 'month'], 1, '`grain` must be day or week; got "month" [E_CONFIG]'],
  ])('`%s` exits %d with a message on stderr', async (argv, code, message) => {
    const { ws } = setup();
    const r = await cli('--workspace', ws, ...argv);
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
  });
});
