import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/sample-workspace';
import { importDataset } from '../data/import-dataset';
import { attributeWorkspace } from '../workspace/attribution';
import { autoLookbackDays, journeysFromEvents, lookbackReport, lookbackWarning, type EventRow } from './journeys';

const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString();
const touch = (user: string, d: number, channel: string): EventRow => ({
  user_id: user,
  timestamp: day(d),
  channel,
  event: 'touch',
});
const conversion = (user: string, d: number): EventRow => ({
  user_id: user,
  timestamp: day(d),
  channel: '(none)',
  event: 'conversion',
});

// u1: touches 40 and 5 days before its conversion; u2: one 60 days before; u3: 2 days before; u4: no conversion.
const rows: EventRow[] = [
  touch('u1', 0, 'tv'),
  touch('u1', 35, 'search'),
  conversion('u1', 40),
  touch('u2', 0, 'tv'),
  conversion('u2', 60),
  touch('u3', 8, 'email'),
  conversion('u3', 10),
  touch('u4', 3, 'social'),
];

describe('journeysFromEvents(rows, days, report)', () => {
  it('counts the touches before a conversion the lookback leaves out, and the conversions it leaves bare', () => {
    const r = lookbackReport(28);
    const journeys = journeysFromEvents(rows, 28, r);
    expect(r).toMatchObject({ lookbackDays: 28, touches: 4, outside: 2, conversions: 3, unattributed: 1 });
    expect([...r.gaps].sort((a, b) => a - b)).toEqual([2, 5, 40, 60]);
    expect(journeys.filter((j) => j.converted).map((j) => j.touches.length)).toEqual([1, 0, 1]);
  });

  it('lookbackWarning(report) speaks when more than 10% is left out, and suggests the auto lookback', () => {
    const r = lookbackReport(28);
    journeysFromEvents(rows, 28, r);
    expect(lookbackWarning(r)).toBe(
      'the 28-day lookback leaves out 2 of 4 touches before a conversion (50%), and 1 of 3 conversions keep no ' +
        'touch within it; a longer lookback (or --lookback-days auto: 60 days here) keeps more',
    );
    const all = lookbackReport(90);
    journeysFromEvents(rows, 90, all);
    expect(lookbackWarning(all)).toBeNull();
  });

  it('autoLookbackDays(gaps) covers 95% of the gaps, rounded up, in [1, 365]; 28 without any', () => {
    expect(autoLookbackDays([])).toBe(28);
    expect(autoLookbackDays(Array.from({ length: 100 }, (_, i) => i + 0.5))).toBe(95);
    expect(autoLookbackDays([0.01])).toBe(1);
    expect(autoLookbackDays([900])).toBe(365);
  });
});

describe('attributeWorkspace(workspace, options)', () => {
  const ws = tempDir('mm-lookback-');
  importDataset(rows, { kind: 'events', name: 'ev', workspace: ws });

  it('reports the lookback it used, with auto chosen from the gaps', () => {
    const fixed = attributeWorkspace(ws, { method: 'last', lookbackDays: 28 });
    expect(fixed.lookback).toEqual({ lookbackDays: 28, touches: 4, outside: 2, conversions: 3, unattributed: 1 });
    expect(fixed.warning).toMatch(/leaves out 2 of 4 touches/);
    const auto = attributeWorkspace(ws, { method: 'last', lookbackDays: 'auto' });
    expect(auto.lookback).toMatchObject({ lookbackDays: 60, outside: 0, unattributed: 0 });
    expect(auto.warning).toBeNull();
  });

  it('refuses a lookback that leaves no conversion a touch: no empty success', () => {
    expect(() => attributeWorkspace(ws, { method: 'last', lookbackDays: 1 })).toThrow(
      /no conversion in the event data has a touch within the 1-day lookback \(3 conversions, 4 touches before them\)/,
    );
  });
});
