// One mixmodeler fit of a benchmark CSV, as a user would run it: arquero reads the file, the frame is
// mapped to model data, fitMmm fits (default config: geometric adstock, Hill saturation, spend-share
// prior, 3 starts, Laplace 90% intervals, hold-out refit). Prints JSON: ROI per channel with its 90%
// interval, fit time (median of `repeats` fits in this process; the first includes JIT warm-up),
// and the process's peak RSS.
// Usage: node bench/fit-mixmodeler.mjs DATA.csv TRUTH.json [repeats]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const aq = require('arquero');

const [csv, truthPath, repeatsArg] = process.argv.slice(2);
const truth = JSON.parse(readFileSync(truthPath, 'utf8'));
const repeats = Number(repeatsArg ?? 5);
const t0 = performance.now();
const frame = aq.fromCSV(readFileSync(csv, 'utf8'), { parse: { date: String } });
const data = mm.mmmDataFromTable(frame, {
  date: 'date',
  outcome: 'y',
  channels: truth.channels.map((c) => ({ name: c, input: c })),
  factors: Object.entries(truth.factors).map(([name, kind]) => ({ name, column: name, kind })),
});
const config = { lookback: 8, window: truth.window };
const times = [];
let fit;
for (let i = 0; i < repeats; i++) {
  const t = performance.now();
  fit = mm.fitMmm(data, config);
  times.push((performance.now() - t) / 1000);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    tool: 'mixmodeler',
    seconds: sorted[Math.floor((sorted.length - 1) / 2)],
    firstSeconds: times[0],
    wallSeconds: (performance.now() - t0) / 1000,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    status: fit.status,
    roi: Object.fromEntries(
      fit.channels.map((c) => [c.name, { mean: c.roi.mean, lower: c.roi.lower, upper: c.roi.upper }]),
    ),
  }),
);
