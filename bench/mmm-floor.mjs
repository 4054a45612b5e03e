// How well can a channel's ROI be known from the recovery grid's data at all (issue 20)? An oracle handed
// what no fit has, every channel's true adstock and saturation (its media column is the generator's own
// contribution series, up to its coefficient), estimates only the linear part as the fit does: the base
// (the fit's own base columns and their weak prior rows, over the fit's training window) and one
// coefficient per channel (flat prior, any sign). That is least squares with a Gaussian prior, so its
// estimate and sd are exact; σ is the residual's (RSS / (T − K)). Since the oracle's curve is the truth's,
// its ROI error is |β̂/β − 1| over every week of the truth's window, as the grid scores the fits.
//
// Per pattern (bench/mmm-grid-spec.mjs, seeds 1–10 by default): the median over datasets of their median
// and worst channel, 90% coverage over all channels, and the median sd / ROI. With --against FILE (a
// `bench/mmm-grid.mjs --json` run of the same seeds) each fit's row is printed beside it.
//   node bench/mmm-floor.mjs [--seeds 10] [--patterns trend,seasonal | --cases] [--noise 0.001] [--against grid.json] [--priors base|fit]
//   [--curves true|fit|adstock|saturation]
// --cases: the engine's own cases (clean, realistic, confounded, correlated + ROI prior, late start) instead.
//   (needs `npx tsc -b lib`; a MAP fit per dataset for its problem: about a minute in all)
// --curves fit|adstock|saturation: the fit's own curves instead (the MAP's adstock and saturation, then the
// linear part re-solved as above), or the truth's adstock with the fit's saturation (adstock), or the fit's
// adstock with the truth's saturation (saturation): which part of the curves the error comes from.
// --priors fit: the fit's own prior rows on the coefficients too (its weak rows, ROI priors and the
// spend-share prior, at the scale the MAP settled on): the fit's whole linear part at the true curves.
// --noise: every dataset's noise replaced (at 0.001 the oracle must recover every ROI where the fit's base
// can express the generator's: a check).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { curveColumn } from './curve-column.mjs';
import { casesOf } from './mmm-cases-spec.mjs';
import { PATTERNS, gridSpec } from './mmm-grid-spec.mjs';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const { fitMap } = require('../lib/dist/mmm/fit.js');
const { lateStartCase } = require('../lib/dist/synth/cases.js');
const { priorRowsFromSums, rowCoef } = require('../lib/dist/mmm/problem.js');
const { cholesky, choleskyInverse, choleskySolve } = require('../lib/dist/math/linalg.js');

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '10' },
    patterns: { type: 'string', default: PATTERNS.join(',') },
    noise: { type: 'string' },
    against: { type: 'string' },
    priors: { type: 'string', default: 'base' },
    cases: { type: 'boolean', default: false },
    curves: { type: 'string', default: 'true' },
  },
});

/**
 * A channel's media column over every row under the curves `values.curves` picks: the truth's adstock and
 * saturation (`true`), the fit's (`fit`), or one of each (`adstock`: the truth's adstock into the fit's
 * saturation; `saturation`: the fit's adstock into the truth's saturation). Adstock is linear, so the
 * input is scaled by the saturation's own input mean.
 */
function columnOf(data, truth, fitted, name) {
  const t = truth.curves[name];
  const f = fitted?.channels.find((c) => c.name === name);
  const mode = values.curves;
  const adstock = mode === 'true' || mode === 'adstock' ? t.adstock : f.adstock;
  const sat = mode === 'true' || mode === 'saturation' ? t : f;
  const input = data.channels.find((c) => c.name === name).input;
  return curveColumn(mm, input, adstock, sat.saturation, sat.inputMean);
}

/** The oracle's ROI of each channel over its true one (every week of the truth's window): estimate and sd. */
function oracle(data, truth, p, fitted) {
  const { T, nBase: B } = p;
  const from = p.window.from;
  const names = p.channels;
  const C = names.length;
  const K = B + C;
  const z = names.map((name) => columnOf(data, truth, fitted, name));
  const cols = [
    ...Array.from({ length: B }, (_, j) => Float64Array.from({ length: T }, (_, t) => p.base[t * B + j])),
    ...z.map((col) => col.slice(from, from + T)),
  ];
  // ROI per unit of coefficient over the truth's window: ȳ Σ z / Σ spend (p.y is the outcome over ȳ).
  const w0 = data.dates.indexOf(truth.window.from);
  const roiPer = names.map((name, c) => {
    const spend = data.channels.find((ch) => ch.name === name).spend;
    let zs = 0;
    let ss = 0;
    for (let t = w0; t < spend.length; t++) {
      zs += z[c][t];
      ss += spend[t];
    }
    return (p.yMean * zs) / ss / truth.roi[name];
  });
  const xtx = new Float64Array(K * K);
  const xty = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    for (let t = 0; t < T; t++) xty[i] += cols[i][t] * p.y[t];
    for (let j = 0; j < K; j++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += cols[i][t] * cols[j][t];
      xtx[i * K + j] = s;
    }
  }
  // The base's weak rows (its priors and the knots' walk); with --priors fit every prior row of the fit
  // (β's weak rows, ROI priors, the spend-share prior), built on these columns' sums.
  const sums = cols.slice(B).map((col) => col.reduce((a, v) => a + v, 0));
  const rows =
    values.priors === 'fit'
      ? priorRowsFromSums(p, sums, false)
      : priorRowsFromSums(p, sums, true).filter((r) => rowCoef(r).every(([j]) => j < B));
  const solve = (s2) => {
    const P = Float64Array.from(xtx, (v) => v / s2);
    const h = Float64Array.from(xty, (v) => v / s2);
    for (const r of rows) {
      // rowCoef expands the spend-share prior's compact (low-rank) rows.
      const coef = rowCoef(r);
      for (const [i, ci] of coef) {
        h[i] += ci * r.target;
        for (const [j, cj] of coef) P[i * K + j] += ci * cj;
      }
    }
    for (let i = 0; i < K; i++) P[i * K + i] += 1e-10;
    const L = cholesky(P, K);
    if (!L) throw new Error('the oracle system does not factor');
    return { mean: choleskySolve(L, K, h), L };
  };
  // σ² from the residual of the flat fit, then the estimate with the base rows at that σ.
  let { mean } = solve(1);
  let rss = 0;
  for (let t = 0; t < T; t++) {
    let f = 0;
    for (let k = 0; k < K; k++) f += cols[k][t] * mean[k];
    rss += (p.y[t] - f) ** 2;
  }
  const s2 = rss / (T - K);
  const fit = solve(s2);
  mean = fit.mean;
  const cov = choleskyInverse(fit.L, K, new Float64Array(K * K), new Float64Array(K * K));
  return names.map((name, c) => ({
    name,
    ratio: mean[B + c] * roiPer[c],
    sd: Math.sqrt(cov[(B + c) * K + B + c]) * roiPer[c],
  }));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (v) => `${(100 * v).toFixed(0)}%`;
const against = values.against ? JSON.parse(readFileSync(values.against, 'utf8')) : null;

const all = [];
console.log(
  `oracle: curves ${values.curves === 'true' ? "the truth's" : values.curves === 'fit' ? "the fit's" : values.curves === 'adstock' ? "the truth's adstock, the fit's saturation" : "the fit's adstock, the truth's saturation"} (seeds 1-${values.seeds}${values.noise ? `, noise ${values.noise}` : ''}, priors: ${values.priors === 'fit' ? "the fit's" : "the base's only, the coefficients' flat"}); cells: median of the datasets' median / worst channel, coverage`,
);
// The grid's patterns, or with --cases the engine's own cases (bench/mmm-grid-cases.mjs's, their configs).
const groups = values.cases
  ? Object.entries(casesOf(mm, lateStartCase)).map(([name, c]) => ({ name, ...c }))
  : values.patterns.split(',').map((name) => ({ name, make: (s) => gridSpec(name, s), config: {} }));
for (const { name: pattern, make, config } of groups) {
  const per = [];
  for (let s = 1; s <= Number(values.seeds); s++) {
    const spec = { ...make(s), ...(values.noise && { noise: Number(values.noise) }) };
    const { data, truth } = mm.generateSynthetic(spec);
    const { p } = fitMap(data, { lookback: 8, ...config });
    const fitted = values.curves === 'true' ? null : mm.fitMmm(data, { lookback: 8, ...config });
    const rows = oracle(data, truth, p, fitted).map((r) => ({
      ...r,
      err: Math.abs(r.ratio - 1),
      cover: Math.abs(r.ratio - 1) <= 1.645 * r.sd,
    }));
    per.push({ median: median(rows.map((r) => r.err)), worst: Math.max(...rows.map((r) => r.err)), rows });
  }
  all.push(...per);
  const channels = per.flatMap((d) => d.rows);
  let line = `  ${pattern.padEnd(values.cases ? 22 : 9)} oracle ${pct(median(per.map((d) => d.median)))} / ${pct(median(per.map((d) => d.worst)))}, ${pct(channels.filter((r) => r.cover).length / channels.length)} covered, sd / ROI ${pct(median(channels.map((r) => r.sd)))}`;
  if (against) {
    const ds = against.datasets?.filter((d) => d.pattern === pattern) ?? [];
    for (const way of Object.keys(ds[0]?.fits ?? {})) {
      const fits = ds.map((d) => d.fits[way]);
      const chs = fits.flatMap((f) => f.channels);
      const cov = chs.filter((c) => c.lower <= c.truth && c.truth <= c.upper).length / chs.length;
      line += `; ${way} ${pct(median(fits.map((f) => f.median)))} / ${pct(median(fits.map((f) => f.worst)))}, ${pct(cov)}`;
    }
  }
  console.log(line);
}
const channels = all.flatMap((d) => d.rows);
console.log(
  `  all       oracle ${pct(median(all.map((d) => d.median)))} / ${pct(median(all.map((d) => d.worst)))}, ${pct(channels.filter((r) => r.cover).length / channels.length)} covered, sd / ROI ${pct(median(channels.map((r) => r.sd)))} (${all.length} datasets, ${channels.length} channels)`,
);
