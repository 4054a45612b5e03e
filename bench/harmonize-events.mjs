// Benchmark: harmonize 10 million event rows into weekly per-channel aggregates through the DuckDB
// (out-of-core) path. Not a test; run with `npm run bench:harmonize` after `npm run build`.
// The CSV goes to the system temp folder (never into the repository) and is reused when present.
// Usage: node bench/harmonize-events.mjs [ROWS]
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { harmonizeEventsFile } = require('../lib/dist/index.js');

const rows = Number(process.argv[2] ?? 10_000_000);
const path = join(tmpdir(), `mixmodeler-bench-events-${rows}.csv`);
const channels = ['search', 'social', 'tv', 'display', 'email', 'video', 'affiliate', 'radio'];

async function generate() {
  const out = createWriteStream(path);
  out.write('user_id,timestamp,channel,event,value\n');
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const start = Date.UTC(2023, 0, 2);
  const span = 104 * 7 * 86_400_000; // two years
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const ts = new Date(start + Math.floor(rand() * span)).toISOString().slice(0, 19);
    const conv = rand() < 0.03;
    chunk += `u${Math.floor(rand() * 1_000_000)},${ts},${channels[Math.floor(rand() * channels.length)]},${conv ? 'conversion' : 'touch'},${conv ? (rand() * 100).toFixed(2) : ''}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise((r) => out.end(r));
}

if (!existsSync(path)) {
  const t = performance.now();
  await generate();
  console.error(`generated ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s: ${path}`);
}
const t0 = performance.now();
const { rows: out, events } = await harmonizeEventsFile(path, { grain: 'week', memoryLimit: '3GB' });
const seconds = (performance.now() - t0) / 1000;
const result = {
  rows: events,
  fileMB: Math.round(statSync(path).size / 2 ** 20),
  aggregates: out.length,
  seconds: Number(seconds.toFixed(2)),
  rowsPerSecond: Math.round(events / seconds),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  cores: cpus().length,
  node: process.version,
};
console.log(JSON.stringify(result, null, 2));
