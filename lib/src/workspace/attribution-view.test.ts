import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attributeWorkspace } from './attribution';
import { attributionView } from './attribution-view';
import { installSample } from './install-sample';

const ws = join(mkdtempSync(join(tmpdir(), 'mm-attribution-view-')), 'ws');
installSample(ws);

describe('attributionView(workspace, { methods, lookbackDays })', () => {
  it('puts the methods side by side with the same shares as `mta`, the engine and lookback in words, and one figure', async () => {
    const v = await attributionView(ws, { methods: ['intent-factor', 'last', 'markov'], lookbackDays: 'auto' });
    expect(v.methods.map((m) => m.method)).toEqual(['intent-factor', 'last', 'markov']);
    expect(v.engine).toBe('memory');
    expect(v.engineText).toBe('intent-factor, last, markov: journeys built in memory.');
    expect(v.lookbackChosen).toBe('auto');
    expect(v.lookbackText).toMatch(new RegExp(`^Lookback ${v.lookback.lookbackDays} days \\(chosen from the data`));
    for (const m of v.methods) {
      const alone = attributeWorkspace(ws, { method: m.method, lookbackDays: 'auto' }).result.channels;
      expect(m.channels).toEqual(alone);
      expect(Object.values(m.channels).reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 9);
    }
    expect(v.channels).toEqual([...new Set(v.methods.flatMap((m) => Object.keys(m.channels)))].sort());
    expect(v.figure.data.map((t) => t['name'])).toEqual(['intent-factor', 'last', 'markov']);
    // Rules split every conversion over its touches; the methods do not all agree on these events.
    const share = (i: number) => v.methods[i]!.channels[v.channels[0]!]!.share;
    expect(new Set([share(0), share(1), share(2)]).size).toBeGreaterThan(1);
  });

  it('a short fixed lookback says what it left out, with a warning', async () => {
    const v = await attributionView(ws, { methods: ['last'], lookbackDays: 1 });
    expect(v.lookbackChosen).toBe('fixed');
    expect(v.lookbackText).toMatch(/^Lookback 1 days \(fixed\): [\d,]+ of [\d,]+ touches before a conversion/);
    expect(v.lookback.outside).toBeGreaterThan(0);
    expect(v.warning).toMatch(/auto/);
  });

  it.each([
    [{ methods: [], lookbackDays: 'auto' as const }, /pick at least one attribution method/],
    [{ methods: ['last', 'last'], lookbackDays: 'auto' as const }, /each attribution method once/],
    [{ methods: ['lastest'], lookbackDays: 'auto' as const }, /unknown attribution method "lastest"; known: last, /],
    [
      { methods: ['last'], lookbackDays: 0 },
      /the lookback must be auto or a whole number of days from 1 to 365; got 0/,
    ],
    [{ methods: ['last'], lookbackDays: 2.5 }, /got 2\.5/],
  ])('refuses %o', async (options, message) => {
    await expect(attributionView(ws, options as never)).rejects.toThrow(message);
  });

  it('a workspace without event-level data gets the reason and the way to import them', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mm-attribution-view-empty-'));
    await expect(attributionView(empty, { methods: ['last'], lookbackDays: 'auto' })).rejects.toThrow(
      /no event-level dataset in .*; import one with `mixmodeler data import FILE --as events`/,
    );
  });
});
