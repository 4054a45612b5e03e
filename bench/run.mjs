// The side-by-side benchmark: mixmodeler vs PyMC-Marketing and Google Meridian on the same datasets
// with known truth, plus mixmodeler's scaling (fit time vs weeks and channels, MTA vs touchpoints,
// harmonization vs event rows). Results accumulate in bench/results/bench.json (a partial run keeps
// the others' figures); the tables in bench/README.md and the SVG plots in bench/plots are rewritten
// from it at the end of every run.
//
// Usage: npm run bench [-- --sizes 104x4,156x10] [--peers pymc,meridian|none] [--timeout 1200]
//                      [--parts peers,scaling,mta,harmonize,cases] [--case-seeds 1,2,3] [--report-only]
// `cases` fits the engine's own accuracy cases (clean, realistic) with every tool.
// The peers' venvs come from bench/setup-peers.sh (run by npm run bench); not part of npm test.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PEERS, run, score } from './child.mjs';
import { writeCase, writeDataset } from './datasets.mjs';
import { writeReport } from './report.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'results', 'bench.json');
const SIZES = ['104x4', '156x4', '208x4', '104x10', '156x10', '208x10', '104x30', '156x30', '208x30'];

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const sizes = option('sizes', SIZES.join(',')).split(',');
const peers = option('peers', 'pymc,meridian')
  .split(',')
  .filter((p) => p !== 'none');
const timeout = Number(option('timeout', '1200'));
const parts = option('parts', 'peers,scaling,mta,harmonize,cases').split(',');
const caseSeeds = option('case-seeds', '1,2,3').split(',').map(Number);

const results = existsSync(RESULTS)
  ? JSON.parse(readFileSync(RESULTS, 'utf8'))
  : { peers: {}, scaling: { weeks: {}, channels: {} }, mta: {}, harmonize: {} };
results.cases ??= {};

function save() {
  results.machine = {
    cpu: os.cpus()[0].model,
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(`${RESULTS}.tmp`, JSON.stringify(results, null, 2) + '\n');
  renameSync(`${RESULTS}.tmp`, RESULTS);
}

const log = (s) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}`);

if (!process.argv.includes('--report-only')) {
  /** mixmodeler on one dataset (median of 5 fits), scored against its truth. */
  const fitMixmodeler = async (d, seconds) =>
    score(
      await run('node', [join(HERE, 'fit-mixmodeler.mjs'), d.csv, d.truthPath, '5'], seconds),
      JSON.parse(readFileSync(d.truthPath, 'utf8')),
    );
  if (parts.includes('scaling')) {
    const fit = (weeks, channels) => fitMixmodeler(writeDataset(weeks, channels), 600);
    for (const weeks of [104, 156, 208, 312, 416, 520]) {
      log(`scaling: ${weeks} weeks × 10 channels`);
      results.scaling.weeks[weeks] = await fit(weeks, 10);
    }
    for (const channels of [2, 4, 10, 20, 30, 50]) {
      log(`scaling: 104 weeks × ${channels} channels`);
      results.scaling.channels[channels] = await fit(104, channels);
    }
    save();
  }
  if (parts.includes('mta')) {
    for (const touches of [1_000_000, 3_000_000, 10_000_000]) {
      log(`MTA: ${touches} touchpoints`);
      results.mta[touches] = await run(
        'node',
        ['--max-old-space-size=20000', join(HERE, 'mta.mjs'), String(touches)],
        1800,
      );
      save();
    }
    // Attribution on journey processes the methods do not assume: L1 per process and method (bench/README).
    log('MTA: journey processes, every method, 3 seeds');
    results.mtaProcesses = await run('node', [join(HERE, 'mta-processes.mjs'), '--json'], 3600);
    save();
  }
  if (parts.includes('harmonize')) {
    for (const rows of [1_000_000, 3_000_000, 10_000_000]) {
      log(`harmonize: ${rows} event rows (first run generates the CSV, the second is timed)`);
      await run('node', [join(HERE, 'harmonize-events.mjs'), String(rows)], 1800);
      results.harmonize[rows] = await run('node', [join(HERE, 'harmonize-events.mjs'), String(rows)], 1800);
      save();
    }
  }
  // Every tool on one dataset, each in its own process; results under `into[d.id]`.
  const fitAll = async (d, into) => {
    const truth = JSON.parse(readFileSync(d.truthPath, 'utf8'));
    into[d.id] ??= {};
    log(`${d.id}: mixmodeler`);
    into[d.id].mixmodeler = await fitMixmodeler(d, timeout);
    save();
    for (const peer of peers) {
      const p = PEERS[peer];
      if (!existsSync(p.python)) throw new Error(`bench/.venv-${peer} is missing: run bash bench/setup-peers.sh`);
      log(`${d.id}: ${peer} (timeout ${timeout} s)`);
      const r = await run('nice', ['-n', '5', p.python, p.script, d.csv, d.truthPath], timeout, {
        PYTHONWARNINGS: 'ignore',
      });
      into[d.id][peer] = score(r, truth);
      log(
        `${d.id}: ${peer} ${r.timedOut ? 'timed out' : r.error ? `failed: ${r.error}` : `${r.seconds.toFixed(1)} s`}`,
      );
      save();
    }
  };
  if (parts.includes('peers')) {
    for (const size of sizes) {
      const [weeks, channels] = size.split('x').map(Number);
      await fitAll(writeDataset(weeks, channels), results.peers);
    }
  }
  if (parts.includes('cases')) {
    for (const name of ['clean', 'realistic']) {
      for (const seed of caseSeeds) await fitAll(writeCase(name, seed), results.cases);
    }
  }
}
await writeReport(results, HERE);
log('tables written to bench/README.md, plots to bench/plots/');
