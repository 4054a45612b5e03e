// The MMM recovery grid: spend patterns × sizes × noise × curve families, 10 seeds per pattern, on
// data the engine's own cases do not cover. Per pattern: median and worst-channel ROI error (median
// over seeds), 90% interval coverage, exact zeros, fits the status flags, and fit seconds.
// Usage: npm run bench:mmm-grid [-- --seeds 10] [-- --posterior]   (builds lib first; not in npm test)
//
// Each seed draws its own design, each factor independently: 4, 8 or 12 channels; 104, 156 or 208 weeks; 2%, 5% or
// 10% noise; a true adstock that is geometric (the family fitted) or delayed (peaking after 1-3 weeks,
// which the default does not fit). Half the channels (at least 2) follow the row's pattern, the rest
// are always-on random spend; true ROIs are log-normal around 1.5 (0.3 to 6), half-saturation points
// 0.6 to 1.6× mean spend.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
import { gridSpec, LABELS, PATTERNS } from './mmm-grid-spec.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : (process.argv[i + 1] ?? dflt);
};
const SEEDS = Number(arg('seeds', 10));
const POSTERIOR = process.argv.includes('--posterior');
// Model options on top of the defaults, as JSON: e.g. --config '{"adstock":"auto"}'.
const EXTRA = JSON.parse(arg('config', '{}'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (v) => `${(100 * v).toFixed(0)}%`;

console.log(`MMM recovery grid, ${SEEDS} seeds per pattern, ${POSTERIOR ? 'NUTS 4×500' : 'MAP + Laplace'}`);
console.log(
  '| spend pattern | median ROI error | worst channel | worst of all seeds | 90% coverage | exact zeros | fits flagged | seconds (median) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
let cov = 0;
let n = 0;
for (const pattern of PATTERNS) {
  const med = [];
  const worst = [];
  const secs = [];
  let covered = 0;
  let channels = 0;
  let zeros = 0;
  let flagged = 0;
  for (let s = 1; s <= SEEDS; s++) {
    const { data, truth } = mm.generateSynthetic(gridSpec(pattern, s));
    const started = performance.now();
    const fit = mm.fitMmm(data, { lookback: 8, ...EXTRA, ...(POSTERIOR ? { posterior: true } : {}) });
    secs.push((performance.now() - started) / 1000);
    const errs = fit.channels.map((c) => Math.abs(c.roi.mean / truth.roi[c.name] - 1));
    med.push(median(errs));
    worst.push(Math.max(...errs));
    covered += fit.channels.filter((c) => c.roi.lower <= truth.roi[c.name] && truth.roi[c.name] <= c.roi.upper).length;
    channels += fit.channels.length;
    zeros += fit.channels.filter((c) => c.roi.mean === 0).length;
    if (fit.status !== 'success') flagged++;
  }
  cov += covered;
  n += channels;
  console.log(
    `| ${LABELS[pattern]} | ${pct(median(med))} | ${pct(median(worst))} | ${pct(Math.max(...worst))} | ${pct(covered / channels)} | ${zeros} | ${flagged}/${SEEDS} | ${median(secs).toFixed(2)} |`,
  );
}
console.log(`\ncoverage over all ${n} channels: ${pct(cov / n)}`);
