// Benchmark of the MMM engine: fit time (median of 5) and accuracy against known truth.
// Usage: npm run bench:mmm   (builds lib first; not part of npm test)
import { createRequire } from 'node:module';
import os from 'node:os';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const { buildProblem, priorMeanU, roiPerBeta } = require('../lib/dist/mmm/problem.js');
const { evaluate } = require('../lib/dist/mmm/objective.js');
const { resolveConfig } = require('../lib/dist/mmm/spec.js');
const { resolveWindow } = require('../lib/dist/mmm/window.js');
const { levenbergMarquardtMin } = require('../lib/dist/math/lm.js');
const { levenbergMarquardt } = require('ml-levenberg-marquardt');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (v) => `${(100 * v).toFixed(0)}%`;

const { channelLayout } = require('../lib/dist/mmm/params.js');
const { Z90 } = require('../lib/dist/mmm/laplace.js');

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const roiErr = (fitted, truth) => Math.abs(fitted / truth - 1);

function accuracy(spec, config) {
  const { data, truth } = mm.generateSynthetic(spec);
  const fit = mm.fitMmm(data, { lookback: 8, ...config });
  const errs = fit.channels.map((c) => roiErr(c.roi.mean, truth.roi[c.name]));
  const covered = fit.channels.filter((c) => c.roi.lower <= truth.roi[c.name] && truth.roi[c.name] <= c.roi.upper);
  const named = (name) => roiErr(fit.channels.find((c) => c.name === name).roi.mean, truth.roi[name]);
  // The model's own uncertainty: the Laplace sd of each ROI relative to the true ROI.
  const relSd = fit.channels.map((c) => (c.roi.upper - c.roi.lower) / (2 * Z90) / truth.roi[c.name]);
  const oracle = oracleErrors(spec, data, truth, config);
  return {
    fit,
    median: median(errs),
    max: Math.max(...errs),
    covered: covered.length,
    n: errs.length,
    named,
    relSd,
    oracle,
  };
}

/**
 * The engine's family of a generator's transform JSON: the one of its type whose maps give its
 * parameters back (so the two Weibull kinds are told apart by `kind`).
 */
function familyOf(families, json) {
  const same = (a, b) =>
    Object.keys(b).every((k) =>
      typeof b[k] === 'number' ? Math.abs(a[k] - b[k]) <= 1e-9 * Math.abs(b[k]) : a[k] === b[k],
    );
  return families.find(
    (f) => f.type === json.type && same(f.constrain(f.unconstrain(json.params), 0, json.params.lMax), json.params),
  );
}

/** A channel's true curves on the engine's unconstrained scale (each family's own map), and their families. */
function trueCurves(ch) {
  const a = familyOf(mm.ADSTOCK_FAMILIES, ch.adstock);
  const s = familyOf(mm.SATURATION_FAMILIES, { type: 'hill', params: ch.saturation });
  return {
    adstock: a.name,
    saturation: s.name,
    u: [...a.unconstrain(ch.adstock.params), ...s.unconstrain(ch.saturation)],
  };
}

/**
 * The floor set by the noise alone: the engine's linear part (base, β ≥ 0, weak priors, ROI priors and the
 * spend-share prior at the pooled ROI, noise level from the residuals) given every channel's TRUE adstock
 * and saturation. What is left over is what no estimator of the curves could remove.
 */
function oracleErrors(spec, data, truth, config) {
  const cfg = resolveConfig({ lookback: 8, ...config }, data);
  const p = buildProblem(data, cfg, resolveWindow(data.dates, cfg.window));
  const u = [];
  p.uOffset = [];
  p.channels.forEach((name, c) => {
    const t = trueCurves(spec.channels.find((ch) => ch.name === name));
    p.layouts[c] = channelLayout(t.adstock, t.saturation, cfg.lookback);
    p.uOffset.push(u.length);
    u.push(...t.u);
  });
  p.nU = u.length;
  const uTrue = Float64Array.from(u);
  p.sigma = 0.1;
  for (let pass = 0; pass < 2; pass++) {
    const e = evaluate(p, uTrue);
    let ss = 0;
    for (let t = 0; t < p.T; t++) ss += (p.y[t] - e.fitted[t]) ** 2;
    p.sigma = Math.sqrt(ss / (p.T - e.beta.length));
    const a = roiPerBeta(p, e.z);
    const spend = p.spend.reduce((s, v) => s + v, 0);
    p.poolRoi = p.channels.reduce((s, _, c) => s + a[c] * e.beta[p.nBase + c] * p.spend[c], 0) / spend;
  }
  const e = evaluate(p, uTrue);
  const a = roiPerBeta(p, e.z);
  return p.channels.map((name, c) => roiErr(a[c] * e.beta[p.nBase + c], truth.roi[name]));
}

console.log(
  `# mixmodeler MMM bench — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0].model}), Node ${process.version}\n`,
);

console.log(`## Accuracy against known truth (seeds 1–${SEEDS.length} per case; ROI error = |fit/true − 1|)\n`);
console.log(
  '| case | median of per-seed median error | worst channel error | worst error of the key channels | 90% interval coverage | median ROI sd / true ROI (Laplace) | true curves given: median, worst | status `training issue` | fit time (median) |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
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
  const runs = SEEDS.map((s) => accuracy(make(s), config));
  const cov = runs.reduce((a, r) => a + r.covered, 0) / runs.reduce((a, r) => a + r.n, 0);
  const issues = runs.filter((r) => r.fit.status === 'training issue').length;
  const oracleMedian = median(runs.map((r) => median(r.oracle)));
  const oracleWorst = Math.max(...runs.flatMap((r) => r.oracle));
  console.log(
    `| ${name} | ${pct(median(runs.map((r) => r.median)))} | ${pct(Math.max(...runs.map((r) => r.max)))} | ${
      key[name]
        ? `${key[name].join(', ')}: ${pct(Math.max(...runs.flatMap((r) => key[name].map((k) => r.named(k)))))}`
        : '—'
    } | ${pct(cov)} | ${pct(median(runs.flatMap((r) => r.relSd)))} | ${pct(oracleMedian)}, ${pct(oracleWorst)} | ${issues}/${SEEDS.length} | ${median(runs.map((r) => r.fit.fitSeconds)).toFixed(2)} s |`,
  );
}

console.log("\n## The total media contribution's 90% interval (seeds 1–30 per case)\n");
console.log(
  "Channels added with the model's ROI correlation (Laplace) against adding their bounds as if fully correlated (what plans did before the correlation was stored).\n",
);
console.log(
  '| case | coverage with the correlation | its half-width / truth | coverage fully correlated | its half-width / truth |',
);
console.log('|---|---|---|---|---|');
for (const name of ['clean', 'realistic', 'correlated + lift test']) {
  const config = name.startsWith('correlated')
    ? { roiPriors: [{ channel: 'search', roi: 3, sd: 0.3, source: 'experiment' }] }
    : {};
  const z = Z90;
  const rows = Array.from({ length: 30 }, (_, i) => {
    const { data, truth } = mm.generateSynthetic(cases[name](i + 1));
    const fit = mm.fitMmm(data, { lookback: 8, ...config });
    const sd = fit.channels.map((c) => (c.contribution.upper - c.contribution.mean) / z);
    let v = 0;
    sd.forEach((a, k) => sd.forEach((b, l) => (v += a * fit.roiCorrelation[k][l] * b)));
    const mean = fit.channels.reduce((t, c) => t + c.contribution.mean, 0);
    const total = fit.channels.reduce((t, c) => t + truth.contribution[c.name], 0);
    const half = [z * Math.sqrt(v), z * sd.reduce((t, x) => t + x, 0)];
    return half.map((h) => ({ in: Math.abs(total - mean) <= h, width: h / total }));
  });
  const cells = [0, 1].map(
    (k) => `${rows.filter((r) => r[k].in).length}/30 | ${pct(median(rows.map((r) => r[k].width)))}`,
  );
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}

console.log('\n## Closing the loop: lift tests on the channels the advice names (seeds 1–10)\n');
console.log(
  'Each seed fitted, then refitted with ROI priors from simulated experiments on the first k channels of `fit.advice` (each measures the true ROI with 10% error, entered as ROI ± 10%).\n',
);
console.log('| case | lift tests | median of per-seed median error | worst channel error |');
console.log('|---|---|---|---|');
const { seededRandom, normal } = require('../lib/dist/math/random.js');
for (const name of ['clean', 'realistic']) {
  // Each seed's data and first fit, shared by every number of lift tests.
  const base = SEEDS.map((seed) => {
    const { data, truth } = mm.generateSynthetic(cases[name](seed));
    return { data, truth, fit: mm.fitMmm(data, { lookback: 8 }) };
  });
  for (const k of [0, 1, 2, Infinity]) {
    const rand = seededRandom(99);
    const runs = base.map(({ data, truth, fit: first }) => {
      const tested = first.advice.slice(0, k).map((a) => a.slice(0, a.indexOf(':')));
      const roiPriors = tested.map((channel) => {
        const t = truth.roi[channel];
        return { channel, roi: t * (1 + 0.1 * normal(rand)), sd: 0.1 * t, source: 'experiment' };
      });
      const fit = roiPriors.length ? mm.fitMmm(data, { lookback: 8, roiPriors }) : first;
      return fit.channels.map((c) => roiErr(c.roi.mean, truth.roi[c.name]));
    });
    const label = k === 0 ? 'none' : k === Infinity ? 'every advised channel' : `first ${k}`;
    console.log(`| ${name} | ${label} | ${pct(median(runs.map(median)))} | ${pct(Math.max(...runs.flat()))} |`);
  }
}

console.log("\n## What the data say about a curve's shape (clean case, the smallest channel, display)\n");
console.log(
  "Display's Hill shape pinned at each value (its prior off), everything else refitted; Δχ² is the change of the data's misfit from the best shape. True shape 2, true ROI 1.2.\n",
);
console.log('| seed | ' + [1, 1.25, 1.5, 2, 2.5, 3].map((k) => `shape ${k}: Δχ², ROI`).join(' | ') + ' |');
console.log('|---' + '|---'.repeat(6) + '|');
for (const seed of [3, 7]) {
  const cells = shapeProfile({ ...mm.CASES.clean, seed }, 'display', [1, 1.25, 1.5, 2, 2.5, 3]);
  const best = Math.min(...cells.map((x) => x.chi2));
  console.log(`| ${seed} | ${cells.map((x) => `${(x.chi2 - best).toFixed(1)}, ${x.roi.toFixed(2)}`).join(' | ')} |`);
}

/** Refits with one channel's Hill shape pinned at each value (spend-share prior off, σ = the generator's noise level). */
function shapeProfile(spec, channel, shapes) {
  const { data } = mm.generateSynthetic(spec);
  const cfg = resolveConfig({ lookback: 8, spendShare: false }, data);
  const p = buildProblem(data, cfg, resolveWindow(data.dates, cfg.window));
  const c = p.channels.indexOf(channel);
  p.sigma = spec.noise;
  const shape = p.layouts[c].priors.find((q) => q.name === 'slope');
  return shapes.map((k) => {
    Object.assign(shape, { mean: Math.log(k), sd: 1e-4 });
    const r = levenbergMarquardtMin((q) => evaluate(p, q).residuals, priorMeanU(p), {
      maxIterations: 100,
      tolerance: 1e-9,
    });
    const e = evaluate(p, r.params);
    let chi2 = 0;
    for (let t = 0; t < p.T; t++) chi2 += e.residuals[t] ** 2;
    return { chi2, roi: roiPerBeta(p, e.z)[c] * e.beta[p.nBase + c] };
  });
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
