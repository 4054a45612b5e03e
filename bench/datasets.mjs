// Datasets with known truth for the side-by-side benchmark, written as CSV files any tool can read.
// The generator is lib's (`speedCase`: the engine's speed case: 5% noise, flighted and random spend,
// geometric adstock, Hill saturation, trend, seasonality, price, holiday and one AR(1) factor).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gridSpec } from './mmm-grid-spec.mjs';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');

/** Where the generated datasets go: the system temp folder, never the repository. */
export const DATA_DIR = join(tmpdir(), 'mixmodeler-bench-peers');

/** Weeks of history before the truth window (carry-over); every tool sees them, ROI is over the window. */
export const HISTORY = 8;

/**
 * Writes `<dir>/<weeks>x<channels>-s<seed>.csv` (date, y, ch1..chN, price, holiday, factor1) and the
 * truth beside it as JSON: the window and each channel's true ROI.
 * @returns the CSV path, the truth path and the channel names
 */
export function writeDataset(weeks, channels, seed = 7) {
  return writeSpec({ ...mm.speedCase(channels, weeks, seed), history: HISTORY }, `${weeks}x${channels}-s${seed}`);
}

/**
 * Writes one of the engine's accuracy cases (lib's CASES: `clean`, `realistic`) at a seed, as
 * `<case>-s<seed>.csv` with its truth, like {@link writeDataset}.
 */
export function writeCase(name, seed) {
  const spec = mm.CASES[name];
  if (!spec) throw new Error(`unknown case ${name}; known: ${Object.keys(mm.CASES).join(', ')}`);
  return writeSpec({ ...spec, seed }, `${name}-s${seed}`);
}

/** One dataset of the MMM recovery grid (bench/mmm-grid-spec.mjs) as `grid-<pattern>-s<seed>.csv` with its truth. */
export function writeGridCase(pattern, seed) {
  return writeSpec(gridSpec(pattern, seed), `grid-${pattern}-s${seed}`);
}

function writeSpec(spec, id) {
  const { data, truth } = mm.generateSynthetic(spec);
  mkdirSync(DATA_DIR, { recursive: true });
  const weeks = spec.weeks;
  const names = data.channels.map((c) => c.name);
  const factors = data.factors.map((f) => f.name);
  const lines = [['date', 'y', ...names, ...factors].join(',')];
  data.dates.forEach((d, t) =>
    lines.push(
      [d, data.outcome[t], ...data.channels.map((c) => c.spend[t]), ...data.factors.map((f) => f.values[t])]
        .map((v) => (typeof v === 'number' ? +v.toPrecision(10) : v))
        .join(','),
    ),
  );
  const csv = join(DATA_DIR, `${id}.csv`);
  const truthPath = join(DATA_DIR, `${id}.truth.json`);
  writeFileSync(csv, lines.join('\n') + '\n');
  const factorKinds = Object.fromEntries(data.factors.map((f) => [f.name, f.kind]));
  writeFileSync(
    truthPath,
    JSON.stringify({
      id,
      weeks,
      channels: names,
      factors: factorKinds,
      history: spec.history,
      ...truth,
      series: undefined,
    }),
  );
  return { id, csv, truthPath, names };
}
