import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, ROOT, projectEnv } from '../helpers/project-env';

const NOTEBOOKS = join(ROOT, 'notebooks');
const OUT = join(ARTIFACTS, 'notebooks');
const names = readdirSync(NOTEBOOKS)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();

/**
 * Executes a notebook through the tslab kernel into a report, exactly as `npm run report` does
 * (scripts/report.sh: nbconvert with the self-contained report template).
 */
function execute(path: string) {
  mkdirSync(OUT, { recursive: true });
  const args = [join(ROOT, 'scripts', 'report.sh'), '--out', OUT, path];
  const run = spawnSync('bash', args, { env: projectEnv(), encoding: 'utf8', timeout: 590_000 });
  return { status: run.status, stderr: run.stderr, html: join(OUT, basename(path).replace(/\.ipynb$/, '.html')) };
}

/** What in a report would be fetched from the network when it is opened. */
function externalResources(html: string): string[] {
  return [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(https?:)?\/\/[^"]*"/g)].map((m) => m[0]);
}

describe('notebooks, executed by Jupyter through the tslab kernel', () => {
  it('there is at least the quickstart notebook', () => {
    expect(names).toContain('00-quickstart.ipynb');
  });

  it('a notebook whose cell throws fails the run, naming the error', () => {
    const run = execute(join(__dirname, 'fixtures', 'failing-cell.ipynb'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('hill input must be finite and non-negative');
  });

  it.each(names)('%s runs without a failing cell and its HTML export keeps its figures', (name) => {
    const run = execute(join(NOTEBOOKS, name));
    // nbconvert exits non-zero when a cell throws; its stderr names the cell and the error.
    expect(run.status, run.stderr.slice(-4000)).toBe(0);
    const html = readFileSync(run.html, 'utf8');
    const source = readFileSync(join(NOTEBOOKS, name), 'utf8');
    const figuresShown = (source.match(/show(?:Figure|Model|Mta|Scenarios|GeoInsights)\(/g) ?? []).length;
    const figuresInReport = (html.match(/class="mixmodeler-fallback"/g) ?? []).length;
    expect(figuresInReport).toBeGreaterThanOrEqual(figuresShown);
    if (figuresShown > 0) expect(html).toContain('Plotly.newPlot');
    // Self-contained: plotly.js inlined once, nothing from a CDN.
    expect(externalResources(html)).toEqual([]);
    if (figuresShown > 0) expect(html).toMatch(/plotly\.js v\d+\.\d+\.\d+/i);
  });
});
