// Executes notebooks through the tslab kernel and writes self-contained HTML reports: plotly.js is
// inlined by the figures, and the report template drops nbconvert's CDN scripts (require.js, MathJax,
// mermaid), so a report opens offline. Run through scripts/report.sh (the project's Jupyter environment).
//
//   node scripts/report.mjs [--out DIR] [NOTEBOOK...]     default: every notebooks/*.ipynb into reports/
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const NOTEBOOKS = join(ROOT, 'notebooks');

const args = process.argv.slice(2);
let out = join(ROOT, 'reports');
const names = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') out = resolve(args[++i] ?? '');
  else names.push(args[i]);
}
const paths = (
  names.length
    ? names
    : readdirSync(NOTEBOOKS)
        .filter((f) => f.endsWith('.ipynb'))
        .sort()
).map((n) => (existsSync(n) ? resolve(n) : join(NOTEBOOKS, n)));
mkdirSync(out, { recursive: true });

let failed = 0;
const started = Date.now();
for (const path of paths) {
  if (!existsSync(path)) {
    console.error(`report: no notebook ${path}`);
    failed++;
    continue;
  }
  const t0 = Date.now();
  const run = spawnSync(
    'jupyter',
    [
      'nbconvert',
      '--to',
      'html',
      '--execute',
      '--ExecutePreprocessor.kernel_name=tslab',
      '--ExecutePreprocessor.timeout=600',
      '--ExecutePreprocessor.record_timing=False',
      `--TemplateExporter.extra_template_basedirs=${join(ROOT, 'scripts')}`,
      '--template',
      'report-template',
      '--output-dir',
      out,
      path,
    ],
    { cwd: dirname(path), encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] },
  );
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed++;
    // nbconvert's stderr names the failing cell and its error.
    process.stderr.write(run.stderr);
    console.error(`report: ${basename(path)} FAILED after ${seconds} s`);
    continue;
  }
  const html = join(out, basename(path).replace(/\.ipynb$/, '.html'));
  const figures = (readFileSync(html, 'utf8').match(/class="mixmodeler-fallback"/g) ?? []).length;
  const mb = (statSync(html).size / 1e6).toFixed(1);
  console.log(`report: ${basename(html)}  ${figures} figure(s), ${mb} MB, ${seconds} s`);
}
console.log(
  `report: ${paths.length - failed}/${paths.length} notebooks in ${((Date.now() - started) / 1000).toFixed(0)} s → ${out}`,
);
process.exit(failed ? 1 : 0);
