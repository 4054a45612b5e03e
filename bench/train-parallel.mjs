// Independent models trained at the same time (issue 21, Scale): a generated geo panel of G geos is
// partitioned into K models of G/K geos each (`geos` subsets), as a user with hundreds of geos would; the K
// trainings run one after the other (`--parallel 1`) and then at once (`trainModels`, one worker thread per
// model, `--parallel P`), and each is timed against one model on all the geos. Wall time, the CPU time of
// the process (user + system) and its peak RSS; the load average is printed first (the machine is shared).
// Each case runs in a fresh process (`--case N --workspace WS`), so none gains from another's warm JIT.
//   node bench/train-parallel.mjs [--geos 40] [--groups 4] [--parallel 2] [--weeks 156]   (needs `npx tsc -b lib`)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { runCaptured } = require('../lib/dist/cli/run.js');
const { GEO_PANEL_SPEC, generateGeoPanel } = require('../lib/dist/synth/geo-panel.js');
const { geoPanelFiles } = require('../lib/dist/synth/geo-panel-files.js');
const { registerModel } = require('../lib/dist/workspace/lifecycle.js');
const { trainModels } = require('../lib/dist/workspace/train-pool.js');

const { values } = parseArgs({
  options: {
    geos: { type: 'string', default: '40' },
    groups: { type: 'string', default: '4' },
    parallel: { type: 'string', default: '2' },
    weeks: { type: 'string', default: '156' },
    case: { type: 'string' },
    workspace: { type: 'string' },
  },
});
const G = Number(values.geos);
const K = Number(values.groups);
const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: G, weeks: Number(values.weeks), seed: 3 });
const ws = values.workspace ?? (await panelWorkspace());

/** A new workspace with the panel imported and harmonized. */
async function panelWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'mm-train-parallel-'));
  const at = join(dir, 'ws');
  for (const [name, text] of Object.entries(geoPanelFiles(panel))) writeFileSync(join(dir, name), text);
  for (const [name, kind] of Object.entries({ summary: 'summary', conversions: 'conversions', holidays: 'factors' })) {
    const r = await runCaptured(['--workspace', at, 'data', 'import', join(dir, `${name}.csv`), '--as', kind]);
    if (r.code !== 0) throw new Error(r.err);
  }
  if ((await runCaptured(['--workspace', at, 'harmonize'])).code !== 0) throw new Error('harmonize failed');
  return at;
}

const geos = panel.geos.map((g) => g.name);
const config = (name, subset) => ({
  name,
  conversion: 'revenue',
  touchpoints: GEO_PANEL_SPEC.channels.map((c) => ({ channel: c.name, metric: 'spend', source: 'summary' })),
  lookbackWeeks: 8,
  adstock: 'geometric',
  trainingWindow: panel.window,
  factors: { internal: ['holiday'] },
  geos: subset,
});
const groups = Array.from({ length: K }, (_, k) => geos.filter((_, i) => i % K === k));

/** Registers models and trains them through the pool; wall and CPU seconds, and whether all trained. */
async function timed(label, configs, parallel) {
  const ids = configs.map((c) => registerModel(ws, c).id);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await trainModels(
    ws,
    ids.map((id) => ({ id })),
    { parallel },
  );
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const failed = out.filter((o) => !('model' in o) || o.model.status === 'failed');
  if (failed.length) throw new Error(`${label}: ${JSON.stringify(failed)}`);
  return { label, models: ids.length, parallel, wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

const CASES = [
  () => timed(`one model on all ${G} geos`, [config('all', geos)], 1),
  () =>
    timed(
      `${K} models of ${G / K} geos, one after the other`,
      groups.map((g, k) => config(`group ${k + 1}`, g)),
      1,
    ),
  () =>
    timed(
      `${K} models of ${G / K} geos, ${values.parallel} at once`,
      groups.map((g, k) => config(`group ${k + 1}`, g)),
      Number(values.parallel),
    ),
];

if (values.case !== undefined) {
  const r = await CASES[Number(values.case)]();
  console.log(JSON.stringify({ ...r, rss: process.resourceUsage().maxRSS / 1024 }));
} else {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${G} geos × ${values.weeks} weeks × 4 channels`,
  );
  console.log('| trainings | models | at once | wall | CPU (process, workers included) | peak RSS |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const k of CASES.keys()) {
    const args = [...process.argv.slice(1), '--case', String(k), '--workspace', ws];
    const r = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim().split('\n').pop());
    console.log(
      `| ${r.label} | ${r.models} | ${r.parallel} | ${r.wall.toFixed(1)} s | ${r.cpu.toFixed(1)} s | ${r.rss.toFixed(0)} MB |`,
    );
  }
  console.log(`load average after ${loadavg()[0].toFixed(2)}`);
}
