// The MMM recovery grid side by side (issue 20): each spend pattern's datasets (bench/mmm-grid-spec.mjs)
// written as CSV files and fitted by every tool in its own process on the same file: mixmodeler as a user
// runs it (bench/fit-mixmodeler.mjs, the default config), PyMC-Marketing and Meridian by their documented
// defaults (bench/peers/). Per pattern: median and worst-channel ROI error (median over seeds), 90%
// coverage and fit seconds per tool. Results accumulate in bench/results/mmm-grid-peers.json, or in
// mmm-grid-peers-<tag>.json with `--tag` (so two runs at once never overwrite each other); the table reads them all.
//   node bench/mmm-grid-peers.mjs [--seeds 1] [--patterns random,trend] [--peers pymc,meridian] [--timeout 1800] [--tag T]
// (needs `npx tsc -b lib` and bench/setup-peers.sh's venvs; a peer whose venv is missing is left out, said)
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PEERS, availablePeers, resultsFile, run, score } from './child.mjs';
import { writeGridCase } from './datasets.mjs';
import { LABELS, PATTERNS } from './mmm-grid-spec.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    tag: { type: 'string' },
    seeds: { type: 'string', default: '1' },
    patterns: { type: 'string', default: PATTERNS.join(',') },
    peers: { type: 'string', default: 'pymc,meridian' },
    timeout: { type: 'string', default: '1800' },
    'report-only': { type: 'boolean', default: false },
  },
});
const RESULTS = join(HERE, 'results', `mmm-grid-peers${values.tag ? `-${values.tag}` : ''}.json`);
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const patterns = values.patterns.split(',');
const timeout = Number(values.timeout);
const peers = availablePeers(values.peers.split(',').filter((p) => p !== 'none'));
const { results, save } = resultsFile(RESULTS);
const log = (s) => console.error(`[grid ${new Date().toISOString().slice(11, 19)}] ${s}`);

if (!values['report-only']) {
  for (const pattern of patterns) {
    for (const seed of seeds) {
      const d = writeGridCase(pattern, seed);
      const truth = JSON.parse(readFileSync(d.truthPath, 'utf8'));
      const into = (results[d.id] ??= { pattern, seed, weeks: truth.weeks, channels: truth.channels.length });
      log(
        `${d.id} (${truth.weeks} weeks × ${truth.channels.length} channels): mixmodeler; load ${loadavg()[0].toFixed(1)}`,
      );
      into.mixmodeler = score(
        await run('node', [join(HERE, 'fit-mixmodeler.mjs'), d.csv, d.truthPath, '1'], 600),
        truth,
      );
      save();
      for (const peer of peers) {
        log(`${d.id}: ${peer}`);
        const r = await run('nice', ['-n', '10', PEERS[peer].python, PEERS[peer].script, d.csv, d.truthPath], timeout, {
          PYTHONWARNINGS: 'ignore',
        });
        into[peer] = score(r, truth);
        log(
          `${d.id}: ${peer} ${r.timedOut ? 'timed out' : r.error ? `failed: ${r.error}` : `${r.seconds.toFixed(0)} s`}`,
        );
        save();
      }
    }
  }
}

// The table: per pattern and tool, over the seeds fitted, from every run's file (a dataset's tools merged).
const all = {};
for (const f of readdirSync(dirname(RESULTS)).filter((n) => /^mmm-grid-peers(-.+)?\.json$/.test(n))) {
  for (const [id, r] of Object.entries(JSON.parse(readFileSync(join(dirname(RESULTS), f), 'utf8')))) {
    all[id] = {
      ...all[id],
      ...Object.fromEntries(Object.entries(r).filter(([, v]) => v?.roi || typeof v !== 'object')),
    };
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (v) => `${(100 * v).toFixed(0)}%`;
const tools = ['mixmodeler', 'pymc', 'meridian'].filter((t) => Object.values(all).some((r) => r[t]?.roi));
console.log(
  `| spend pattern | seeds | ${tools.map((t) => `${t}: median / worst ROI error, 90% covered, seconds`).join(' | ')} |`,
);
console.log(`| --- | --- |${tools.map(() => ' --- |').join('')}`);
for (const pattern of PATTERNS) {
  const rows = Object.values(all).filter((r) => r.pattern === pattern);
  if (!rows.length) continue;
  const cells = tools.map((t) => {
    const fits = rows.map((r) => r[t]).filter((f) => f?.roi);
    if (!fits.length) return 'not fitted';
    const covered = fits.reduce((s, f) => s + f.covered, 0);
    const channels = fits.reduce((s, f) => s + f.channels, 0);
    return `${pct(median(fits.map((f) => f.medianError)))} / ${pct(median(fits.map((f) => f.maxError)))}, ${covered}/${channels}, ${median(fits.map((f) => f.seconds)).toFixed(1)} s`;
  });
  const sizes = rows.map((r) => `${r.weeks}×${r.channels}`).join(', ');
  console.log(`| ${LABELS[pattern]} | ${rows.length} (${sizes}) | ${cells.join(' | ')} |`);
}
