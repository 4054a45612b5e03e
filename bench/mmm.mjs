// Benchmark of the MMM engine: fit time (median of 5) and accuracy against known truth.
// Usage: npm run bench:mmm   (builds lib first; not part of npm test)
import { createRequire } from 'node:module';
import os from 'node:os';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const { buildProblem, priorMeanU } = require('../lib/dist/mmm/problem.js');
const { evaluate } = require('../lib/dist/mmm/objective.js');
const { resolveConfig } = require('../lib/dist/mmm/spec.js');
const { resolveWindow } = require('../lib/dist/mmm/window.js');
const { levenbergMarquardtMin } = require('../lib/dist/mmm/lm.js');
const { levenbergMarquardt } = require('ml-levenberg-marquardt');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (v) => `${(100 * v).toFixed(0)}%`;

function accuracy(spec, config) {
  const { data, truth } = mm.generateSynthetic(spec);
  const fit = mm.fitMmm(data, { lookback: 8, ...config });
  const errs = fit.channels.map((c) => Math.abs(c.roi.mean / truth.roi[c.name] - 1));
  const covered = fit.channels.filter((c) => c.roi.lower <= truth.roi[c.name] && truth.roi[c.name] <= c.roi.upper);
  const named = (name) => Math.abs(fit.channels.find((c) => c.name === name).roi.mean / truth.roi[name] - 1);
  return { fit, median: median(errs), max: Math.max(...errs), covered: covered.length, n: errs.length, named };
}

console.log(
  `# mixmodeler MMM bench — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0].model}), Node ${process.version}\n`,
);

console.log('## Accuracy against known truth (seeds 1–6 per case; ROI error = |fit/true − 1|)\n');
console.log(
  '| case | median of per-seed median error | worst channel error | worst error of the key channels | 90% interval coverage | status `training issue` | fit time (median) |',
);
console.log('|---|---|---|---|---|---|---|');
const key = { confounded: ['social'], 'correlated + lift test': ['search', 'social'] };
const cases = {
  clean: (s) => ({ ...mm.CASES.clean, seed: s }),
  realistic: (s) => ({ ...mm.CASES.realistic, seed: s }),
  confounded: (s) => mm.confoundedCase(s),
  'correlated + lift test': (s) => mm.correlatedCase(s),
};
for (const [name, make] of Object.entries(cases)) {
  const config = name.startsWith('correlated')
    ? { roiPriors: [{ channel: 'search', roi: 3, sd: 0.3, source: 'experiment' }] }
    : {};
  const runs = [1, 2, 3, 4, 5, 6].map((s) => accuracy(make(s), config));
  const cov = runs.reduce((a, r) => a + r.covered, 0) / runs.reduce((a, r) => a + r.n, 0);
  const issues = runs.filter((r) => r.fit.status === 'training issue').length;
  console.log(
    `| ${name} | ${pct(median(runs.map((r) => r.median)))} | ${pct(Math.max(...runs.map((r) => r.max)))} | ${
      key[name]
        ? `${key[name].join(', ')}: ${pct(Math.max(...runs.flatMap((r) => key[name].map((k) => r.named(k)))))}`
        : '—'
    } | ${pct(cov)} | ${issues}/6 | ${median(runs.map((r) => r.fit.fitSeconds)).toFixed(2)} s |`,
  );
}

console.log('\n## Fit time including Laplace intervals and the hold-out refit (median of 5 runs)\n');
console.log('| weeks × channels × factors | fit time | R² |');
console.log('|---|---|---|');
for (const [weeks, channels] of [
  [104, 4],
  [104, 10],
  [156, 10],
  [208, 10],
  [104, 30],
]) {
  const { data } = mm.generateSynthetic(mm.speedCase(channels, weeks));
  const times = [];
  let fit;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    fit = mm.fitMmm(data, { lookback: 8, window: { from: data.dates[8], to: data.dates[data.dates.length - 1] } });
    times.push((performance.now() - t0) / 1000);
  }
  console.log(`| ${weeks} × ${channels} × 3 | ${median(times).toFixed(3)} s | ${fit.diagnostics.r2.toFixed(3)} |`);
}

console.log(
  '\n## Optimizer: own Levenberg–Marquardt vs ml-levenberg-marquardt 5 on the same MAP objective (one start)\n',
);
console.log('| case | own LM: cost, time | ml-levenberg-marquardt: cost, time |');
console.log('|---|---|---|');
for (const name of ['clean', 'realistic']) {
  const { data } = mm.generateSynthetic(mm.CASES[name]);
  const cfg = resolveConfig({ lookback: 8 }, data);
  const p = buildProblem(data, cfg, resolveWindow(data.dates, cfg.window));
  const u0 = priorMeanU(p);
  p.sigma = 0.05;
  p.poolRoi = 1.5;
  const cost = (u) => evaluate(p, Float64Array.from(u)).residuals.reduce((s, r) => s + r * r, 0);
  let t0 = performance.now();
  const own = levenbergMarquardtMin((u) => evaluate(p, u).residuals, u0, { maxIterations: 60, tolerance: 1e-7 });
  const tOwn = (performance.now() - t0) / 1000;
  const m = evaluate(p, u0).residuals.length;
  t0 = performance.now();
  const lib = levenbergMarquardt(
    { x: Array.from({ length: m }, (_, i) => i), y: new Array(m).fill(0) },
    (u) => {
      const r = evaluate(p, Float64Array.from(u)).residuals;
      return (i) => -r[i];
    },
    {
      initialValues: Array.from(u0),
      damping: 1e-2,
      gradientDifference: 1e-6,
      centralDifference: false,
      maxIterations: 100,
      errorTolerance: 1e-9,
    },
  );
  const tLib = (performance.now() - t0) / 1000;
  console.log(
    `| ${name} | ${own.cost.toFixed(2)}, ${tOwn.toFixed(3)} s | ${cost(lib.parameterValues).toFixed(2)}, ${tLib.toFixed(3)} s |`,
  );
}

console.log('\n## Budget optimizer (plan over 13 weeks at the current budget, median of 5 runs)\n');
console.log('| channels | time | outcome vs current allocation |');
console.log('|---|---|---|');
for (const channels of [4, 10, 20]) {
  const { data } = mm.generateSynthetic(mm.speedCase(channels, 104));
  const fit = mm.fitMmm(data, { lookback: 8, intervals: false });
  const budget = mm.periodResponses(fit, data, 13).reduce((s, r) => s + r.current, 0);
  const times = [];
  let plan;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    plan = mm.createPlan(fit, data, { weeks: 13, budget });
    times.push(performance.now() - t0);
  }
  console.log(
    `| ${channels} | ${median(times).toFixed(0)} ms | +${pct(plan.expected.mean / plan.current.outcome - 1)} |`,
  );
}
