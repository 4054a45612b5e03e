// Benchmark: journeys and attribution on Spark in local mode (`--engine spark`'s engine,
// attributeEventFilesSpark) against DuckDB on the same Parquet file. Not a test; run with
// `npm run build && node bench/spark.mjs [ROWS,ROWS,…] [--method M] [--master local[2]]`.
// The touchpoints are bench/mta-scale.mjs's (its generator, run as its child, into the system temp
// folder, reused when present). Spark runs in two more processes (the Python runner and its JVM):
// their peak RSS (VmHWM) is sampled from /proc every 100 ms and reported beside Node's own.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDescendantPeaks } from './process-peaks.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const method = flag('--method', 'latent-intent');
const master = flag('--master', 'local[2]');
const sizes = (args[0] && !args[0].startsWith('--') ? args[0] : '10000,1000000').split(',').map(Number);

const { attributeEventFiles } = require('../lib/dist/harmonize/journeys-duckdb.js');
const { attributeEventFilesSpark } = require('../lib/dist/harmonize/journeys-spark.js');
const { sparkPython } = require('../lib/dist/data/spark-setup.js');

const fileOf = (rows) => {
  const path = join(tmpdir(), `mixmodeler-bench-touchpoints-${rows}.parquet`);
  if (!existsSync(path)) {
    execFileSync(process.execPath, [join(here, 'mta-scale.mjs'), '--child', 'generate', String(rows), path], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return path;
};

await sparkPython({ connect: master.startsWith('sc://'), onProgress: (p) => console.error(p.message) });
const table = [];
for (const rows of sizes) {
  const path = fileOf(rows);
  const t0 = performance.now();
  const duck = await attributeEventFiles([{ path }], { method, lookbackDays: 28 });
  const duckSeconds = (performance.now() - t0) / 1000;
  const out = join(tmpdir(), `mm-bench-spark-scores-${rows}`);
  const t1 = performance.now();
  const { result: spark, peaks } = await withDescendantPeaks(() =>
    attributeEventFilesSpark([{ path }], { method, lookbackDays: 28, master, out }),
  );
  const sparkSeconds = (performance.now() - t1) / 1000;
  rmSync(out, { recursive: true, force: true });
  const worst = Math.max(
    ...Object.keys(duck.channels).map((c) => Math.abs(duck.channels[c].share - spark.channels[c].share)),
  );
  const jvm = peaks.filter((p) => p.name === 'java').reduce((s, p) => s + p.mb, 0);
  const python = peaks.filter((p) => p.name.startsWith('python')).reduce((s, p) => s + p.mb, 0);
  table.push({
    rows,
    method,
    patterns: spark.summary.patterns.length,
    sparkSeconds: Number(sparkSeconds.toFixed(1)),
    duckdbSeconds: Number(duckSeconds.toFixed(1)),
    jvmPeakMB: Math.round(jvm),
    pythonPeakMB: Math.round(python),
    nodePeakMB: Math.round(process.resourceUsage().maxRSS / 1024),
    worstShareDifference: worst,
  });
  console.error(JSON.stringify(table[table.length - 1]));
}
console.log(
  '| rows | method | patterns | Spark s | DuckDB s | JVM peak MB | runner peak MB | Node peak MB (DuckDB run too) | max share diff |',
);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of table)
  console.log(
    `| ${r.rows.toLocaleString('en')} | ${r.method} | ${r.patterns} | ${r.sparkSeconds} | ${r.duckdbSeconds} | ` +
      `${r.jvmPeakMB} | ${r.pythonPeakMB} | ${r.nodePeakMB} | ${r.worstShareDifference.toExponential(1)} |`,
  );
console.log(`\n${cpus().length} cores, ${process.version}, Spark master ${master}`);
