// The full posterior (NUTS) against the MAP preview on data with known truth: ROI error (median and
// worst channel per dataset), 90% interval coverage, exact zeros, fit time and the sampler's
// diagnostics, per case over several seeds.
// Usage: npm run bench:posterior [-- --seeds 3]   (builds lib first; not part of npm test)
//        node bench/posterior.mjs --speed [--runs 5] [--warmup N]   (the issue's speed target; default warm-up)
import { createRequire } from 'node:module';
import os from 'node:os';

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

if (process.argv.includes('--speed')) {
  await speed();
  process.exit(0);
}

/**
 * The issue's speed target exactly: 104 weeks × 10 channels × 3 factors (speedCase), 4 chains × 1000
 * draws after warm-up, median of `--runs` (5) after one discarded run (the JIT), wall and CPU seconds
 * (every thread of the process), the sampler's own seconds, peak RSS, and the MAP preview's time.
 */
async function speed() {
  const runs = Number(arg('runs', 5));
  const warmup = arg('warmup') === undefined ? undefined : Number(arg('warmup'));
  const { data } = mm.generateSynthetic(mm.speedCase(10, 104));
  const config = { lookback: 8, window: { from: data.dates[8], to: data.dates[data.dates.length - 1] } };
  const posterior = { chains: 4, draws: 1000, ...(warmup !== undefined && { warmup }) };
  const load0 = os.loadavg()[0];
  const map = [];
  const mapCpu = [];
  for (let i = 0; i <= runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    mm.fitMmm(data, config);
    const c = process.cpuUsage(c0);
    if (i > 0) map.push((performance.now() - t0) / 1000);
    if (i > 0) mapCpu.push((c.user + c.system) / 1e6);
  }
  console.error(
    `MAP preview: ${map.map((v) => v.toFixed(3)).join(', ')} s wall, ${mapCpu.map((v) => v.toFixed(3)).join(', ')} CPU s`,
  );
  const rows = [];
  for (let i = 0; i <= runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const fit = await mm.fitMmmAsync(data, { ...config, posterior });
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const s = fit.diagnostics.sampler;
    const row = { wall, cpu: (c.user + c.system) / 1e6, sampler: s.seconds, s };
    if (i > 0) rows.push(row);
    console.error(
      `run ${i}${i === 0 ? ' (discarded)' : ''}: ${wall.toFixed(2)} s wall, ${row.cpu.toFixed(2)} CPU s, sampler ${s.seconds.toFixed(2)} s, ${s.stepsPerDraw.toFixed(1)} steps/draw, R̂ ${s.rhatMax.toFixed(3)}, ESS ${Math.round(s.essBulkMin)}, ${s.divergences} divergences, load ${os.loadavg()[0].toFixed(2)}`,
    );
  }
  const m = (f) => median(rows.map(f));
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `speed: 104 weeks × 10 channels × 3 factors, 4 chains × (${rows[0].s.warmup} warm-up + 1000 draws), median of ${runs}; Node ${process.version}, ${os.availableParallelism()} cores, load average ${load0.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end`,
  );
  console.log(
    '| MAP preview | its CPU seconds | full posterior, wall | CPU seconds | of it the sampler | steps per draw | R̂ max | min bulk ESS | divergences | peak RSS |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${median(map).toFixed(3)} s | ${median(mapCpu).toFixed(3)} | ${m((r) => r.wall).toFixed(2)} s | ${m((r) => r.cpu).toFixed(2)} | ${m((r) => r.sampler).toFixed(2)} s | ${m((r) => r.s.stepsPerDraw).toFixed(1)} | ${Math.max(...rows.map((r) => r.s.rhatMax)).toFixed(3)} | ${Math.min(...rows.map((r) => r.s.essBulkMin)).toFixed(0)} | ${rows.reduce((a, r) => a + r.s.divergences, 0)} | ${rss.toFixed(0)} MB |`,
  );
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
      chains: s.chains,
      warmup: s.warmup,
      draws: s.draws,
    });
  }
  for (const kind of ['map', 'nuts']) {
    const r = rows[kind];
    const cov = r.reduce((s, x) => s + x.covered, 0) / r.reduce((s, x) => s + x.channels, 0);
    console.log(
      `| ${name} | ${kind === 'map' ? 'MAP + Laplace' : `NUTS ${r[0].chains}×(${r[0].warmup} + ${r[0].draws})`} | ${pct(median(r.map((x) => x.median)))} | ${pct(median(r.map((x) => x.worst)))} | ${pct(cov)} | ${r.reduce((s, x) => s + x.zeros, 0)} | ${median(r.map((x) => x.seconds)).toFixed(2)} | ${kind === 'map' ? '' : Math.max(...r.map((x) => x.rhat)).toFixed(3)} | ${kind === 'map' ? '' : r.reduce((s, x) => s + x.div, 0)} |`,
    );
  }
}
