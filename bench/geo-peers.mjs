// Geo-level models side by side (issue 21): a generated geo panel (bench/geo-spec.mjs, lib's generateGeoPanel)
// written as the CSV files a user would import (long `summary.csv` date,geo,channel,spend; `conversions.csv`
// date,geo,revenue; `factors.csv` date,geo,factor,value; `holidays.csv` national; `population.csv`) and fitted
// on those files by each tool in its own process: mixmodeler as a user runs it (its CLI in a child process:
// data import, harmonize, model create with the default config, so the geo-level model, then insights),
// Meridian's geo model and PyMC-Marketing's multidimensional MMM with dims=("geo",) by their documented
// defaults (bench/peers/fit_*_geo.py). Every fit runs under `nice -n 10` and the heavy lock (`flock
// /tmp/h2/heavy.lock` a fit, so other heavy runs can go between fits), `--timeout` seconds a fit at most
// (the lock's wait not counted). Per panel and tool: national ROI error median / worst over the channels,
// per-geo ROI error median, how many channels' 90% intervals hold the national truth, fit seconds (the
// tool's own, and CPU seconds), peak RSS. Results accumulate in bench/results/geo-peers.json (or
// geo-peers-<tag>.json with `--tag`); `--report-only` prints the table from them all.
//   node bench/geo-peers.mjs [--seeds 1,2] [--geos 8] [--weeks 156] [--channels 8] [--tools mixmodeler,meridian,pymc]
//     [--timeout 1800] [--lock /tmp/h2/heavy.lock] [--nice 10] [--tag T] [--report-only]
// (needs `npx tsc -b lib` and bench/setup-peers.sh's venvs; a peer whose venv is missing is left out, said)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PEERS, availablePeers, resultsFile, run, score } from './child.mjs';
import { DATA_DIR } from './datasets.mjs';
import { geoSpec } from './geo-spec.mjs';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2' },
    geos: { type: 'string', default: '8' },
    weeks: { type: 'string', default: '156' },
    channels: { type: 'string', default: '8' },
    tools: { type: 'string', default: 'mixmodeler,meridian,pymc' },
    timeout: { type: 'string', default: '1800' },
    lock: { type: 'string', default: '/tmp/h2/heavy.lock' },
    nice: { type: 'string', default: '10' },
    tag: { type: 'string' },
    'report-only': { type: 'boolean', default: false },
    'fit-mixmodeler': { type: 'string' },
  },
});

/** The peers' geo scripts, in the national scripts' venvs. */
const GEO_PEERS = {
  meridian: { python: PEERS.meridian.python, script: join(HERE, 'peers', 'fit_meridian_geo.py') },
  pymc: { python: PEERS.pymc.python, script: join(HERE, 'peers', 'fit_pymc_geo.py') },
};

if (values['fit-mixmodeler']) await fitMixmodeler(values['fit-mixmodeler']);
else await main();

/**
 * The child: mixmodeler on a panel's folder as a user runs it, the CLI's commands in this process (a fresh
 * workspace; import each file, harmonize, `model create` with the default config, `insights --json`).
 * Prints JSON: national ROI per channel with its 90% interval, each geo's ROI mean, the training's seconds
 * (`model create`) and the whole flow's, CPU seconds and peak RSS of this process.
 */
async function fitMixmodeler(folder) {
  const { runCaptured } = require('../lib/dist/cli/run.js');
  const truth = JSON.parse(readFileSync(join(folder, 'truth.json'), 'utf8'));
  const channels = Object.keys(truth.roi);
  const ws = join(mkdtempSync(join(tmpdir(), 'mm-geo-peers-')), 'ws');
  const cli = async (...argv) => {
    const r = await runCaptured(['--workspace', ws, '--json', ...argv]);
    if (r.code !== 0) throw new Error(`mixmodeler ${argv.join(' ')}: ${r.err.trim()}`);
    return r.out ? JSON.parse(r.out) : null;
  };
  const t0 = performance.now();
  const files = { summary: 'summary', conversions: 'conversions', factors: 'factors', holidays: 'factors' };
  for (const [name, kind] of Object.entries({ ...files, population: 'population' })) {
    if (existsSync(join(folder, `${name}.csv`))) await cli('data', 'import', join(folder, `${name}.csv`), '--as', kind);
  }
  await cli('harmonize');
  const config = {
    name: 'geo panel',
    conversion: 'revenue',
    touchpoints: channels.map((channel) => ({ channel, metric: 'spend', source: 'summary' })),
    lookbackWeeks: 8,
    trainingWindow: truth.window,
    factors: { internal: ['holiday'], external: ['price'] },
  };
  const configPath = join(dirname(ws), 'model.json');
  writeFileSync(configPath, JSON.stringify(config));
  const t1 = performance.now();
  const model = await cli('model', 'create', '--config', configPath);
  const seconds = (performance.now() - t1) / 1000;
  const ins = await cli('insights', model.id);
  const cpu = process.cpuUsage();
  console.log(
    JSON.stringify({
      tool: 'mixmodeler',
      seconds,
      flowSeconds: (performance.now() - t0) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      status: ins.status ?? model.status,
      fittedOn: ins.fittedOn ?? 'geo level',
      roi: Object.fromEntries(channels.map((c) => [c, pick(ins.channels[c].roi)])),
      geos: Object.fromEntries(
        Object.entries(ins.geos).map(([g, v]) => [
          g,
          Object.fromEntries(channels.map((c) => [c, v.channels[c].roi.mean])),
        ]),
      ),
    }),
  );
}

function pick(roi) {
  return { mean: roi.mean, lower: roi.lower, upper: roi.upper };
}

/** A panel's files in DATA_DIR/geo-<G>x<W>x<C>-s<seed>/ (written again each run: the generator is seeded). */
function writePanel(seed, geos, weeks, channels) {
  const mm = require('../lib/dist/index.js');
  const panel = mm.generateGeoPanel(geoSpec(seed, geos, channels, weeks));
  const id = `geo-${geos}x${weeks}x${channels}-s${seed}`;
  const folder = join(DATA_DIR, id);
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(mm.geoPanelFiles(panel))) writeFileSync(join(folder, name), text);
  return { id, folder, truth: JSON.parse(readFileSync(join(folder, 'truth.json'), 'utf8')) };
}

/** A tool's command for a panel: nice, the heavy lock, and the time limit inside the lock. */
function command(tool, folder, seed, timeout) {
  const fit =
    tool === 'mixmodeler'
      ? [process.execPath, fileURLToPath(import.meta.url), '--fit-mixmodeler', folder]
      : [GEO_PEERS[tool].python, GEO_PEERS[tool].script, folder, join(folder, 'truth.json'), String(seed)];
  return ['flock', [values.lock, 'timeout', '-k', '30', String(timeout), 'nice', '-n', values.nice, ...fit]];
}

/** The per-geo ROI error median |fit/true − 1| over geos × channels. */
function geoError(fit, truth) {
  if (!fit.geos) return undefined;
  const errors = [];
  for (const [g, t] of Object.entries(truth.geos)) {
    for (const [c, r] of Object.entries(t.roi))
      if (fit.geos[g]?.[c] !== undefined) errors.push(Math.abs(fit.geos[g][c] / r - 1));
  }
  return median(errors);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

async function main() {
  const RESULTS = join(HERE, 'results', `geo-peers${values.tag ? `-${values.tag}` : ''}.json`);
  const timeout = Number(values.timeout);
  const [G, W, C] = [values.geos, values.weeks, values.channels].map(Number);
  const tools = values.tools.split(',');
  const peers = availablePeers(
    tools.filter((t) => t !== 'mixmodeler'),
    GEO_PEERS,
  );
  const fitted = tools.filter((t) => t === 'mixmodeler' || peers.includes(t));
  const { results, save } = resultsFile(RESULTS);
  const log = (s) => console.error(`[geo-peers ${new Date().toISOString().slice(11, 19)}] ${s}`);
  if (!values['report-only']) {
    for (const seed of values.seeds.split(',').map(Number)) {
      const d = writePanel(seed, G, W, C);
      const truth = { channels: Object.keys(d.truth.roi), roi: d.truth.roi };
      const into = (results[d.id] ??= { geos: G, weeks: W, channels: C, seed });
      for (const tool of fitted) {
        log(`${d.id}: ${tool}; load ${loadavg()[0].toFixed(1)}`);
        const [cmd, args] = command(tool, d.folder, seed, timeout);
        // The lock's wait is not the fit's: the child's own limit is `timeout`, this one only a backstop.
        const r = await run(cmd, args, timeout + 4 * 3600, { PYTHONWARNINGS: 'ignore' });
        const timedOut = r.code === 124 || r.code === 137;
        const scored = timedOut ? { timedOut: true, timeoutSeconds: timeout } : score(r, truth);
        into[tool] = {
          ...scored,
          geoMedianError: r.roi ? geoError(r, d.truth) : undefined,
          loadAfter: loadavg()[0],
          date: new Date().toISOString(),
        };
        log(
          `${d.id}: ${tool} ${timedOut ? 'timed out' : r.error ? `failed: ${r.error}` : `${r.seconds.toFixed(0)} s, median ${(100 * scored.medianError).toFixed(1)}%`}`,
        );
        save();
      }
    }
  }
  report(dirname(RESULTS));
}

/** The table, per panel and tool, from every run's file. */
function report(dir) {
  const all = {};
  for (const f of readdirSync(dir).filter((n) => /^geo-peers(-.+)?\.json$/.test(n))) {
    for (const [id, r] of Object.entries(JSON.parse(readFileSync(join(dir, f), 'utf8')))) {
      // A finished fit wins over a failed or timed-out one of another run.
      all[id] = {
        ...all[id],
        ...Object.fromEntries(Object.entries(r).filter(([k, v]) => v?.roi || typeof v !== 'object' || !all[id]?.[k])),
      };
    }
  }
  const tools = ['mixmodeler', 'meridian', 'pymc'];
  console.log(
    `| panel | seeds | ${tools.map((t) => `${t}: national median / worst, per-geo median, 90% covered, s (CPU s), MB`).join(' | ')} |`,
  );
  console.log(`| --- | --- |${tools.map(() => ' --- |').join('')}`);
  // One row a panel, then (with more than one seed) a row over the seeds every tool finished: the same files.
  const sizes = [...new Set(Object.values(all).map((r) => `${r.geos}x${r.weeks}x${r.channels}`))];
  for (const size of sizes) {
    const rows = Object.values(all)
      .filter((r) => `${r.geos}x${r.weeks}x${r.channels}` === size)
      .sort((x, y) => x.seed - y.seed);
    for (const r of rows)
      console.log(`| ${size.replaceAll('x', ' × ')} | ${r.seed} | ${tools.map((t) => cell([r], t)).join(' | ')} |`);
    const common = rows.filter((r) => tools.every((t) => r[t]?.roi));
    if (rows.length > 1 && common.length > 1) {
      const seeds = common.map((r) => r.seed).join(', ');
      console.log(`| ${size.replaceAll('x', ' × ')} | ${seeds} | ${tools.map((t) => cell(common, t)).join(' | ')} |`);
    }
  }
}

/** A tool's cell over panels: errors over all their channels, coverage summed, medians of the rest. */
function cell(rows, t) {
  const pct = (v) => `${(100 * v).toFixed(1)}%`;
  const fits = rows.map((r) => r[t]).filter((f) => f?.roi);
  const missed = rows.map((r) => r[t]).filter((f) => f && !f.roi);
  const note = missed.length
    ? ` (${missed.map((f) => (f.timedOut ? `timed out at ${f.timeoutSeconds} s` : 'failed')).join(', ')})`
    : '';
  if (!fits.length) return missed.length ? note.slice(2, -1) : 'not fitted';
  const errors = fits.flatMap((f) => Object.values(f.roi).map((c) => c.error));
  const covered = fits.reduce((s, f) => s + f.covered, 0);
  const channels = fits.reduce((s, f) => s + f.channels, 0);
  const geo = median(fits.map((f) => f.geoMedianError));
  const secs = median(fits.map((f) => f.seconds));
  const cpu = median(fits.map((f) => f.cpuSeconds ?? NaN));
  const mb = Math.max(...fits.map((f) => f.peakRssMB));
  return `${pct(median(errors))} / ${pct(Math.max(...errors))}, ${pct(geo)}, ${covered}/${channels}, ${secs.toFixed(1)} s (${cpu.toFixed(0)}), ${mb}${note}`;
}
