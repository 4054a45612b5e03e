// The cross-implementation check of our NUTS posterior (issue 20): PyMC-Marketing's default MMM
// (geometric adstock l_max 8, logistic saturation, its default priors and likelihood, max-abs scaling)
// and ours with the same model (`priorSet: 'pymc-marketing'`, lookback 7 = lags 0..7) on the same
// generated data, 4 chains × 1000 draws after 1000 warm-up each. Per channel, ROI (contribution / spend
// over the data), adstock_alpha, saturation_lam and saturation_beta (PyMC-Marketing's scale), then the
// intercept, σ and the controls' gamma: both posterior means ± their MCSE, the difference in units of
// the combined MCSE √(mcse_a² + mcse_b²), and pass at 3.
//
// PyMC-Marketing runs once per dataset (minutes; bench/.venv-pymc from `bash bench/setup-peers.sh pymc`)
// and its summary is cached in bench/results/crosscheck-<dataset>.json with the CSV's SHA-256: a rerun
// with the same data compares at once. Not part of npm test.
// Usage: npm run bench:crosscheck [-- --only NAME] [-- --refit] [-- --ours-only]   (builds lib first)
// `-- --resummarize` rebuilds the cached summaries from the draws the PyMC-Marketing runs kept in the
// temp folder (netCDF), without sampling again.
// The check's power, against the cached PyMC-Marketing runs: `-- --lookback 8` (one lag more than its
// l_max 8 holds), `-- --prior-set mixmodeler` (our own priors on the same model). `-- --draws DIR`
// writes our draws of each compared quantity to DIR/<dataset>-ours.json; `-- --seed N` reseeds ours.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const { fitMap } = require('../lib/dist/mmm/fit.js');
const { samplePosterior } = require('../lib/dist/mmm/sample-posterior.js');
const { pymcScales } = require('../lib/dist/mmm/pymc-priors.js');
const { seededRandom, normal } = require('../lib/dist/math/random.js');
const { effectiveSampleSize, quantile, splitChains } = require('../lib/dist/math/mcmc-diagnostics.js');

const HERE = dirname(fileURLToPath(import.meta.url));
const PYTHON = join(HERE, '.venv-pymc', 'bin', 'python');
const DATA_DIR = join(tmpdir(), 'mixmodeler-crosscheck');
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : (process.argv[i + 1] ?? true);
};
/** PyMC-Marketing's run; `-- --pymc-target-accept X` changes its target_accept (cached apart). */
const TARGET_ACCEPT = arg('pymc-target-accept');
const RUN = {
  chains: 4,
  tune: 1000,
  draws: 1000,
  seed: 1,
  ...(TARGET_ACCEPT ? { targetAccept: Number(TARGET_ACCEPT) } : {}),
};
/** Our sampler's seed (`-- --seed N`; PyMC-Marketing's is RUN's, part of its cache). */
const OUR_SEED = Number(arg('seed') ?? RUN.seed);

/** Outcome units per unit of `base`, `noise` and `effect` below: ROIs of order 1. */
const UNIT = 200;

/**
 * The datasets, generated from PyMC-Marketing's own model form on the original scale: base level +
 * Σ effect_c · logistic(lam_c · adstock(x_c / max x_c)) (+ gamma · control) + noise, in units of UNIT. Spend patterns:
 * 'random' (log-normal around the mean), 'flighted' (8 weeks on, 4 off), 'bursts' (2-4 weeks at 3×,
 * then 3-8 weeks off).
 */
const DATASETS = [
  {
    name: '104w-3ch',
    weeks: 104,
    base: 2000,
    noise: 60,
    channels: [
      { name: 'tv', mean: 50_000, pattern: 'random', alpha: 0.5, lam: 2, effect: 500 },
      { name: 'search', mean: 30_000, pattern: 'random', alpha: 0.2, lam: 3, effect: 400 },
      { name: 'social', mean: 20_000, pattern: 'flighted', alpha: 0.35, lam: 1.5, effect: 250 },
    ],
    controls: [],
  },
  {
    name: '104w-4ch-control',
    weeks: 104,
    base: 3000,
    noise: 80,
    channels: [
      { name: 'tv', mean: 60_000, pattern: 'random', alpha: 0.6, lam: 1.5, effect: 600 },
      { name: 'search', mean: 40_000, pattern: 'random', alpha: 0.15, lam: 2.5, effect: 500 },
      { name: 'social', mean: 20_000, pattern: 'flighted', alpha: 0.3, lam: 2, effect: 300 },
      { name: 'display', mean: 15_000, pattern: 'bursts', alpha: 0.4, lam: 1, effect: 200 },
    ],
    controls: [{ name: 'price', effect: -120 }],
  },
  {
    name: '156w-4ch',
    weeks: 156,
    base: 5000,
    noise: 150,
    channels: [
      { name: 'tv', mean: 80_000, pattern: 'flighted', alpha: 0.55, lam: 2, effect: 900 },
      { name: 'search', mean: 50_000, pattern: 'random', alpha: 0.1, lam: 3, effect: 700 },
      { name: 'social', mean: 25_000, pattern: 'random', alpha: 0.3, lam: 1.2, effect: 400 },
      { name: 'display', mean: 20_000, pattern: 'bursts', alpha: 0.45, lam: 1.5, effect: 300 },
    ],
    controls: [],
  },
];

function spend(rand, ch, n) {
  const x = new Float64Array(n);
  let off = 0;
  for (let t = 0; t < n; t++) {
    if (ch.pattern === 'flighted' && t % 12 >= 8) continue;
    if (ch.pattern === 'bursts') {
      if (off > 0) {
        off--;
        continue;
      }
      if (rand() < 0.3) off = 3 + Math.floor(6 * rand());
      x[t] = 3 * ch.mean * Math.exp(0.2 * normal(rand));
      continue;
    }
    x[t] = ch.mean * Math.exp(0.4 * normal(rand));
  }
  return x;
}

/** The dataset's series: dates, outcome, channels' spend and standardized controls (the same for both tools). */
function generate(d, seed = 7) {
  const rand = seededRandom(seed);
  const n = d.weeks;
  const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2023, 0, 2 + 7 * i)).toISOString().slice(0, 10));
  const y = Float64Array.from({ length: n }, () => UNIT * (d.base + d.noise * normal(rand)));
  const channels = d.channels.map((ch) => {
    const x = spend(rand, ch, n);
    const max = Math.max(...x);
    const w = Array.from({ length: 8 }, (_, l) => ch.alpha ** l);
    const wSum = w.reduce((s, v) => s + v, 0);
    for (let t = 0; t < n; t++) {
      let a = 0;
      for (let l = 0; l < 8 && l <= t; l++) a += (w[l] / wSum) * (x[t - l] / max);
      y[t] += UNIT * ch.effect * Math.tanh((ch.lam * a) / 2);
    }
    return { name: ch.name, input: x, spend: x };
  });
  const factors = d.controls.map((c) => {
    const raw = Float64Array.from({ length: n }, (_, t) => Math.sin(t / 9) + 0.5 * normal(rand));
    const mean = raw.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(raw.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    const values = raw.map((v) => (v - mean) / sd);
    for (let t = 0; t < n; t++) y[t] += UNIT * c.effect * values[t];
    return { name: c.name, kind: 'external', values };
  });
  return { dates, outcome: y, channels, factors };
}

/** The CSV both tools read (JavaScript's shortest round-trip form of each number: the same doubles). */
function toCsv(data) {
  const cols = ['date', 'y', ...data.channels.map((c) => c.name), ...data.factors.map((f) => f.name)];
  const rows = data.dates.map((date, t) =>
    [date, data.outcome[t], ...data.channels.map((c) => c.input[t]), ...data.factors.map((f) => f.values[t])].join(','),
  );
  return `${cols.join(',')}\n${rows.join('\n')}\n`;
}

/** PyMC-Marketing's summary for a dataset: from the cache when its data hash matches, else a fresh fit. */
function pymcSummary(d, data, csv) {
  const sha = createHash('sha256').update(csv).digest('hex');
  const cache = join(HERE, 'results', `crosscheck-${d.name}${TARGET_ACCEPT ? `-ta${TARGET_ACCEPT}` : ''}.json`);
  let previous = null;
  if (!arg('refit') && existsSync(cache)) {
    const c = JSON.parse(readFileSync(cache, 'utf8'));
    if (c.dataSha256 === sha && JSON.stringify(c.run) === JSON.stringify(RUN)) {
      if (!arg('resummarize')) return c.pymc;
      previous = c.pymc;
    } else {
      console.error(`[crosscheck] ${d.name}: the cached PyMC-Marketing run is for other data or settings; refitting`);
    }
  }
  if (!existsSync(PYTHON)) throw new Error(`no ${PYTHON}: run \`bash bench/setup-peers.sh pymc\` first`);
  mkdirSync(DATA_DIR, { recursive: true });
  const id = `${d.name}${TARGET_ACCEPT ? `-ta${TARGET_ACCEPT}` : ''}`;
  const csvPath = join(DATA_DIR, `${id}.csv`);
  const specPath = join(DATA_DIR, `${id}.json`);
  writeFileSync(csvPath, csv);
  writeFileSync(
    specPath,
    JSON.stringify({ channels: d.channels.map((c) => c.name), controls: d.controls.map((c) => c.name), ...RUN }),
  );
  // --resummarize: the summary again from the draws the run kept (DATA.nc), its time from the cache.
  const again = previous && existsSync(csvPath.replace(/\.csv$/, '.nc'));
  const what = again ? 'summarizing the kept draws of' : 'fitting';
  console.error(`[crosscheck] ${d.name}: ${what} PyMC-Marketing (${RUN.chains} × ${RUN.draws})…`);
  const script = [join(HERE, 'peers', 'crosscheck_pymc.py'), csvPath, specPath, ...(again ? ['--from-netcdf'] : [])];
  const out = execFileSync(PYTHON, script, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const pymc = JSON.parse(out.trim().split('\n').at(-1));
  if (again) pymc.seconds = previous.seconds;
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(cache, `${JSON.stringify({ dataset: d.name, dataSha256: sha, run: RUN, pymc }, null, 1)}\n`);
  return pymc;
}

/** Where `--draws DIR` writes our draws of each summarized quantity, per dataset (to compare shapes). */
const drawsOut = {};

/** Mean, sd, MCSE of the mean and bulk ESS of draws [chains·draws] in chain order. */
function summary(values, label) {
  if (label) drawsOut[label] = Array.from(values);
  const draws = { values, chains: RUN.chains };
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const tail = (p) => ({ value: quantile(values, p), mcse: mcseQuantile(values, p) });
  return { mean, sd, mcse: mm.mcseMean(draws), ess: mm.essBulk(draws), q05: tail(0.05), q95: tail(0.95) };
}

/**
 * The MCSE of the p-quantile of draws [chains·draws] as ArviZ takes it: S, the ESS of the indicator
 * x ≤ q_p over split chains, gives the quantile's rank a Beta(pS + 1, (1 − p)S + 1) (here its normal
 * approximation), and the MCSE is half the spread of the sorted draws over that rank's ±1 sd.
 */
function mcseQuantile(values, p) {
  const q = quantile(values, p);
  const split = splitChains({ values: values.map((v) => (v <= q ? 1 : 0)), chains: RUN.chains });
  const S = effectiveSampleSize(split);
  const a = p * S + 1;
  const b = (1 - p) * S + 1;
  const m = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  const sorted = Float64Array.from(values).sort();
  const N = sorted.length;
  const lo = Math.max(0, Math.floor((m - sd) * N));
  const hi = Math.min(N - 1, Math.ceil((m + sd) * N));
  return (sorted[hi] - sorted[lo]) / 2;
}

/** Our posterior with PyMC-Marketing's priors, summarized in its units. */
async function oursSummary(d, data) {
  const priorSet = arg('prior-set') ?? 'pymc-marketing';
  for (const k of Object.keys(drawsOut)) delete drawsOut[k];
  const config = {
    lookback: Number(arg('lookback') ?? 7),
    window: { from: data.dates[0], to: data.dates.at(-1) },
    adstock: 'geometric',
    saturation: 'logistic',
    trend: false,
    seasonality: false,
    spendShare: false,
    priorSet,
    seed: OUR_SEED,
  };
  const t0 = performance.now();
  const { p, best } = fitMap(data, config);
  const sample = await samplePosterior(p, data, best, {
    chains: RUN.chains,
    warmup: RUN.tune,
    draws: RUN.draws,
    seed: OUR_SEED,
  });
  const seconds = (performance.now() - t0) / 1000;
  // PyMC-Marketing's scales from the data (pymcScales reads the problem, whichever its prior set).
  const { ky, kx } = pymcScales(p);
  const N = sample.theta.length / sample.dim;
  const column = (f) => Float64Array.from({ length: N }, (_, s) => f(sample.theta.subarray(s * sample.dim)));
  const B = p.nBase;
  const C = p.channels.length;
  const channels = {};
  p.channels.forEach((name, c) => {
    const off = p.uOffset[c];
    channels[name] = {
      roi: summary(sample.roi[c], `${name} roi`),
      alpha: summary(
        column((th) => 0.95 / (1 + Math.exp(-th[off]))),
        `${name} alpha`,
      ),
      lam: summary(
        column((th) => Math.exp(th[off + 1]) * kx[c]),
        `${name} lam`,
      ),
      beta: summary(
        column((th) => Math.exp(th[p.nU + B + c]) / ky),
        `${name} beta`,
      ),
    };
  });
  const base = {
    intercept: summary(
      column((th) => th[p.nU] / ky),
      'intercept',
    ),
    sigma: summary(
      column((th) => Math.exp(th[p.nU + B + C]) / ky),
      'sigma',
    ),
  };
  d.controls.forEach(
    (k, j) =>
      (base[k.name] = summary(
        column((th) => th[p.nU + 1 + j] / ky),
        k.name,
      )),
  );
  const dir = arg('draws');
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${d.name}-ours.json`), JSON.stringify({ chains: RUN.chains, draws: drawsOut }));
  }
  return { seconds, sampler: sample.sampler, channels, base };
}

const f = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3));
const only = arg('only');
const lines = [];
let fails = 0;
let checks = 0;
let tailFails = 0;
let tailChecks = 0;
for (const d of DATASETS.filter((x) => !only || x.name === only)) {
  const data = generate(d);
  const csv = toCsv(data);
  if (arg('ours-only')) {
    console.log(JSON.stringify({ dataset: d.name, ...(await oursSummary(d, data)) }, null, 1));
    continue;
  }
  const pymc = pymcSummary(d, data, csv);
  const ours = await oursSummary(d, data);
  const s = ours.sampler;
  lines.push(
    `\n**${d.name}** (${d.weeks} weeks × ${d.channels.length} channels${d.controls.length ? ', 1 control' : ''}): ` +
      `PyMC-Marketing ${pymc.version} ${f(pymc.seconds)} s (R̂ max ${pymc.maxRhat.toFixed(3)}, ${pymc.divergences} divergences); ` +
      `mixmodeler ${f(ours.seconds)} s, of it sampling ${f(s.seconds)} s (R̂ max ${s.rhatMax.toFixed(3)}, ` +
      `${s.divergences} divergences, min bulk ESS ${Math.round(s.essBulkMin)}, ${s.stepsPerDraw.toFixed(1)} steps/draw)\n`,
  );
  lines.push('| quantity | PyMC-Marketing mean ± MCSE (sd) | mixmodeler mean ± MCSE (sd) | diff / MCSE | at 3 MCSE |');
  lines.push('|---|---|---|---|---|');
  const row = (label, a, b, tail = false) => {
    const z = (b.mean - a.mean) / Math.hypot(a.mcse, b.mcse);
    const pass = Math.abs(z) <= 3;
    if (!tail) {
      checks++;
      if (!pass) fails++;
    }
    const sd = (v) => (tail ? '' : ` (${f(v.sd)})`);
    lines.push(
      `| ${label} | ${f(a.mean)} ± ${f(a.mcse)}${sd(a)} | ${f(b.mean)} ± ${f(b.mcse)}${sd(b)} | ${z >= 0 ? '+' : ''}${z.toFixed(2)} | ${pass ? 'pass' : '**FAIL**'} |`,
    );
    return pass;
  };
  for (const ch of d.channels) {
    for (const q of ['roi', 'alpha', 'lam', 'beta'])
      row(`${ch.name} ${q}`, pymc.channels[ch.name][q], ours.channels[ch.name][q]);
  }
  for (const k of Object.keys(ours.base)) row(k, pymc.base[k], ours.base[k]);
  // The tails: the 5% and 95% quantiles of each ROI and the intercept, ± their MCSE.
  const tails = [
    ...d.channels.map((ch) => [`${ch.name} roi`, pymc.channels[ch.name].roi, ours.channels[ch.name].roi]),
    ['intercept', pymc.base.intercept, ours.base.intercept],
  ];
  for (const [label, a, b] of tails) {
    if (!a.q05) continue;
    for (const q of ['q05', 'q95']) {
      const pass = row(
        `${label} ${q === 'q05' ? '5%' : '95%'}`,
        { mean: a[q].value, mcse: a[q].mcse },
        { mean: b[q].value, mcse: b[q].mcse },
        true,
      );
      tailChecks++;
      if (!pass) tailFails++;
    }
  }
}
const tailLine = tailChecks
  ? ` Tails (5% and 95% quantiles of ROI and intercept): ${tailChecks - tailFails} of ${tailChecks}.`
  : '';
lines.push(`\nMeans: ${checks - fails} of ${checks} within 3 MCSE.${tailLine}`);
console.log(lines.join('\n'));
