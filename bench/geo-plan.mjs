// Plans across geos (issue 21): on generated geo panels with known truth, a plan over the geo x channel
// cells of the geo-level model against the national plan of the same model spread over the geos in
// proportion to each geo's current spend, at the same budget (1 and 1.3x the current one). Per seed and
// family: the outcome both allocations buy on the true curves, what the model expects of each, whether the
// geo plan's 90% interval covers its true outcome, and the time of a budget plan and of a target plan.
//   node bench/geo-plan.mjs [--seeds 10] [--geos 8] [--weeks 156]   (needs `npx tsc -b lib`)
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '10' },
    geos: { type: 'string', default: '8' },
    weeks: { type: 'string', default: '156' },
  },
});
const WEEKS = 13;
const FAMILIES = {
  // The panel: ROIs ±25% across geos (log sd), sizes log sd 0.6.
  default: {},
  // Geos that differ more: ROIs ±45%, sizes log sd 0.9.
  uneven: { roiSpread: 0.45, sizeSpread: 0.9 },
};

/** The outcome of spending spend(geo, channel) over the plan period on each geo's true curves. */
function trueOutcome(panel, window, spend) {
  return panel.geos.reduce((s, g) => {
    const channels = Object.entries(g.curves).map(([name, curve]) => ({ name, ...curve }));
    const rs = mm.periodResponses({ window, channels }, g.data, WEEKS);
    return s + rs.reduce((t, r) => t + r.response(spend(g.name, r.channel)), 0);
  }, 0);
}

/** The outcome the geo-level model expects of spend(geo, channel). */
function modelOutcome(fit, geos, spend) {
  return geos.geos.reduce((s, g, k) => {
    const own = fit.geo.byGeo[k].channels;
    const channels = fit.channels.map((c) => ({
      ...fit.geo.channels[c.name],
      name: c.name,
      inputMean: own[c.name].inputMean,
      coefficient: own[c.name].coefficient,
    }));
    const rs = mm.periodResponses({ window: fit.geo.window, channels }, geos.byGeo[k], WEEKS);
    return s + rs.reduce((t, r) => t + r.response(spend(g, r.channel)), 0);
  }, 0);
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const rows = [];
for (const [family, extra] of Object.entries(FAMILIES)) {
  for (let seed = 1; seed <= Number(values.seeds); seed++) {
    const spec = { ...mm.GEO_PANEL_SPEC, ...extra, seed, geos: Number(values.geos), weeks: Number(values.weeks) };
    const panel = mm.generateGeoPanel(spec);
    const geos = { geos: panel.geos.map((g) => g.name), byGeo: panel.geos.map((g) => g.data) };
    const national = mm.nationalSum(geos.byGeo);
    const config = { lookback: 8, adstock: 'geometric', window: panel.window };
    const fit = mm.withGeoNational(mm.fitMmm(national, config), mm.fitGeoMmm(geos, config));
    const current = mm.periodResponses(fit, national, WEEKS).reduce((s, r) => s + r.current, 0);
    for (const scale of [1, 1.3]) {
      let t = performance.now();
      const plan = mm.createPlan(fit, national, { weeks: WEEKS, budget: scale * current }, geos);
      const seconds = (performance.now() - t) / 1000;
      const flat = mm.createPlan(fit, national, { weeks: WEEKS, budget: scale * current });
      const spread = (g, c) => (flat.channels[c].spend * plan.byGeo[g][c].current) / flat.channels[c].current;
      const cells = (g, c) => plan.byGeo[g][c].spend;
      const truthGeo = trueOutcome(panel, fit.window, cells);
      const truthFlat = trueOutcome(panel, fit.window, spread);
      t = performance.now();
      mm.createPlan(fit, national, { weeks: WEEKS, target: 0.97 * plan.expected.mean }, geos);
      const targetSeconds = (performance.now() - t) / 1000;
      rows.push({
        family,
        seed,
        scale,
        trueGain: truthGeo / truthFlat - 1,
        modelGain: plan.expected.mean / modelOutcome(fit, geos, spread) - 1,
        covered: plan.expected.lower <= truthGeo && truthGeo <= plan.expected.upper,
        halfWidth: (plan.expected.upper - plan.expected.mean) / plan.expected.mean,
        trueError: plan.expected.mean / truthGeo - 1,
        seconds,
        targetSeconds,
      });
      const r = rows.at(-1);
      console.log(
        `${family} seed ${seed} x${scale}: true gain ${pct(r.trueGain)}, model's ${pct(r.modelGain)}, ` +
          `expected/true ${pct(r.trueError)}, interval ±${pct(r.halfWidth)} ${r.covered ? 'covers' : 'MISSES'}, ` +
          `${r.seconds.toFixed(2)} s (target ${r.targetSeconds.toFixed(2)} s)`,
      );
    }
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const family of Object.keys(FAMILIES)) {
  const f = rows.filter((r) => r.family === family);
  const gains = f.map((r) => r.trueGain);
  console.log(
    `\n${family}, ${values.geos} geos x ${values.weeks} weeks x 4 channels, ${f.length} plans: true gain over the ` +
      `pro-rata national plan median ${pct(median(gains))} (min ${pct(Math.min(...gains))}, max ${pct(Math.max(...gains))}; ` +
      `${gains.filter((g) => g >= 0).length} of ${f.length} >= 0); model's gain median ${pct(median(f.map((r) => r.modelGain)))}; ` +
      `90% interval covers ${f.filter((r) => r.covered).length} of ${f.length} (median half-width ${pct(median(f.map((r) => r.halfWidth)))}); ` +
      `median ${median(f.map((r) => r.seconds)).toFixed(2)} s a budget plan, ${median(f.map((r) => r.targetSeconds)).toFixed(2)} s a target plan`,
  );
}
