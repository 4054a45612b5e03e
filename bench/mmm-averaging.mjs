// Averaging over adstock families (issue 20: "model averaging or stacking over curve families where the data
// cannot tell them apart"): on the recovery grid's datasets (bench/mmm-grid-spec.mjs), each family fitted
// alone (geometric, delayed), then the ROI of the family `adstock: 'auto'` picks by BIC against the
// BIC-weighted average of both (weights ∝ exp(−BIC/2), with the interval spanning every family of weight
// > 5%). Prints the weights per dataset and, over all, median and worst-channel ROI error and coverage.
//   node bench/mmm-averaging.mjs [--seeds 3]   (needs `npx tsc -b lib`)
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { gridSpec, PATTERNS } from './mmm-grid-spec.mjs';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const { values } = parseArgs({ options: { seeds: { type: 'string', default: '3' } } });
const FAMILIES = ['geometric', 'delayed'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (v) => `${(100 * v).toFixed(0)}%`;

const ways = {
  'BIC pick': { med: [], worst: [], covered: 0 },
  'BIC-weighted average': { med: [], worst: [], covered: 0 },
};
let channels = 0;
let close = 0;
let datasets = 0;
for (const pattern of PATTERNS) {
  for (let s = 1; s <= Number(values.seeds); s++) {
    const { data, truth } = mm.generateSynthetic(gridSpec(pattern, s));
    const fits = FAMILIES.map((adstock) => mm.fitMmm(data, { lookback: 8, adstock }));
    const bic = mm.fitMmm(data, { lookback: 8 }).diagnostics.adstockChoice.map((c) => c.bic);
    const low = Math.min(...bic);
    const raw = bic.map((b) => Math.exp(-(b - low) / 2));
    const w = raw.map((x) => x / raw.reduce((a, b) => a + b, 0));
    const pick = bic.indexOf(low);
    datasets++;
    if (Math.max(...w) < 0.95) close++;
    const errors = { 'BIC pick': [], 'BIC-weighted average': [] };
    fits[0].channels.forEach((c, i) => {
      const t = truth.roi[c.name];
      const r = fits.map((f) => f.channels[i].roi);
      const kept = r.filter((_, k) => w[k] > 0.05);
      const picked = r[pick];
      const averaged = {
        mean: r.reduce((s, x, k) => s + w[k] * x.mean, 0),
        lower: Math.min(...kept.map((x) => x.lower)),
        upper: Math.max(...kept.map((x) => x.upper)),
      };
      for (const [way, roi] of [
        ['BIC pick', picked],
        ['BIC-weighted average', averaged],
      ]) {
        errors[way].push(Math.abs(roi.mean / t - 1));
        if (roi.lower <= t && t <= roi.upper) ways[way].covered++;
      }
      channels++;
    });
    for (const way of Object.keys(ways)) {
      ways[way].med.push(median(errors[way]));
      ways[way].worst.push(Math.max(...errors[way]));
    }
    console.log(`${pattern} seed ${s}: weights ${FAMILIES.map((f, k) => `${f} ${w[k].toFixed(2)}`).join(', ')}`);
  }
}
console.log(`\n${close} of ${datasets} datasets have no family with weight ≥ 0.95`);
console.log('| way | median ROI error | worst channel (median over datasets) | 90% coverage |');
console.log('| --- | --- | --- | --- |');
for (const [way, a] of Object.entries(ways)) {
  console.log(`| ${way} | ${pct(median(a.med))} | ${pct(median(a.worst))} | ${pct(a.covered / channels)} |`);
}
