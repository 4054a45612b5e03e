// Strict input at scale: how fast the strict CSV reader loads event files, against arquero's fromCSV (which
// the reader replaced), and how fast a file with one stray quote is refused. `npm run bench:input [-- ROWS]`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { loadCsv } = require('../lib/dist/index.js');
const { fromCSV } = require('arquero');

const rows = Number(process.argv[2] ?? 1_000_000);
const channels = ['search', 'tv', 'social', 'display', 'email'];
const lines = ['user_id,timestamp,channel,event,value'];
for (let i = 0; i < rows; i++) {
  const day = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const conversion = i % 10 === 0;
  lines.push(
    `u${(i * 7919) % 100_000},${day}T10:00:00Z,${conversion ? '' : channels[i % 5]},${conversion ? 'conversion,"12.5"' : 'touch,'}`,
  );
}
const dir = mkdtempSync(join(tmpdir(), 'mm-bench-input-'));
const good = join(dir, 'events.csv');
writeFileSync(good, lines.join('\n') + '\n');
lines[102] = lines[102].replace(',touch,', ',"touch,'); // a stray quote at row 103
const bad = join(dir, 'stray-quote.csv');
writeFileSync(bad, lines.join('\n') + '\n');

function timed(label, fn) {
  const t = performance.now();
  let result;
  try {
    result = fn();
  } catch (e) {
    result = `refused: ${e.message} (${e.message.length} chars)`;
  }
  const ms = performance.now() - t;
  console.log(
    `${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB  ${result}`,
  );
}

const text = readFileSync(good, 'utf8');
const broken = readFileSync(bad, 'utf8');
console.log(`${rows} rows, ${(text.length / 1e6).toFixed(0)} MB`);
for (let k = 0; k < 2; k++) {
  timed('loadCsv (strict)', () => `${loadCsv(text, { source: 'events.csv' }).table.numRows()} rows`);
  timed('arquero fromCSV (loose)', () => `${fromCSV(text, { autoType: false }).numRows()} rows`);
}
timed(
  'loadCsv, stray quote at row 103',
  () => `${loadCsv(broken, { source: 'stray-quote.csv' }).table.numRows()} rows`,
);
timed('fromCSV, stray quote at row 103', () => `${fromCSV(broken, { autoType: false }).numRows()} rows`);
