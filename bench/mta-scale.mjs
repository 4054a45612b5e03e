// Benchmark: journeys and attribution out of core (DuckDB SQL) at 1M, 10M and 100M touchpoints, and
// the in-memory path at 1M for comparison. Not a test; run with `npm run bench:mta-scale` (builds lib).
// Events are generated as Parquet by DuckDB SQL itself (`COPY (SELECT … FROM range(N)) TO …`, never
// through JS) into the system temp folder, reused when present. Each run is its own child process, so
// its peak RSS (process.resourceUsage().maxRSS: JS heap and DuckDB together) is its own.
// Usage: node bench/mta-scale.mjs [ROWS,ROWS,…] [--memory ROWS] [--method M] [--memory-limit 1GB]
//   (--method: default mta's, intent-factor)
//   default: 1000000,10000000 and --memory 1000000; add 100000000 once, alone, for the final run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
// The method: mta's default (intent-factor) unless --method names another.
const method = flag('--method', require('../lib/dist/mta/attribute.js').DEFAULT_MTA_METHOD);
const memoryLimit = flag('--memory-limit', '1GB');

// Users have 10 events on average over 180 days, 3.5% of events are conversions, 6 channels with
// different reach; rows are in no order (hash of the row number).
function generateSql(rows, path) {
  const users = Math.max(1, Math.round(rows / 10));
  return `COPY (
  SELECT 'u' || CAST(hash(i, 1) % ${users} AS VARCHAR) AS user_id,
    TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_seconds(CAST(hash(i, 2) % ${180 * 86400} AS BIGINT)) AS "timestamp",
    CASE WHEN hash(i, 3) % 1000 < 35 THEN 'conversion' ELSE 'touch' END AS event,
    CASE WHEN hash(i, 3) % 1000 < 35 THEN ''
      ELSE ['search', 'search', 'search', 'social', 'social', 'display', 'email', 'email', 'tv', 'video'][
        CAST(hash(i, 4) % 10 AS INTEGER) + 1] END AS channel,
    CASE WHEN hash(i, 3) % 1000 < 35 THEN CAST(hash(i, 5) % 10000 AS DOUBLE) / 100 ELSE 0 END AS value
  FROM range(${rows}) t(i)
) TO '${path}' (FORMAT PARQUET, ROW_GROUP_SIZE 1000000)`;
}

async function child(kind, rows, path) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let out;
  if (kind === 'generate') {
    const { withDuckDb } = require('../lib/dist/data/duckdb.js');
    const tmp = mkdtempSync(join(tmpdir(), 'mm-gen-'));
    await withDuckDb((c) => c.run(generateSql(rows, path)), {
      memory_limit: memoryLimit,
      temp_directory: tmp,
      preserve_insertion_order: 'false',
    });
    rmSync(tmp, { recursive: true, force: true });
    out = {};
  } else if (kind === 'duckdb') {
    const { attributeEventFiles } = require('../lib/dist/harmonize/journeys-duckdb.js');
    const scores = join(tmpdir(), `mm-bench-scores-${rows}.parquet`);
    const r = await attributeEventFiles([{ path }], { method, lookbackDays: 28, out: scores, memoryLimit });
    out = {
      patterns: r.summary.patterns.length,
      journeys: r.summary.patterns.reduce((s, p) => s + p.weight, 0),
      shares: Object.fromEntries(Object.entries(r.channels).map(([c, v]) => [c, Number(v.share.toFixed(4))])),
      scoresMB: Math.round(statSync(scores).size / 2 ** 20),
      // Seconds of the statements that took more than half a second, named by their first words.
      stages: r.sql
        .map((q, i) => [q.replace(/\s+/g, ' ').slice(0, 40), Number(r.seconds[i].toFixed(1))])
        .filter(([, t]) => t >= 0.5),
    };
    rmSync(scores, { force: true });
  } else {
    // In memory: the events come into the heap as rows (read through DuckDB), then journeysFromEvents,
    // attribute and writeTouchScoresParquet, as `mta --engine memory` does.
    const { withDuckDb } = require('../lib/dist/data/duckdb.js');
    const { journeysFromEvents } = require('../lib/dist/mta/journeys.js');
    const { attribute } = require('../lib/dist/mta/attribute.js');
    const { writeTouchScoresParquet } = require('../lib/dist/data/touch-scores-parquet.js');
    const events = await withDuckDb(async (c) =>
      (
        await c.runAndReadAll(
          `SELECT user_id, strftime("timestamp", '%Y-%m-%dT%H:%M:%SZ') AS timestamp, channel, event FROM read_parquet('${path}')`,
        )
      ).getRowObjectsJson(),
    );
    const r = attribute(journeysFromEvents(events, 28), method);
    const scores = join(tmpdir(), `mm-bench-scores-memory-${rows}.parquet`);
    await writeTouchScoresParquet(r.touches, scores);
    rmSync(scores, { force: true });
    out = {
      shares: Object.fromEntries(Object.entries(r.channels).map(([c, v]) => [c, Number(v.share.toFixed(4))])),
    };
  }
  const seconds = (performance.now() - t0) / 1000;
  // CPU seconds (user + system, DuckDB's threads included): on a shared machine, what the wall time
  // would be on free cores is about this over the threads.
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = Number(((cpu.user + cpu.system) / 1e6).toFixed(1));
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ ...out, seconds: Number(seconds.toFixed(1)), cpuSeconds, peakRssMB }));
}

function spawn(kind, rows, path) {
  const text = execFileSync(process.execPath, [self, '--child', kind, String(rows), path, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  return JSON.parse(text.trim().split('\n').pop());
}

if (args[0] === '--child') {
  await child(args[1], Number(args[2]), args[3]);
} else {
  const sizes = (args[0] && !args[0].startsWith('--') ? args[0] : '1000000,10000000').split(',').map(Number);
  const memory = Number(flag('--memory', '1000000'));
  const table = [];
  const fileOf = (rows) => {
    const path = join(tmpdir(), `mixmodeler-bench-touchpoints-${rows}.parquet`);
    if (!existsSync(path)) {
      const g = spawn('generate', rows, path);
      console.error(`generated ${rows} rows as Parquet in ${g.seconds} s (${g.peakRssMB} MB): ${path}`);
    }
    return path;
  };
  const runs = [...sizes.map((rows) => ['duckdb', rows]), ...(memory > 0 ? [['memory', memory]] : [])];
  for (const [engine, rows] of runs) {
    const r = spawn(engine, rows, fileOf(rows));
    table.push({ engine, rows, method, ...r });
    console.error(JSON.stringify(table[table.length - 1]));
  }
  console.log(`| engine | rows | method | seconds | CPU seconds | peak RSS (MB) | patterns |`);
  console.log(`| --- | ---: | --- | ---: | ---: | ---: | ---: |`);
  for (const r of table)
    console.log(
      `| ${r.engine} | ${r.rows.toLocaleString('en')} | ${r.method} | ${r.seconds} | ${r.cpuSeconds} | ${r.peakRssMB} | ${r.patterns ?? ''} |`,
    );
  console.log(`\n${cpus().length} cores, ${process.version}, DuckDB memory_limit ${memoryLimit}`);
}
