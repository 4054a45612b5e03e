// The full posterior (NUTS) against the MAP preview on data with known truth: ROI error (median and
// worst channel per dataset), 90% interval coverage, exact zeros, fit time and the sampler's
// diagnostics, per case over several seeds.
// Usage: npm run bench:posterior [-- --seeds 3]   (builds lib first; not part of npm test)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const { CASES, confoundedCase, correlatedCase, lateStartCase } = require('../lib/dist/synth/cases.js');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : process.argv[i + 1];
};
const SEEDS = Array.from({ length: Number(arg('seeds', 3)) }, (_, i) => i + 1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (v) => `${(100 * v).toFixed(0)}%`;
const lift = { roiPriors: [{ channel: 'search', roi: 3, sd: 0.3, source: 'experiment' }] };
const cases = [
  ['clean', (seed) => ({ ...CASES['clean'], seed }), {}],
  ['realistic', (seed) => ({ ...CASES['realistic'], seed }), {}],
  ['confounded', (seed) => confoundedCase(seed), {}],
  ['correlated + lift test', (seed) => correlatedCase(seed), lift],
  ['late start, S-curve baseline, bursts', (seed) => lateStartCase(seed), {}],
];

function score(fit, truth) {
  const errs = fit.channels.map((c) => Math.abs(c.roi.mean / truth.roi[c.name] - 1));
  return {
    median: median(errs),
    worst: Math.max(...errs),
    covered: fit.channels.filter((c) => c.roi.lower <= truth.roi[c.name] && truth.roi[c.name] <= c.roi.upper).length,
    channels: fit.channels.length,
    zeros: fit.channels.filter((c) => c.roi.mean === 0 && truth.roi[c.name] > 0).length,
  };
}

console.log(
  `| case | fit | median ROI error (median over ${SEEDS.length} seeds) | worst channel (median) | coverage | exact zeros | seconds (median) | R̂ max | divergences |`,
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [name, spec, extra] of cases) {
  const rows = { map: [], nuts: [] };
  for (const seed of SEEDS) {
    const { data, truth } = mm.generateSynthetic(spec(seed));
    const config = { lookback: 8, ...extra };
    let t0 = performance.now();
    const map = mm.fitMmm(data, config);
    rows.map.push({ ...score(map, truth), seconds: (performance.now() - t0) / 1000 });
    t0 = performance.now();
    const post = await mm.fitMmmAsync(data, { ...config, posterior: true });
    const s = post.diagnostics.sampler;
    rows.nuts.push({
      ...score(post, truth),
      seconds: (performance.now() - t0) / 1000,
      rhat: s.rhatMax,
      div: s.divergences,
    });
  }
  for (const kind of ['map', 'nuts']) {
    const r = rows[kind];
    const cov = r.reduce((s, x) => s + x.covered, 0) / r.reduce((s, x) => s + x.channels, 0);
    console.log(
      `| ${name} | ${kind === 'map' ? 'MAP + Laplace' : 'NUTS 4×500'} | ${pct(median(r.map((x) => x.median)))} | ${pct(median(r.map((x) => x.worst)))} | ${pct(cov)} | ${r.reduce((s, x) => s + x.zeros, 0)} | ${median(r.map((x) => x.seconds)).toFixed(2)} | ${kind === 'map' ? '' : Math.max(...r.map((x) => x.rhat)).toFixed(3)} | ${kind === 'map' ? '' : r.reduce((s, x) => s + x.div, 0)} |`,
    );
  }
}
