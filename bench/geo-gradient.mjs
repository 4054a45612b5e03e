// The geo-level posterior's density and gradient cost (issue 21): the geo MAP on a generated panel (bench/geo-spec.mjs),
// the posterior's mode from it, then the time of geoLogDensity with and without its gradient there, and of its two
// largest parts (the geometric carry-over with its derivative, Hill's response with its derivatives) over every
// geo and channel. Single thread; short (seconds), so no lock needed.
//   node bench/geo-gradient.mjs [--geos 8] [--channels 8] [--seed 1] [--reps 2000] [--geo-roi log-normal|normal]
//   (needs `npx tsc -b lib`). --geo-roi normal: the density with each geo's base and ROIs integrated out.
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { geoPosteriorInputOf, geoSpec } from './geo-spec.mjs';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const gp = require('../lib/dist/mmm/geo-posterior.js');
const gd = require('../lib/dist/mmm/geo-density.js');

const { values } = parseArgs({
  options: {
    geos: { type: 'string', default: '8' },
    channels: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    reps: { type: 'string', default: '2000' },
    'geo-roi': { type: 'string', default: 'log-normal' },
  },
});
const panel = mm.generateGeoPanel(geoSpec(Number(values.seed), Number(values.geos), Number(values.channels)));
const { q, byGeo, config, window, best, centring } = geoPosteriorInputOf(panel);
const marginalRoi = values['geo-roi'] === 'normal';
const data = gp.geoTargetData(q, byGeo, config, window, best, centring, true, marginalRoi);
const d = gd.geoDensity(q, centring, true, marginalRoi);
const phi = data.mode;
const grad = new Float64Array(phi.length);
const u = phi.subarray(d.layout.shared, d.layout.shared + d.layout.nU);
const reps = Number(values.reps);

/** Microseconds a call of f, after a warm-up. */
function time(f) {
  for (let i = 0; i < 100; i++) f();
  const t = performance.now();
  for (let i = 0; i < reps; i++) f();
  return ((performance.now() - t) / reps) * 1000;
}
const eachColumn = (f) => () => {
  for (let g = 0; g < q.G; g++) {
    const p = q.geos[g];
    const m = d.columns[g];
    for (let c = 0; c < p.layouts.length; c++) f(p, m, c);
  }
};
const withGrad = time(() => gd.geoLogDensity(d, phi, grad));
const alone = time(() => gd.geoLogDensity(d, phi));
const carry = time(
  eachColumn((p, m, c) => {
    const b = m.channels[c];
    const l = p.layouts[c];
    l.adstock.carry(u, p.uOffset[c], l.lookback, p.x[c], p.pre, b.carriedWindow, b.dzAdstock);
  }),
);
const hill = time(
  eachColumn((p, m, c) => {
    const b = m.channels[c];
    const l = p.layouts[c];
    l.saturation.derivatives(u, p.uOffset[c] + l.adstockSize, b.carriedWindow, m.z[c], b.dx, b.dzSaturation);
  }),
);
// The floor of Hill's response: one log and one exp a cell, over as many cells.
const cells = q.G * q.C * q.geos[0].T;
const xs = Float64Array.from({ length: cells }, (_, i) => 0.5 + (i % 97) / 50);
const ys = new Float64Array(cells);
const floor = time(() => {
  for (let t = 0; t < cells; t++) ys[t] = 1 / (1 + Math.exp(-1.3 * (Math.log(xs[t]) - 0.1)));
});
console.log(
  `${q.G} geos x ${q.geos[0].T} weeks x ${q.C} channels, dim ${phi.length}: density + gradient ${withGrad.toFixed(0)} us, ` +
    `density alone ${alone.toFixed(0)} us; of it the carry-over + derivative ${carry.toFixed(0)} us, ` +
    `Hill + derivatives ${hill.toFixed(0)} us (one log + one exp over its ${cells} cells: ${floor.toFixed(0)} us)`,
);
