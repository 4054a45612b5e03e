// How well can the national ROI be known from a generated geo panel at all (issue 21's ≤ 8% / ≤ 25%)? An
// oracle that is handed what no fit has: every channel's true adstock and saturation (so each geo's media
// columns are the generator's), each geo's true noise sd, and the true spread of the geo ROIs around
// their channel's centre (the generator's roiSpread). What it still estimates is the linear part, as the
// geo model does: each geo's base (the fit's own base columns: intercept, trend, season, price, holiday)
// and ROIs, and each channel's centre r_c (flat prior), with ROI_{g,c} ~ N(r_c, (spread · r_c)²) at the
// true r_c. Everything is then Gaussian, so its posterior is exact: one linear system over
// [b_g, ROI_g for every geo | r]. The national ROI is Σ_g ROI_{g,c} spend_{g,c} / Σ_g spend_{g,c}, linear
// in it, so its posterior mean and sd are exact too.
//
// Printed per seed and over the seeds: the oracle's national ROI error (median over channels × seeds, and
// the worst), its 90% coverage, its posterior sd / true ROI, and 0.674 × that sd (the median |error| of a
// calibrated Gaussian estimate), beside the same without pooling (each geo's ROIs on their own, flat).
//   node bench/geo-floor.mjs [--seeds 10] [--geos 8] [--channels 8] [--weeks 156] [--noise 0.1]   (needs `npx tsc -b lib`)
// --noise: the panel's noise instead of the spec's 10% (at 0.001 the oracle must recover every ROI: a check).
// A few seconds a seed (the geo MAP is run once per seed to build the problem's base columns).
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { curveColumn } from './curve-column.mjs';
import { geoPosteriorInputOf, geoSpec } from './geo-spec.mjs';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const { cholesky, choleskySolve } = require('../lib/dist/math/linalg.js');

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '10' },
    geos: { type: 'string', default: '8' },
    channels: { type: 'string', default: '8' },
    weeks: { type: 'string', default: String(mm.GEO_PANEL_SPEC.weeks) },
    noise: { type: 'string' },
  },
});

/** A geo's true media column over the window, scaled so that its coefficient is the geo's ROI. */
function trueColumn(geo, name, p, c) {
  const curve = geo.curves[name];
  const spend = geo.data.channels.find((ch) => ch.name === name).spend;
  const z = curveColumn(mm, spend, curve.adstock, curve.saturation, curve.inputMean);
  const w = z.subarray(z.length - p.T);
  let s = 0;
  for (let t = 0; t < p.T; t++) s += w[t];
  // p.y is the outcome over ȳ_g, p.spend[c] the window's spend: m · ROI is the contribution over ȳ_g.
  return Float64Array.from(w, (v) => (v / s) * (p.spend[c] / p.yMean));
}

/**
 * The oracle's posterior of the national ROIs: mean and sd per channel. `pooled` false: each geo's ROIs
 * with a flat prior (no r).
 */
function oracle(panel, q, spec, pooled) {
  const { G, B, C } = q;
  const K = B + C;
  const n = G * K + (pooled ? C : 0);
  const P = new Float64Array(n * n);
  const h = new Float64Array(n);
  const names = spec.channels.map((c) => c.name);
  for (let g = 0; g < G; g++) {
    const p = q.geos[g];
    const cols = [
      ...Array.from({ length: B }, (_, j) => Float64Array.from({ length: p.T }, (_, t) => p.base[t * B + j])),
      ...names.map((name, c) => trueColumn(panel.geos[g], name, p, c)),
    ];
    let ym = 0;
    for (let t = 0; t < p.T; t++) ym += p.y[t] / p.T;
    const prec = 1 / (spec.noise * ym) ** 2;
    const at = g * K;
    for (let i = 0; i < K; i++) {
      let hy = 0;
      for (let t = 0; t < p.T; t++) hy += cols[i][t] * p.y[t];
      h[at + i] += prec * hy;
      for (let j = 0; j < K; j++) {
        let s = 0;
        for (let t = 0; t < p.T; t++) s += cols[i][t] * cols[j][t];
        P[(at + i) * n + at + j] += prec * s;
      }
      P[(at + i) * n + at + i] += 1e-9;
    }
    if (!pooled) continue;
    // (ROI_{g,c} − r_c)² / (spread · r_c)², at the true centre's scale.
    spec.channels.forEach((ch, c) => {
      const w = 1 / (spec.roiSpread * ch.roi) ** 2;
      const a = at + B + c;
      const r = G * K + c;
      P[a * n + a] += w;
      P[r * n + r] += w;
      P[a * n + r] -= w;
      P[r * n + a] -= w;
    });
  }
  const L = cholesky(P, n);
  if (!L) throw new Error('the oracle system does not factor');
  const mean = choleskySolve(L, n, h);
  return names.map((name, c) => {
    // w: the national ROI as Σ_g w_g ROI_{g,c}; its variance wᵀP⁻¹w.
    const w = new Float64Array(n);
    const total = q.geos.reduce((s, p) => s + p.spend[c], 0);
    q.geos.forEach((p, g) => (w[g * K + B + c] = p.spend[c] / total));
    const Pw = choleskySolve(L, n, w);
    let m = 0;
    let v = 0;
    for (let i = 0; i < n; i++) {
      m += w[i] * mean[i];
      v += w[i] * Pw[i];
    }
    return { name, mean: m, sd: Math.sqrt(v), truth: panel.roi[name] };
  });
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (v) => `${(100 * v).toFixed(1)}%`;

const G = Number(values.geos);
const Cn = Number(values.channels);
const W = Number(values.weeks);
const all = { pooled: [], separate: [] };
// Each seed's median and worst channel (the aggregation of one dataset's figures, as the issue's peers').
const perSeed = { pooled: [], separate: [] };
for (let seed = 1; seed <= Number(values.seeds); seed++) {
  const spec = { ...geoSpec(seed, G, Cn, W), ...(values.noise && { noise: Number(values.noise) }) };
  const panel = mm.generateGeoPanel(spec);
  const { q } = geoPosteriorInputOf(panel);
  if (q.geos[0].T !== W) throw new Error(`the problem has ${q.geos[0].T} weeks, the panel's window ${W}`);
  for (const [key, pooled] of [
    ['pooled', true],
    ['separate', false],
  ]) {
    const rows = oracle(panel, q, spec, pooled).map((r) => ({
      ...r,
      err: Math.abs(r.mean / r.truth - 1),
      rel: r.sd / r.truth,
      cover: Math.abs(r.mean - r.truth) <= 1.645 * r.sd,
    }));
    all[key].push(...rows);
    perSeed[key].push({ median: median(rows.map((r) => r.err)), worst: Math.max(...rows.map((r) => r.err)) });
    if (pooled) {
      const worst = rows.reduce((a, b) => (b.err > a.err ? b : a));
      console.log(
        `  seed ${seed}: oracle national ROI error median ${pct(median(rows.map((r) => r.err)))}, worst ${pct(worst.err)} (${worst.name} ${worst.mean.toFixed(2)} against ${worst.truth.toFixed(2)}), sd / ROI median ${pct(median(rows.map((r) => r.rel)))}, 90% covered ${rows.filter((r) => r.cover).length}/${rows.length}`,
      );
    }
  }
}
console.log(
  `${G} geos x ${W} weeks x ${Cn} channels, noise ${values.noise ?? mm.GEO_PANEL_SPEC.noise}, ${Number(values.seeds)} seeds, the truth's curves, noise and spread given:`,
);
for (const [key, label] of [
  ['pooled', 'pooled (r_c flat, spread at the truth)'],
  ['separate', 'each geo on its own (flat ROIs)'],
]) {
  const rows = all[key];
  const rel = median(rows.map((r) => r.rel));
  console.log(
    `  ${label}: national ROI error median ${pct(median(rows.map((r) => r.err)))} worst ${pct(Math.max(...rows.map((r) => r.err)))} over channels x seeds (a seed's median / worst, median over seeds: ${pct(median(perSeed[key].map((x) => x.median)))} / ${pct(median(perSeed[key].map((x) => x.worst)))}), 90% coverage ${pct(rows.filter((r) => r.cover).length / rows.length)}, posterior sd / ROI median ${pct(rel)} (0.674 × it: ${pct(0.674 * rel)})`,
  );
}
const byChannel = new Map();
for (const r of all.pooled) byChannel.set(r.name, [...(byChannel.get(r.name) ?? []), r]);
console.log(
  '  pooled, per channel (median over seeds): ' +
    [...byChannel]
      .map(
        ([name, rs]) =>
          `${name} sd/ROI ${pct(median(rs.map((r) => r.rel)))} error ${pct(median(rs.map((r) => r.err)))}`,
      )
      .join('; '),
);
