// The engine's own accuracy cases (lib/src/synth/cases) under a model option, the guard beside the
// recovery grid (bench/mmm-grid.mjs): a lever that helps the grid must not lose the confounded
// channels these cases hold. Per case, seeds 1–N: the median over seeds of each fit's median and
// of its worst channel's ROI error, and the 90% coverage of all channels.
// Usage: npx tsc -b lib && node bench/mmm-grid-cases.mjs [--seeds 10] [--config '{...}'] [--posterior]
//        [--window full] [--json FILE]
// --window full fits every week the truth is over (the late-start case has 156) instead of the
// default training window (the last 2 years).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { casesOf } from './mmm-cases-spec.mjs';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const { lateStartCase } = require('../lib/dist/synth/cases.js');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : (process.argv[i + 1] ?? dflt);
};
const SEEDS = Number(arg('seeds', 10));
const EXTRA = JSON.parse(arg('config', '{}'));
const POSTERIOR = process.argv.includes('--posterior');
const FULL_WINDOW = arg('window', 'default') === 'full';
const JSON_OUT = arg('json', null);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (v) => `${(100 * v).toFixed(0)}%`;

const CASES = casesOf(mm, lateStartCase);

const out = { config: EXTRA, posterior: POSTERIOR, window: FULL_WINDOW ? 'full' : 'default', cases: {} };
const cells = [];
for (const [name, { make, config }] of Object.entries(CASES)) {
  const runs = [];
  for (let s = 1; s <= SEEDS; s++) {
    const spec = make(s);
    const { data, truth } = mm.generateSynthetic(spec);
    const window = FULL_WINDOW ? { window: { from: data.dates[spec.history], to: data.dates.at(-1) } } : {};
    const cfg = { lookback: 8, ...window, ...config, ...EXTRA, ...(POSTERIOR ? { posterior: true } : {}) };
    const fit = POSTERIOR ? await mm.fitMmmAsync(data, cfg) : mm.fitMmm(data, cfg);
    const channels = fit.channels.map((c) => ({
      name: c.name,
      truth: truth.roi[c.name],
      mean: c.roi.mean,
      lower: c.roi.lower,
      upper: c.roi.upper,
    }));
    const errs = channels.map((c) => Math.abs(c.mean / c.truth - 1));
    runs.push({
      seed: s,
      median: median(errs),
      worst: Math.max(...errs),
      covered: channels.filter((c) => c.lower <= c.truth && c.truth <= c.upper).length,
      n: channels.length,
      channels,
    });
  }
  out.cases[name] = runs;
  const covered = runs.reduce((a, r) => a + r.covered, 0) / runs.reduce((a, r) => a + r.n, 0);
  const cell = `${pct(median(runs.map((r) => r.median)))} / ${pct(median(runs.map((r) => r.worst)))}, ${pct(covered)}`;
  cells.push(cell);
  console.error(`[cases] ${name}: ${cell}; load ${loadavg()[0].toFixed(1)}`);
}
console.log(
  `Engine cases, seeds 1–${SEEDS}, config ${JSON.stringify(EXTRA)}${POSTERIOR ? ', posterior' : ''}${FULL_WINDOW ? ', every week fitted' : ''}`,
);
console.log(`| ${Object.keys(CASES).join(' | ')} |`);
console.log(`| ${cells.join(' | ')} |`);
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(out, null, 1) + '\n');
