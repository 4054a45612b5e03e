// Issue 20, a measurement: the national fit through the geo engine at ONE geo (the national data as a
// 1-geo panel) beside the national engine, on the recovery grid's datasets (bench/mmm-grid-spec.mjs)
// and the engine's own cases (as bench/mmm-grid-cases.mjs). Per pattern / case and engine: median over
// seeds of each fit's median and worst-channel ROI error (against the truth's ROI over every week, as
// mmm-grid.mjs scores by default), 90% coverage, exact zeros, fit seconds (median).
// The geo engine refuses one geo; run it from a prototype copy of lib/dist whose geo-fit.js accepts it:
//   node bench/mmm-geo1.mjs --lib /tmp/proto5/lib/dist [--set grid|cases] [--seeds 5] [--spread 0.05]
//        [--patterns trend,bursts] [--posterior] [--json FILE]
// --spread fixes the geo model's τ (a number) or names its rule ('learned', the default; 'evidence');
// with one geo τ is not identified. --posterior fits both engines' full posterior (NUTS, worker threads).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { gridSpec, LABELS, PATTERNS } from './mmm-grid-spec.mjs';
import { casesOf } from './mmm-cases-spec.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : (process.argv[i + 1] ?? dflt);
};
const require = createRequire(import.meta.url);
const LIB = resolve(arg('lib', new URL('../lib/dist', import.meta.url).pathname));
const mm = require(`${LIB}/index.js`);
const { lateStartCase } = require(`${LIB}/synth/cases.js`);

const SET = arg('set', 'cases');
const SEEDS = Number(arg('seeds', SET === 'grid' ? 10 : 5));
const POSTERIOR = process.argv.includes('--posterior');
const ONLY = arg('patterns', PATTERNS.join(',')).split(',');
const JSON_OUT = arg('json', null);
const rawSpread = arg('spread', 'learned');
const SPREAD = Number.isFinite(Number(rawSpread)) ? Number(rawSpread) : rawSpread;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (v) => `${(100 * v).toFixed(0)}%`;

const CASES = casesOf(mm, lateStartCase);
const groups =
  SET === 'grid'
    ? PATTERNS.filter((p) => ONLY.includes(p)).map((p) => ({
        name: LABELS[p],
        make: (s) => gridSpec(p, s),
        config: {},
      }))
    : Object.entries(CASES).map(([name, c]) => ({ name, ...c }));

/** One fit's figures: its channels as { name, roi: {mean, lower, upper} } against the truth's ROI. */
function score(channels, truth, seconds, status) {
  const rows = channels.map((c) => ({ name: c.name, truth: truth.roi[c.name], ...c.roi }));
  const errs = rows.map((c) => Math.abs(c.mean / c.truth - 1));
  return {
    seconds,
    median: median(errs),
    worst: Math.max(...errs),
    covered: rows.filter((c) => c.lower <= c.truth && c.truth <= c.upper).length,
    zeros: rows.filter((c) => c.mean === 0).length,
    flagged: status !== 'success',
    channels: rows,
  };
}

async function national(data, cfg) {
  const started = performance.now();
  const fit = POSTERIOR ? await mm.fitMmmAsync(data, { ...cfg, posterior: true }) : mm.fitMmm(data, cfg);
  return { channels: fit.channels, seconds: (performance.now() - started) / 1000, status: fit.status };
}

async function geo1(data, cfg) {
  const panel = { geos: ['all'], byGeo: [data] };
  const started = performance.now();
  const fit = POSTERIOR
    ? await mm.fitGeoMmmAsync(panel, { ...cfg, posterior: true }, { spread: SPREAD })
    : mm.fitGeoMmm(panel, cfg, { spread: SPREAD });
  const channels = Object.entries(fit.channels).map(([name, c]) => ({ name, roi: c.roi }));
  return { channels, seconds: (performance.now() - started) / 1000, status: fit.status };
}

const engines = [
  ['national', national],
  [`geo at G = 1 (τ ${SPREAD})`, geo1],
];
const out = { set: SET, spread: SPREAD, posterior: POSTERIOR, seeds: SEEDS, lib: LIB, datasets: [] };
const rows = [];
for (const { name, make, config } of groups) {
  const per = engines.map(() => []);
  for (let s = 1; s <= SEEDS; s++) {
    const { data, truth } = mm.generateSynthetic(make(s));
    const cfg = { lookback: 8, ...config };
    const fits = [];
    for (const [, run] of engines) {
      try {
        const r = await run(data, cfg);
        fits.push(score(r.channels, truth, r.seconds, r.status));
      } catch (err) {
        fits.push({ error: String(err?.message ?? err) });
      }
    }
    fits.forEach((f, i) => per[i].push(f));
    out.datasets.push({ group: name, seed: s, fits: Object.fromEntries(engines.map(([e], i) => [e, fits[i]])) });
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(out, null, 1) + '\n');
    const show = (f) =>
      f.error
        ? `error ${f.error}`
        : `${pct(f.median)}/${pct(f.worst)} ${f.covered}/${f.channels.length} ${f.seconds.toFixed(2)} s`;
    console.error(
      `[geo1] ${name} seed ${s}: ${fits.map((f, i) => `${engines[i][0]} ${show(f)}`).join('; ')}; load ${loadavg()[0].toFixed(1)}`,
    );
  }
  rows.push({ name, per });
}

console.log(
  `National engine vs geo engine at one geo, ${SET}, seeds 1–${SEEDS}, geo spread ${SPREAD}${POSTERIOR ? ', full posterior' : ', MAP + Laplace'}`,
);
console.log(
  '| dataset | engine | median ROI error | worst channel | 90% coverage | exact zeros | fits flagged | errors | seconds (median) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const line = (name, engine, fits) => {
  const ok = fits.filter((f) => !f.error);
  if (ok.length === 0) return console.log(`| ${name} | ${engine} | – | – | – | – | – | ${fits.length} | – |`);
  const covered = ok.reduce((a, f) => a + f.covered, 0);
  const n = ok.reduce((a, f) => a + f.channels.length, 0);
  console.log(
    `| ${name} | ${engine} | ${pct(median(ok.map((f) => f.median)))} | ${pct(median(ok.map((f) => f.worst)))} | ${pct(covered / n)} | ${ok.reduce((a, f) => a + f.zeros, 0)} | ${ok.filter((f) => f.flagged).length}/${ok.length} | ${fits.length - ok.length} | ${median(ok.map((f) => f.seconds)).toFixed(2)} |`,
  );
};
for (const { name, per } of rows) per.forEach((fits, i) => line(name, engines[i][0], fits));
engines.forEach(([engine], i) =>
  line(
    'all',
    engine,
    rows.flatMap((r) => r.per[i]),
  ),
);
