// The MMM recovery grid: spend patterns × sizes × noise × curve families, 10 seeds per pattern, on
// data the engine's own cases do not cover. Per pattern: median and worst-channel ROI error (median
// over seeds), 90% interval coverage, exact zeros, fits the status flags, and fit seconds.
// Usage: npm run bench:mmm-grid [-- --seeds 10] [-- --from 1] [-- --patterns trend,bursts] [-- --posterior]
//        [-- --config '{...}'] [-- --window full] [-- --json bench/results/mmm-grid-<tag>.json]   (builds lib first; not in npm test)
// --window full fits every week the truth's ROI is over (104, 156 or 208) instead of the default
// training window (the last 2 years), as PyMC-Marketing and Meridian do on the same files.
// --truth fitted scores each fit against the true ROI over the weeks it fitted (its `window`), not over
// every week (the generator's `truth.roi`): on 156- and 208-week files the default fits the last 104.
// --posterior fits each dataset twice, the MAP + Laplace preview and the full posterior (NUTS in worker
// threads, fitMmmAsync), and prints both; --json writes every dataset's per-channel figures.
//
// Each seed draws its own design, each factor independently: 4, 8 or 12 channels; 104, 156 or 208 weeks; 2%, 5% or
// 10% noise; a true adstock that is geometric (the family fitted) or delayed (peaking after 1-3 weeks,
// which the default does not fit). Half the channels (at least 2) follow the row's pattern, the rest
// are always-on random spend; true ROIs are log-normal around 1.5 (0.3 to 6), half-saturation points
// 0.6 to 1.6× mean spend.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { gridSpec, LABELS, PATTERNS } from './mmm-grid-spec.mjs';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : (process.argv[i + 1] ?? dflt);
};
const SEEDS = Number(arg('seeds', 10));
const FROM = Number(arg('from', 1));
const POSTERIOR = process.argv.includes('--posterior');
const ONLY = arg('patterns', PATTERNS.join(',')).split(',');
const JSON_OUT = arg('json', null);
// Model options on top of the defaults, as JSON: e.g. --config '{"adstock":"auto"}'.
const EXTRA = JSON.parse(arg('config', '{}'));
const FULL_WINDOW = arg('window', 'default') === 'full';
const TRUTH_FITTED = arg('truth', 'all') === 'fitted';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (v) => `${(100 * v).toFixed(0)}%`;

/** Each channel's true ROI over the weeks a fit's window spans (from the true contribution series). */
function fittedWindowRoi(fit, data, truth) {
  const from = data.dates.indexOf(fit.window.from);
  const to = data.dates.indexOf(fit.window.to);
  return Object.fromEntries(
    data.channels.map((ch) => {
      let gain = 0;
      let spend = 0;
      for (let t = from; t <= to; t++) {
        gain += truth.series[ch.name][t];
        spend += ch.spend[t];
      }
      return [ch.name, gain / spend];
    }),
  );
}

/** One fit's figures against the truth (over every week, or with --truth fitted over the fit's window). */
function score(fit, data, truth, seconds) {
  const roi = TRUTH_FITTED ? fittedWindowRoi(fit, data, truth) : truth.roi;
  const channels = fit.channels.map((c) => {
    const t = roi[c.name];
    return { name: c.name, truth: t, mean: c.roi.mean, lower: c.roi.lower, upper: c.roi.upper };
  });
  const errs = channels.map((c) => Math.abs(c.mean / c.truth - 1));
  return {
    seconds,
    median: median(errs),
    worst: Math.max(...errs),
    covered: channels.filter((c) => c.lower <= c.truth && c.truth <= c.upper).length,
    zeros: channels.filter((c) => c.mean === 0).length,
    flagged: fit.status !== 'success',
    adstock: fit.config.adstock,
    baseline: fit.config.baseline,
    sampler: fit.diagnostics.sampler
      ? { rhat: fit.diagnostics.sampler.rhatMax, divergences: fit.diagnostics.sampler.divergences }
      : undefined,
    channels,
  };
}

const ways = POSTERIOR ? ['MAP + Laplace', 'NUTS 4×(400 + 1000)'] : ['MAP + Laplace'];
const rows = [];
const out = {
  config: EXTRA,
  window: FULL_WINDOW ? 'full' : 'default',
  truth: TRUTH_FITTED ? 'fitted' : 'all',
  seeds: [FROM, FROM + SEEDS - 1],
  posterior: POSTERIOR,
  datasets: [],
};
const save = () => {
  if (!JSON_OUT) return;
  mkdirSync(dirname(JSON_OUT), { recursive: true });
  writeFileSync(`${JSON_OUT}.tmp`, JSON.stringify(out, null, 1) + '\n');
  renameSync(`${JSON_OUT}.tmp`, JSON_OUT);
};
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
for (const pattern of PATTERNS.filter((p) => ONLY.includes(p))) {
  const per = ways.map(() => []);
  for (let s = FROM; s < FROM + SEEDS; s++) {
    const spec = gridSpec(pattern, s);
    const { data, truth } = mm.generateSynthetic(spec);
    const window = FULL_WINDOW ? { window: { from: data.dates[spec.history], to: data.dates.at(-1) } } : {};
    const config = { lookback: 8, ...window, ...EXTRA };
    const fits = [];
    let started = performance.now();
    fits.push(score(mm.fitMmm(data, config), data, truth, (performance.now() - started) / 1000));
    if (POSTERIOR) {
      started = performance.now();
      const fit = await mm.fitMmmAsync(data, { ...config, posterior: true });
      fits.push(score(fit, data, truth, (performance.now() - started) / 1000));
    }
    fits.forEach((f, i) => per[i].push(f));
    out.datasets.push({
      pattern,
      seed: s,
      load: loadavg()[0],
      fits: Object.fromEntries(ways.map((w, i) => [w, fits[i]])),
    });
    save();
    console.error(
      `[grid] ${pattern} seed ${s}: ${fits.map((f, i) => `${ways[i]} ${pct(f.median)}/${pct(f.worst)} ${f.covered}/${f.channels.length} ${f.seconds.toFixed(1)} s`).join('; ')}; load ${loadavg()[0].toFixed(1)}`,
    );
  }
  rows.push({ pattern, per });
}

console.log(
  `MMM recovery grid, seeds ${FROM}–${FROM + SEEDS - 1} per pattern, config ${JSON.stringify(EXTRA)}${FULL_WINDOW ? ', every week fitted' : ''}${TRUTH_FITTED ? ', truth over the fitted window' : ''}`,
);
console.log(
  '| spend pattern | fit | median ROI error | worst channel | worst of all seeds | 90% coverage | exact zeros | fits flagged | seconds (median) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const { pattern, per } of rows) {
  per.forEach((fits, i) => {
    const covered = fits.reduce((s, f) => s + f.covered, 0);
    const channels = fits.reduce((s, f) => s + f.channels.length, 0);
    console.log(
      `| ${LABELS[pattern]} | ${ways[i]} | ${pct(median(fits.map((f) => f.median)))} | ${pct(median(fits.map((f) => f.worst)))} | ${pct(Math.max(...fits.map((f) => f.worst)))} | ${pct(covered / channels)} | ${fits.reduce((s, f) => s + f.zeros, 0)} | ${fits.filter((f) => f.flagged).length}/${fits.length} | ${median(fits.map((f) => f.seconds)).toFixed(2)} |`,
    );
  });
}
ways.forEach((w, i) => {
  const all = rows.flatMap((r) => r.per[i]);
  const covered = all.reduce((s, f) => s + f.covered, 0);
  const channels = all.reduce((s, f) => s + f.channels.length, 0);
  console.log(
    `\n${w}: coverage over all ${channels} channels ${pct(covered / channels)}; median of the datasets' medians ${pct(median(all.map((f) => f.median)))}, of their worst ${pct(median(all.map((f) => f.worst)))}`,
  );
});
const cpu = process.cpuUsage(cpu0);
console.log(
  `\n${((performance.now() - wall0) / 1000).toFixed(0)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} CPU s (every thread of the process), load ${loadavg()[0].toFixed(1)} at the end`,
);
