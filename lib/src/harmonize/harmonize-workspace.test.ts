import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDataset } from '../data/import-dataset';
import { ConfigError, InputError } from '../errors';
import { harmonize } from './harmonize-workspace';
import { readHarmonized, readHarmonizedManifest } from './harmonized-store';

function workspace(): string {
  const ws = join(mkdtempSync(join(tmpdir(), 'mm-harm-')), 'ws');
  importDataset(
    [
      { date: '2024-01-01', channel: 'tv', spend: 1 },
      { date: '2024-01-08', channel: 'tv', spend: 2 },
    ],
    { kind: 'summary', name: 'media', workspace: ws },
  );
  importDataset({ date: ['2024-01-02'], revenue: [7] }, { kind: 'conversions', name: 'sales', workspace: ws });
  return ws;
}

describe('harmonize', () => {
  it('harmonize({workspace}) stores CSV tables and a manifest with the rules and summary', () => {
    const ws = workspace();
    const summary = harmonize({ workspace: ws });
    expect(summary).toMatchObject({
      grain: 'week',
      from: '2024-01-01',
      to: '2024-01-08',
      channels: ['tv'],
      conversions: ['revenue'],
    });
    expect(summary.missing.conversions).toEqual([{ metric: 'revenue', date: '2024-01-08' }]);
    const m = readHarmonizedManifest(ws)!;
    expect(m.summary).toEqual(summary);
    expect(readFileSync(join(ws, 'harmonized', m.files.media), 'utf8')).toBe(
      'date,channel,spend\n2024-01-01,tv,1\n2024-01-08,tv,2\n',
    );
    expect(readFileSync(join(ws, 'harmonized', m.files.conversions), 'utf8')).toBe(
      'date,revenue\n2024-01-01,7\n2024-01-08,\n',
    );
    const back = readHarmonized(ws)!;
    expect(back.summary).toEqual(summary);
    expect(back.media.objects()).toEqual([
      { date: '2024-01-01', channel: 'tv', spend: 1 },
      { date: '2024-01-08', channel: 'tv', spend: 2 },
    ]);
    expect(back.conversions.array('revenue')).toEqual([7, null]);
    expect(readHarmonized(join(ws, 'nothing'))).toBeNull();
    harmonize({ workspace: ws, grain: 'day' });
    expect(readdirSync(join(ws, 'harmonized')).filter((f) => f.endsWith('.csv'))).toHaveLength(3);
    expect(readHarmonizedManifest(ws)!.summary.periods).toBe(8);
  });

  it('harmonize({rules: file}) reads the rules file and writes nothing when they fail', () => {
    const ws = workspace();
    const rules = join(ws, '..', 'rules.json');
    writeFileSync(
      rules,
      JSON.stringify({ channels: { tv: 'linear_tv' }, sources: { media: { fields: { cost: 'spend' } } } }),
    );
    expect(() => harmonize({ workspace: ws, rules })).toThrow(ConfigError);
    expect(() => harmonize({ workspace: ws, rules })).toThrow(/rules\.json: unknown field `cost`/);
    expect(existsSync(join(ws, 'harmonized'))).toBe(false);
    writeFileSync(rules, JSON.stringify({ channels: { tv: 'linear_tv' } }));
    expect(harmonize({ workspace: ws, rules }).channels).toEqual(['linear_tv']);
    writeFileSync(rules, '{');
    expect(() => harmonize({ workspace: ws, rules })).toThrow(/rules\.json: cannot read the rules/);
  });

  it('harmonize({workspace}) throws an InputError for a workspace without datasets', () => {
    const ws = mkdtempSync(join(tmpdir(), 'mm-harm-'));
    expect(() => harmonize({ workspace: ws })).toThrow(InputError);
    expect(() => harmonize({ workspace: ws })).toThrow(/no datasets in/);
  });
});
