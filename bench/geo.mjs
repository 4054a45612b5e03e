// Geo-level model vs the national sum (issue 21): on generated geo panels with known truth (8 geos x 156
// weeks x 4 and x 8 channels, 10% noise, 10 seeds), the national ROI error of a fit on the national sum
// (fitMmm) and of the geo-level fit (fitGeoMmm) on the same data: median and worst over channels x seeds,
// 90% interval coverage of the national ROI, per-geo ROI error, and time per fit.
//   node bench/geo.mjs [--seeds 10] [--channels 4,8] [--geos 8] [--spread learned|evidence|0.3] [--adstock geometric|auto]
//     [--weeks 156] [--family base|late|follows] [--out bench/results/geo-grid.json] [--posterior] [--warmup 300 --draws 250] [--no-national] [--intervals plug-in|mixture|inflate]
//     [--geo-roi normal|log-normal]
//   --geos, --weeks and --channels take lists (2,4,8,20): every combination is run (the grid, issue 21);
//   --out writes each panel size's figures as JSON. --family: the panel family (bench/geo-spec.mjs GEO_FAMILIES).
//   (needs `npx tsc -b lib`). --posterior: the geo-level full posterior (NUTS, 4 chains in worker threads).
//   --geo-roi: the posterior's geo ROIs Gaussian around their centre, integrated out with the base (normal,
//   the library's default), or log-normal and sampled (GeoFitOptions.posteriorGeoRoi).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { geoSpec } from './geo-spec.mjs';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const { fitGeoMmmAsync } = require('../lib/dist/mmm/geo-fit.js');

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '10' },
    channels: { type: 'string', default: '4,8' },
    spread: { type: 'string', default: 'learned' },
    adstock: { type: 'string', default: 'geometric' },
    geos: { type: 'string', default: '8' },
    weeks: { type: 'string', default: String(mm.GEO_PANEL_SPEC.weeks) },
    out: { type: 'string' },
    posterior: { type: 'boolean', default: false },
    warmup: { type: 'string', default: '300' },
    draws: { type: 'string', default: '250' },
    'no-national': { type: 'boolean', default: false },
    intervals: { type: 'string', default: 'plug-in' },
    family: { type: 'string', default: 'base' },
    'geo-roi': { type: 'string', default: 'normal' },
  },
});
const spread = ['learned', 'evidence'].includes(values.spread) ? values.spread : Number(values.spread);

/** One fit's national ROI error (median / worst over channels) and 90% coverage. */
function seedErrors(fit, panel) {
  const errs = [];
  let cover = 0;
  for (const [name, c] of Object.entries(fit.channels)) {
    const truth = panel.roi[name];
    errs.push(Math.abs(c.roi.mean / truth - 1));
    cover += c.roi.lower <= truth && truth <= c.roi.upper ? 1 : 0;
  }
  return `${pct(quantile(errs, 0.5))} / ${pct(Math.max(...errs))}, coverage ${cover}/${errs.length}`;
}

function nationalSum(byGeo) {
  const d0 = byGeo[0];
  const n = d0.dates.length;
  const sum = (pick) => {
    const o = new Float64Array(n);
    for (const d of byGeo) pick(d).forEach((v, i) => (o[i] += v));
    return o;
  };
  return {
    dates: d0.dates,
    outcome: sum((d) => d.outcome),
    channels: d0.channels.map((c, j) => ({
      name: c.name,
      input: sum((d) => d.channels[j].input),
      spend: sum((d) => d.channels[j].spend),
    })),
    factors: d0.factors.map((f, j) => ({
      name: f.name,
      kind: f.kind,
      values: sum((d) => d.factors[j].values).map((v) => v / byGeo.length),
    })),
  };
}

const quantile = (a, q) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const pct = (v) => `${(100 * v).toFixed(1)}%`;

const seeds = Number(values.seeds);
const list = (v) => v.split(',').map(Number);
const results = [];
for (const G of list(values.geos))
  for (const W of list(values.weeks))
    for (const C of list(values.channels)) {
      const rows = {
        national: { err: [], signed: [], cover: 0, n: 0, secs: 0 },
        geo: { err: [], signed: [], cover: 0, n: 0, secs: 0, geoErr: [] },
      };
      for (let seed = 1; seed <= seeds; seed++) {
        const panel = mm.generateGeoPanel(geoSpec(seed, G, C, W, values.family));
        const byGeo = panel.geos.map((g) => g.data);
        const config = { lookback: 8, adstock: values.adstock, window: panel.window };
        let t0 = performance.now();
        const nat = values['no-national'] ? { channels: [] } : mm.fitMmm(nationalSum(byGeo), config);
        rows.national.secs += (performance.now() - t0) / 1000;
        t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const posterior = values.posterior
          ? { chains: 4, warmup: Number(values.warmup), draws: Number(values.draws) }
          : false;
        const geo = await fitGeoMmmAsync(
          { geos: panel.geos.map((g) => g.name), byGeo },
          { ...config, posterior },
          { spread, spreadIntervals: values.intervals, posteriorGeoRoi: values['geo-roi'] },
        );
        const fitSecs = (performance.now() - t0) / 1000;
        rows.geo.secs += fitSecs;
        // process.cpuUsage counts every thread of the process: the chains' workers too.
        const cpu = process.cpuUsage(cpu0);
        const sm = geo.diagnostics.sampler;
        if (sm) {
          rows.geo.sampler ??= { rhat: 0, ess: Infinity, div: 0, steps: 0, secs: 0 };
          const r = rows.geo.sampler;
          r.rhat = Math.max(r.rhat, sm.rhatMax);
          r.ess = Math.min(r.ess, sm.essBulkMin);
          r.div += sm.divergences;
          r.steps += sm.stepsPerDraw / seeds;
          r.secs += sm.seconds / seeds;
          const negative = geo.diagnostics.negativeRoiShare;
          console.log(
            `  seed ${seed}: R-hat ${sm.rhatMax.toFixed(3)}, ESS ${Math.round(sm.essBulkMin)}, ${sm.divergences} divergences, ` +
              `${sm.stepsPerDraw.toFixed(1)} steps a draw, sampler ${sm.seconds.toFixed(1)} s; ` +
              `fit ${fitSecs.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU s; ` +
              `national ROI error ${seedErrors(geo, panel)}` +
              (negative === undefined ? '' : `; geo ROI draws below 0: ${(100 * negative).toFixed(1)}%`),
          );
        }
        for (const c of nat.channels) {
          const truth = panel.roi[c.name];
          rows.national.err.push(Math.abs(c.roi.mean / truth - 1));
          rows.national.signed.push(c.roi.mean / truth - 1);
          rows.national.cover += c.roi.lower <= truth && truth <= c.roi.upper ? 1 : 0;
          rows.national.n++;
        }
        for (const [name, c] of Object.entries(geo.channels)) {
          const truth = panel.roi[name];
          rows.geo.err.push(Math.abs(c.roi.mean / truth - 1));
          rows.geo.signed.push(c.roi.mean / truth - 1);
          rows.geo.cover += c.roi.lower <= truth && truth <= c.roi.upper ? 1 : 0;
          rows.geo.n++;
        }
        geo.byGeo.forEach((g, k) => {
          for (const [name, c] of Object.entries(g.channels))
            rows.geo.geoErr.push(Math.abs(c.roi.mean / panel.geos[k].roi[name] - 1));
        });
      }
      console.log(
        `${G} geos x ${W} weeks x ${C} channels, 10% noise, family ${values.family}, ${seeds} seeds, adstock ${values.adstock}, spread ${values.spread}, ${values.posterior ? `full posterior (4 chains, ${values.warmup} + ${values.draws})` : `MAP, intervals ${values.intervals}`}`,
      );
      const size = { geos: G, weeks: W, channels: C, seeds, family: values.family };
      for (const [name, r] of Object.entries(rows)) {
        if (r.n === 0) continue;
        results.push({
          ...size,
          fit: name,
          median: quantile(r.err, 0.5),
          worst: Math.max(...r.err),
          coverage: r.cover / r.n,
          secondsPerFit: r.secs / seeds,
          ...(r.geoErr ? { geoMedian: quantile(r.geoErr, 0.5), geoP90: quantile(r.geoErr, 0.9) } : {}),
          errors: r.err,
          // fit / truth − 1 per channel and seed, in the same order: the errors' signs.
          signed: r.signed,
        });
        console.log(
          `  ${name.padEnd(9)} national ROI error median ${pct(quantile(r.err, 0.5)).padStart(6)} worst ${pct(Math.max(...r.err)).padStart(6)}` +
            `  90% coverage ${pct(r.cover / r.n).padStart(6)}  ${(r.secs / seeds).toFixed(2)} s a fit` +
            (r.geoErr
              ? `  per-geo ROI error median ${pct(quantile(r.geoErr, 0.5))}, 90th pct ${pct(quantile(r.geoErr, 0.9))}`
              : ''),
        );
        if (r.sampler) {
          const sm = r.sampler;
          console.log(
            `            sampler: worst R-hat ${sm.rhat.toFixed(3)}, lowest ESS ${Math.round(sm.ess)}, ${sm.div} divergences in all, ` +
              `${sm.steps.toFixed(1)} steps a draw, ${sm.secs.toFixed(1)} s a run (mode, Hessian, chains)`,
          );
        }
      }
    }
if (values.out) writeFileSync(values.out, JSON.stringify({ options: values, results }, null, 1) + '\n');
const mem = process.memoryUsage();
console.log(
  `peak-ish memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`,
);
