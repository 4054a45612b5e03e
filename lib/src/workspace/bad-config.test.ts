import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/run';
import { ConfigError } from '../errors';
import { installSample } from './install-sample';
import { checkConfigAgainstData } from './config-against-data';
import { createModel, duplicateModel, editModel } from './lifecycle';
import { validateModelConfig } from './model-config';
import { deleteModels } from './model-store';
import { SAMPLE_CHANNELS } from '../../../tests/helpers/sample-workspace';

/** A digest of every file under `dir`: relative paths and contents, in sorted order. */
function treeChecksum(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
    );
  for (const f of walk(dir).sort()) hash.update(relative(dir, f)).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex');
}

const channels = [...SAMPLE_CHANNELS];
const good = {
  name: 'Revenue MMM',
  description: 'weekly revenue',
  conversion: 'revenue',
  touchpoints: channels.map((channel) => ({ channel, metric: 'spend', source: 'summary' })),
  lookbackWeeks: 8,
  trainingWindow: { from: '2023-01-02', to: '2025-12-22' },
  factors: { internal: ['holiday'], external: ['price'] },
  priors: [{ channel: 'search', roi: 2.5, sd: 0.25, source: 'experiment' }],
  spendShare: true,
  schedule: { enabled: false, frequency: 'weekly' },
  eventPriors: { channels: ['email'], method: 'markov', lookbackDays: 28, relativeSd: 0.3 },
};
type Doc = Record<string, unknown>;
const tp = (i: number, t: Doc) => good.touchpoints.map((x, j) => (j === i ? t : x));
const prior = (p: Doc) => [p];

/** [what is wrong, config, a fragment of the message]. */
const CASES: [string, unknown, RegExp][] = [
  // non-object roots
  ['null root', null, /`\(root\)` must be an object/],
  ['array root', [good], /`\(root\)` must be an object/],
  ['string root', 'model.json', /`\(root\)` must be an object/],
  ['number root', 42, /`\(root\)` must be an object/],
  ['boolean root', true, /`\(root\)` must be an object/],
  [
    'root nested 200,000 deep',
    JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)),
    /`\(root\)` must be an object .*got a list nested too deep/,
  ],
  [
    'name nested 200,000 deep',
    { ...good, name: JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)) },
    /`name` must be a non-empty string; got a list nested too deep/,
  ],
  ['unknown top-level key', { ...good, colour: 'red' }, /`colour` is not a model field/],
  // name, description, conversion
  ['missing name', { ...good, name: undefined }, /`name` must be a non-empty string; got undefined/],
  ['blank name', { ...good, name: '   ' }, /`name` must be a non-empty string/],
  ['number name', { ...good, name: 7 }, /`name` must be a non-empty string; got 7/],
  ['list name', { ...good, name: ['a'] }, /`name` must be a non-empty string/],
  ['10 MB name', { ...good, name: 'x'.repeat(10_000_000) }, /`name` must be at most 200 characters/],
  ['201-character name', { ...good, name: 'n'.repeat(201) }, /`name` must be at most 200 characters/],
  ['huge description', { ...good, description: 'd'.repeat(100_000) }, /`description` must be at most 5000/],
  ['number description', { ...good, description: 3 }, /`description` must be a string/],
  ['null description', { ...good, description: null }, /`description` must be a string/],
  ['missing conversion', { ...good, conversion: undefined }, /`conversion` must be a non-empty string/],
  ['object conversion', { ...good, conversion: { metric: 'revenue' } }, /`conversion` must be a non-empty string/],
  // touchpoints
  ['touchpoints a string', { ...good, touchpoints: 'tv' }, /`touchpoints` must be a non-empty list/],
  ['touchpoints an object', { ...good, touchpoints: { channel: 'tv' } }, /`touchpoints` must be a non-empty list/],
  ['no touchpoints', { ...good, touchpoints: [] }, /`touchpoints` must be a non-empty list/],
  ['touchpoint a string', { ...good, touchpoints: ['tv'] }, /`touchpoints\[0\]` must be an object/],
  ['touchpoint null', { ...good, touchpoints: [null] }, /`touchpoints\[0\]` must be an object/],
  ['touchpoint a list', { ...good, touchpoints: [['tv']] }, /`touchpoints\[0\]` must be an object/],
  [
    'misspelt chanel',
    { ...good, touchpoints: tp(0, { chanel: 'tv' }) },
    /`touchpoints\[0\].chanel` is not a touchpoint field/,
  ],
  [
    'touchpoint extra key',
    { ...good, touchpoints: tp(2, { channel: 'social', weight: 2 }) },
    /`touchpoints\[2\].weight`/,
  ],
  [
    'channel a number',
    { ...good, touchpoints: tp(0, { channel: 1 }) },
    /`touchpoints\[0\].channel` must be a non-empty string/,
  ],
  ['channel empty', { ...good, touchpoints: tp(1, { channel: '' }) }, /`touchpoints\[1\].channel` must be a non-empty/],
  ['metric a list', { ...good, touchpoints: tp(0, { channel: 'tv', metric: ['spend'] }) }, /`touchpoints\[0\].metric`/],
  [
    'metric null',
    { ...good, touchpoints: tp(0, { channel: 'tv', metric: null }) },
    /`touchpoints\[0\].metric` must be/,
  ],
  [
    'source unknown',
    { ...good, touchpoints: tp(0, { channel: 'tv', source: 'tv-panel' }) },
    /`touchpoints\[0\].source` must be one of summary, events, both/,
  ],
  ['source a number', { ...good, touchpoints: tp(0, { channel: 'tv', source: 1 }) }, /`touchpoints\[0\].source`/],
  [
    'repeated channel',
    { ...good, touchpoints: [...good.touchpoints, { channel: 'tv' }] },
    /`touchpoints\[6\].channel` repeats a touchpoint channel; got "tv"/,
  ],
  // lookbackWeeks, curves
  ['lookback 60', { ...good, lookbackWeeks: 60 }, /`lookbackWeeks` must be an integer in \[1, 52\]; got 60/],
  ['lookback 0', { ...good, lookbackWeeks: 0 }, /`lookbackWeeks` must be an integer in \[1, 52\]; got 0/],
  ['lookback 2.5', { ...good, lookbackWeeks: 2.5 }, /`lookbackWeeks` must be an integer/],
  ['lookback a string', { ...good, lookbackWeeks: '8' }, /`lookbackWeeks` must be an integer.*got "8"/],
  ['lookback Infinity (1e999)', { ...good, lookbackWeeks: JSON.parse('1e999') }, /`lookbackWeeks`.*got Infinity/],
  ['adstock unknown', { ...good, adstock: 'weibull' }, /`adstock` must be one of auto, geometric/],
  ['adstock an object', { ...good, adstock: { kind: 'geometric' } }, /`adstock` must be one of/],
  ['saturation a number', { ...good, saturation: 2 }, /`saturation` must be hill or logistic; got 2/],
  // trainingWindow
  ['window a string', { ...good, trainingWindow: 'last-year' }, /`trainingWindow` must be "last-2-years" or/],
  ['window a list', { ...good, trainingWindow: ['2023-01-02', '2025-12-22'] }, /`trainingWindow` must be/],
  ['window null', { ...good, trainingWindow: null }, /`trainingWindow` must be/],
  [
    'window misspelt key',
    { ...good, trainingWindow: { from: '2023-01-02', too: '2025-12-22' } },
    /`trainingWindow.too` is not a trainingWindow field/,
  ],
  [
    'window from a number',
    { ...good, trainingWindow: { from: 2023, to: '2025-12-22' } },
    /`trainingWindow.from` must be a date YYYY-MM-DD; got 2023/,
  ],
  [
    'window date not a date',
    { ...good, trainingWindow: { from: '2023-13-45', to: '2025-12-22' } },
    /`trainingWindow.from` must be a date YYYY-MM-DD; got "2023-13-45"/,
  ],
  [
    'window to before from',
    { ...good, trainingWindow: { from: '2025-01-06', to: '2024-01-01' } },
    /`trainingWindow`: the end 2024-01-01 is before the start/,
  ],
  [
    'window under a year',
    { ...good, trainingWindow: { from: '2025-01-06', to: '2025-06-30' } },
    /`trainingWindow`: the training window must span at least one year/,
  ],
  [
    'window a day that does not exist',
    { ...good, trainingWindow: { from: '2023-02-29', to: '2025-12-22' } },
    /`trainingWindow.from` must be a date YYYY-MM-DD; got "2023-02-29"/,
  ],
  // factors
  ['factors a string', { ...good, factors: 'holiday' }, /`factors` must be an object \{ "internal"/],
  ['factors a list', { ...good, factors: ['holiday'] }, /`factors` must be an object/],
  [
    'factors misspelt key',
    { ...good, factors: { internal: ['holiday'], externals: ['price'] } },
    /`factors.externals` is not a factors field/,
  ],
  ['internal a string', { ...good, factors: { internal: 'holiday' } }, /`factors.internal` must be a list/],
  ['factor a number', { ...good, factors: { internal: [1] } }, /`factors.internal\[0\]` must be a non-empty string/],
  [
    'factor repeated',
    { ...good, factors: { internal: ['holiday', 'holiday'] } },
    /`factors.internal\[1\]` repeats factor/,
  ],
  [
    'factor internal and external',
    { ...good, factors: { internal: ['price'], external: ['price'] } },
    /`factors.external\[0\]` is also an internal factor/,
  ],
  // priors
  ['priors a string', { ...good, priors: 'tv=2' }, /`priors` must be a list; got "tv=2"/],
  ['priors an object', { ...good, priors: { tv: 2 } }, /`priors` must be a list/],
  ['prior a number', { ...good, priors: [2] }, /`priors\[0\]` must be an object/],
  [
    'prior misspelt rio',
    { ...good, priors: prior({ channel: 'tv', rio: 2, sd: 0.2 }) },
    /`priors\[0\].rio` is not a prior field/,
  ],
  [
    'prior on a non-touchpoint',
    { ...good, priors: prior({ channel: 'radio', roi: 2, sd: 0.2 }) },
    /`priors\[0\].channel` must name a touchpoint channel; got "radio"/,
  ],
  [
    'prior channel a number',
    { ...good, priors: prior({ channel: 3, roi: 2, sd: 0.2 }) },
    /`priors\[0\].channel` must be a non-empty string; got 3/,
  ],
  [
    'prior roi Infinity (1e999)',
    { ...good, priors: prior({ channel: 'tv', roi: JSON.parse('1e999'), sd: 0.2 }) },
    /`priors\[0\].roi` must be a finite number ≥ 0; got Infinity/,
  ],
  [
    'prior roi negative',
    { ...good, priors: prior({ channel: 'tv', roi: -1, sd: 0.2 }) },
    /`priors\[0\].roi` must be a finite number ≥ 0/,
  ],
  [
    'prior roi a string',
    { ...good, priors: prior({ channel: 'tv', roi: '2', sd: 0.2 }) },
    /`priors\[0\].roi`.*got "2"/,
  ],
  [
    'prior sd 0',
    { ...good, priors: prior({ channel: 'tv', roi: 2, sd: 0 }) },
    /`priors\[0\].sd` must be a finite number > 0; got 0/,
  ],
  [
    'prior sd Infinity',
    { ...good, priors: prior({ channel: 'tv', roi: 2, sd: JSON.parse('1e999') }) },
    /`priors\[0\].sd`.*got Infinity/,
  ],
  ['prior sd missing', { ...good, priors: prior({ channel: 'tv', roi: 2 }) }, /`priors\[0\].sd` must be/],
  [
    'prior share 1.5',
    { ...good, priors: prior({ channel: 'tv', share: 1.5, sd: 0.1 }) },
    /`priors\[0\].share` must be a number in \[0, 1\]/,
  ],
  [
    'prior roi and share',
    { ...good, priors: prior({ channel: 'tv', roi: 2, share: 0.2, sd: 0.1 }) },
    /`priors\[0\]` needs `roi` or `share`, not both/,
  ],
  [
    'prior without roi or share',
    { ...good, priors: prior({ channel: 'tv', sd: 0.1 }) },
    /`priors\[0\]` needs `roi` ≥ 0 or `share`/,
  ],
  [
    'prior source unknown',
    { ...good, priors: prior({ channel: 'tv', roi: 2, sd: 0.1, source: 'gut' }) },
    /`priors\[0\].source` must be one of experiment/,
  ],
  // spendShare, schedule
  ['spendShare a string', { ...good, spendShare: 'yes' }, /`spendShare` must be true or false or/],
  ['spendShare sd 0', { ...good, spendShare: { sd: 0 } }, /`spendShare.sd`/],
  ['spendShare without sd', { ...good, spendShare: { separated: 1 } }, /`spendShare.sd` must be a finite number > 0/],
  ['spendShare a misspelt key', { ...good, spendShare: { sd: 0.5, seperated: 1 } }, /seperated/],
  ['spendShare separated negative', { ...good, spendShare: { sd: 0.5, separated: -1 } }, /`spendShare.separated`/],
  ['schedule a string', { ...good, schedule: 'weekly' }, /`schedule` must be an object/],
  [
    'schedule misspelt frequncy',
    { ...good, schedule: { enabled: true, frequncy: 'daily' } },
    /`schedule.frequncy` is not a schedule field/,
  ],
  ['schedule enabled a string', { ...good, schedule: { enabled: 'on' } }, /`schedule.enabled` must be true or false/],
  [
    'schedule frequency hourly',
    { ...good, schedule: { frequency: 'hourly' } },
    /`schedule.frequency` must be one of daily, weekly, monthly/,
  ],
  // eventPriors
  ['eventPriors a list', { ...good, eventPriors: ['email'] }, /`eventPriors` must be an object/],
  ['eventPriors null', { ...good, eventPriors: null }, /`eventPriors` must be an object \{ "channels": \[names\]/],
  [
    'eventPriors channel repeated',
    { ...good, eventPriors: { channels: ['email', 'email'] } },
    /`eventPriors.channels\[1\]` repeats channel "email"/,
  ],
  [
    'eventPriors misspelt key',
    { ...good, eventPriors: { channel: ['email'] } },
    /`eventPriors.channel` is not an eventPriors field/,
  ],
  [
    'eventPriors channels a string',
    { ...good, eventPriors: { channels: 'email' } },
    /`eventPriors.channels` must be a non-empty list/,
  ],
  [
    'eventPriors non-touchpoint',
    { ...good, eventPriors: { channels: ['radio'] } },
    /`eventPriors.channels\[0\]` must name a touchpoint channel/,
  ],
  [
    'eventPriors relativeSd Infinity',
    { ...good, eventPriors: { channels: ['email'], relativeSd: JSON.parse('1e999') } },
    /`eventPriors.relativeSd`/,
  ],
  [
    'eventPriors lookbackDays 0',
    { ...good, eventPriors: { channels: ['email'], lookbackDays: 0 } },
    /`eventPriors.lookbackDays` must be an integer in \[1, 365\]/,
  ],
  // against the harmonized data
  [
    'unknown conversion',
    { ...good, conversion: 'revnue' },
    /`conversion` must be a conversion metric of the harmonized data \(orders, revenue\); got "revnue"/,
  ],
  [
    'unknown channel',
    { ...good, touchpoints: tp(0, { channel: 'radio' }), priors: [] },
    /`touchpoints\[0\].channel` must be a channel of the harmonized data \(display, email/,
  ],
  [
    'unknown metric',
    { ...good, touchpoints: tp(0, { channel: 'tv', metric: 'grps' }) },
    /`touchpoints\[0\].metric` must be a media metric of the harmonized data/,
  ],
  [
    'channel without the metric',
    { ...good, touchpoints: tp(0, { channel: 'tv', metric: 'touches' }) },
    /`touchpoints\[0\]` names a channel with no `touches`/,
  ],
  [
    'unknown internal factor',
    { ...good, factors: { internal: ['promo'] } },
    /`factors.internal\[0\]` must be a factor of the harmonized data \(holiday, price\); got "promo"/,
  ],
  [
    'unknown external factor',
    { ...good, factors: { external: ['weather'] } },
    /`factors.external\[0\]` must be a factor/,
  ],
  [
    'window before the data',
    { ...good, trainingWindow: { from: '2015-01-05', to: '2016-12-26' } },
    /`trainingWindow`.*holds no periods of the data \(2022-11-07\.\.2025-12-22\)/,
  ],
  [
    'window after the data',
    { ...good, trainingWindow: { from: '2027-01-04', to: '2028-12-25' } },
    /`trainingWindow`.*holds no periods of the data/,
  ],
  [
    'window overlapping the data by under a year',
    { ...good, trainingWindow: { from: '2025-06-02', to: '2026-12-28' } },
    /`trainingWindow`.*must span at least one year; 2025-06-02\.\.2025-12-22/,
  ],
];

let ws: string;
let configs: string;

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'mm-bad-config-'));
  configs = mkdtempSync(join(tmpdir(), 'mm-bad-config-files-'));
  installSample(ws);
});

describe('createModel(ws, bad config)', () => {
  it('has at least 60 malformed configs', () => expect(CASES.length).toBeGreaterThanOrEqual(60));

  it.each(CASES)('createModel(ws, config) refuses %s with E_CONFIG and writes nothing', async (_, doc, fragment) => {
    const before = treeChecksum(ws);
    const error = await createModel(ws, doc).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('E_CONFIG');
    expect((error as Error).message).toMatch(fragment);
    expect((error as Error).message.length).toBeLessThan(1000);
    expect(treeChecksum(ws)).toBe(before);
  });

  it('createModel(ws, good) still builds (the table fails for its reason, not for the base config)', async () => {
    const m = await createModel(ws, { ...good, eventPriors: undefined });
    expect(['success', 'training issue']).toContain(m.status);
    // roi 1e999 can no longer be stored: duplicate and edit read back what was stored.
    const copy = duplicateModel(ws, m.id);
    expect((await editModel(ws, copy.id, { name: 'Copy' })).config.priors).toEqual(good.priors);
    deleteModels(ws, [m.id, copy.id]);
  });
});

/** Values of every JSON type, for every position of a config. */
const ODD: unknown[] = [null, 0, -1, 1.5, JSON.parse('1e999'), '', 'x', true, [], [1], ['x'], {}, { a: 1 }];

/** Every path of `doc`'s nested fields, with a setter that puts a value there in a copy. */
function positions(doc: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof doc !== 'object' || doc === null) return [path];
  const keys = Array.isArray(doc) ? doc.map((_, i) => i) : Object.keys(doc);
  return [path, ...keys.flatMap((k) => positions((doc as Record<string, unknown>)[k], [...path, k]))];
}
function put(doc: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  const copy = (Array.isArray(doc) ? [...doc] : { ...(doc as object) }) as Record<string | number, unknown>;
  copy[k!] = put(copy[k!], rest, value);
  return copy;
}

describe('validateModelConfig(any JSON value)', () => {
  it('validateModelConfig(doc) and checkConfigAgainstData throw nothing but ConfigError, at every position', () => {
    const before = treeChecksum(ws);
    const paths = positions(good);
    expect(paths.length).toBeGreaterThan(40);
    let refused = 0;
    for (const path of paths) {
      for (const value of ODD) {
        const doc = put(good, path, value);
        try {
          checkConfigAgainstData(ws, validateModelConfig(doc));
        } catch (e) {
          if (!(e instanceof ConfigError))
            throw new Error(`${path.join('.')} = ${JSON.stringify(value)}: ${String(e)}`);
          refused += 1;
        }
      }
    }
    expect(refused).toBeGreaterThan(paths.length * 5);
    expect(treeChecksum(ws)).toBe(before);
  });
});

describe('mixmodeler model create --config bad.json', () => {
  const bad: [string, string, RegExp][] = [
    ['priors.json', JSON.stringify({ ...good, priors: 'tv=2' }), /`priors` must be a list/],
    [
      'channel.json',
      JSON.stringify({ ...good, touchpoints: tp(0, { channel: 'radio' }), priors: [] }),
      /`touchpoints\[0\].channel`/,
    ],
    ['roi.json', JSON.stringify(good).replace('"roi":2.5', '"roi":1e999'), /`priors\[0\].roi` must be a finite number/],
    ['array.json', '[1, 2]', /`\(root\)` must be an object/],
    [
      'window.json',
      JSON.stringify({ ...good, trainingWindow: { from: '2015-01-05', to: '2016-12-26' } }),
      /holds no periods/,
    ],
  ];
  it.each(bad)(
    '`model create --config %s --json` exits 1 with E_CONFIG and writes nothing',
    async (name, text, fragment) => {
      const file = join(configs, name);
      writeFileSync(file, text);
      const before = treeChecksum(ws);
      const r = await runCaptured(['--workspace', ws, 'model', 'create', '--config', file, '--json']);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/\[E_CONFIG\]\n$/);
      expect(r.err).toMatch(fragment);
      expect(r.err).toContain(file);
      expect(treeChecksum(ws)).toBe(before);
    },
  );
});
