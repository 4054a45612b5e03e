// Turns bench/results/bench.json into the tables of bench/README.md (between the bench:start and
// bench:end markers) and the SVG plots in bench/plots.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { lineChart } from './svg.mjs';

const TOOLS = [
  ['mixmodeler', 'mixmodeler'],
  ['pymc', 'PyMC-Marketing'],
  ['meridian', 'Meridian'],
];
const pct = (v) => `${Math.round(100 * v)}%`;
const secs = (v) => (v < 1 ? `${v.toFixed(3)} s` : v < 100 ? `${v.toFixed(1)} s` : `${Math.round(v)} s`);
const mb = (v) => (v >= 1024 ? `${(v / 1024).toFixed(1)} GB` : `${v} MB`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );
const bySize = (a, b) => {
  const [wa, ca] = a.split('-')[0].split('x').map(Number);
  const [wb, cb] = b.split('-')[0].split('x').map(Number);
  return ca - cb || wa - wb;
};
const sizeLabel = (id) => id.split('-')[0].replace('x', ' × ');

function speedCell(r) {
  if (!r) return 'not run';
  if (r.timedOut) return `> ${r.timeoutSeconds} s (stopped)`;
  if (r.error) return 'failed';
  return `${secs(r.seconds)}, ${mb(r.peakRssMB)}`;
}
function accuracyCell(r) {
  if (!r || !r.roi) return '—';
  return `${pct(r.medianError)} / ${pct(r.maxError)} / ${r.covered}/${r.channels}`;
}

function peersSection(results) {
  const ids = Object.keys(results.peers).sort(bySize);
  const speed = table(
    [
      'weeks × channels',
      ...TOOLS.map(([, n]) => `${n}: fit time, peak RSS`),
      'PyMC-Marketing ÷ mixmodeler',
      'Meridian ÷ mixmodeler',
    ],
    ids.map((id) => {
      const r = results.peers[id];
      const ratio = (p) =>
        r[p]?.seconds && r.mixmodeler?.seconds
          ? `${Math.round(r[p].seconds / r.mixmodeler.seconds).toLocaleString('en-US')}×`
          : r[p]?.timedOut && r.mixmodeler?.seconds
            ? `> ${Math.round(r[p].timeoutSeconds / r.mixmodeler.seconds).toLocaleString('en-US')}×`
            : '—';
      return [sizeLabel(id), ...TOOLS.map(([k]) => speedCell(r[k])), ratio('pymc'), ratio('meridian')];
    }),
  );
  const accuracy = table(
    ['weeks × channels', ...TOOLS.map(([, n]) => `${n}: median / worst ROI error / 90% covered`)],
    ids.map((id) => [sizeLabel(id), ...TOOLS.map(([k]) => accuracyCell(results.peers[id][k]))]),
  );
  const all = TOOLS.map(([k, n]) => {
    const fits = ids.map((id) => results.peers[id][k]).filter((r) => r?.roi);
    if (fits.length === 0) return [n, '0', '—', '—', '—', '—'];
    const cov = fits.reduce((s, r) => s + r.covered, 0) / fits.reduce((s, r) => s + r.channels, 0);
    const conv = fits.filter((r) => r.maxRhat !== undefined);
    return [
      n,
      String(fits.length),
      pct(median(fits.map((r) => r.medianError))),
      pct(Math.max(...fits.map((r) => r.maxError))),
      pct(cov),
      conv.length ? `max r-hat ${Math.max(...conv.map((r) => r.maxRhat)).toFixed(3)}` : 'MAP + Laplace',
    ];
  });
  const summary = table(
    [
      'tool',
      'datasets fitted',
      'median of the median ROI errors',
      'worst channel',
      '90% interval coverage',
      'convergence',
    ],
    all,
  );
  return `### Fit time and peak memory\n\n${speed}\n\n### ROI accuracy against the truth\n\n${accuracy}\n\n### Over all datasets each tool fitted\n\n${summary}`;
}

function casesSection(results) {
  const cases = results.cases ?? {};
  const ids = Object.keys(cases).sort();
  if (ids.length === 0) return '';
  const rows = ids.map((id) => [id, ...TOOLS.map(([k]) => accuracyCell(cases[id][k]))]);
  for (const name of [...new Set(ids.map((id) => id.replace(/-s\d+$/, '')))]) {
    const group = ids.filter((id) => id.startsWith(`${name}-`));
    rows.push([
      `**${name}: over ${group.length} seeds**`,
      ...TOOLS.map(([k]) => {
        const fits = group.map((id) => cases[id][k]).filter((r) => r?.roi);
        if (fits.length === 0) return '—';
        const cov = fits.reduce((s, r) => s + r.covered, 0) / fits.reduce((s, r) => s + r.channels, 0);
        return `**${pct(median(fits.map((r) => r.medianError)))} / ${pct(Math.max(...fits.map((r) => r.maxError)))} / ${pct(cov)}**`;
      }),
    ]);
  }
  const speed = ids.map((id) => [id, ...TOOLS.map(([k]) => speedCell(cases[id][k]))]);
  return [
    "### The engine's accuracy cases, fitted by every tool",
    'The `clean` and `realistic` cases of the MMM-engine issue (lib `CASES`: 104 weeks, 4 channels at 2% noise; 7 channels at 5% noise with flighted, seasonal, trend-following, sparse and delayed channels, price and holiday).',
    table(['case-seed', ...TOOLS.map(([, n]) => `${n}: median / worst ROI error / 90% covered`)], rows),
    table(['case-seed', ...TOOLS.map(([, n]) => `${n}: fit time, peak RSS`)], speed),
  ].join('\n\n');
}

function scalingSection(results) {
  const s = results.scaling;
  const rows = (obj, label) =>
    Object.keys(obj)
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => [
        label(k),
        secs(obj[k].seconds),
        mb(obj[k].peakRssMB),
        pct(obj[k].medianError ?? 0),
        obj[k].status ?? '—',
      ]);
  const head = ['data', 'fit time (median of 5)', 'peak RSS', 'median ROI error', 'status'];
  const mta = Object.keys(results.mta)
    .map(Number)
    .sort((a, b) => a - b)
    .map((k) => {
      const r = results.mta[k];
      if (!r.methods) return [k.toLocaleString('en-US'), r.timedOut ? 'stopped' : 'failed', '', '', '', ''];
      return [
        r.touches.toLocaleString('en-US'),
        r.users.toLocaleString('en-US'),
        secs(r.journeySeconds),
        `${secs(r.methods['latent-intent'].seconds)} (share error ≤ ${pct(r.methods['latent-intent'].maxShareError)})`,
        `${secs(r.methods.markov.seconds)} (share error ≤ ${pct(r.methods.markov.maxShareError)})`,
        mb(r.peakRssMB),
      ];
    });
  const harm = Object.keys(results.harmonize)
    .map(Number)
    .sort((a, b) => a - b)
    .map((k) => {
      const r = results.harmonize[k];
      if (!r.rows) return [k.toLocaleString('en-US'), 'failed', '', '', ''];
      return [
        r.rows.toLocaleString('en-US'),
        `${r.fileMB} MB`,
        secs(r.seconds),
        `${(r.rowsPerSecond / 1e6).toFixed(1)} M/s`,
        mb(r.peakRssMB),
      ];
    });
  return [
    '### mixmodeler fit time against weeks (10 channels, 3 factors)',
    table(
      head,
      rows(s.weeks, (k) => `${k} × 10`),
    ),
    '### mixmodeler fit time against channels (104 weeks, 3 factors)',
    table(
      head,
      rows(s.channels, (k) => `104 × ${k}`),
    ),
    '### MTA against touchpoints (journeys built from event rows, then attributed)',
    table(['touchpoints', 'users', 'journeys from events', 'latent intent (default)', 'Markov', 'peak RSS'], mta),
    '### Harmonization against event rows (DuckDB, weekly, CSV in the page cache)',
    table(['event rows', 'CSV', 'time', 'rows/s', 'peak RSS'], harm),
  ].join('\n\n');
}

function plots(results, dir) {
  mkdirSync(dir, { recursive: true });
  const ids = Object.keys(results.peers);
  const series = [];
  for (const [tool, [k, n]] of TOOLS.entries()) {
    for (const weeks of [104, 208]) {
      const points = ids
        .filter((id) => id.startsWith(`${weeks}x`) && results.peers[id][k]?.seconds)
        .map((id) => [Number(id.split('-')[0].split('x')[1]), results.peers[id][k].seconds]);
      if (points.length) series.push({ name: `${n}, ${weeks} wk`, points, dashed: weeks === 208, color: tool });
    }
  }
  const charts = {
    'fit-time-peers.svg': {
      title: 'Fit time on the same data (log scale)',
      xLabel: 'channels',
      yLabel: 'seconds',
      logY: true,
      series,
    },
    'mixmodeler-channels.svg': {
      title: 'mixmodeler fit time against channels (104 weeks)',
      xLabel: 'channels',
      yLabel: 'seconds (intervals included)',
      logX: true,
      logY: true,
      series: [
        {
          name: 'mixmodeler',
          points: Object.entries(results.scaling.channels).map(([k, r]) => [Number(k), r.seconds]),
        },
      ],
    },
    'mixmodeler-weeks.svg': {
      title: 'mixmodeler fit time against weeks (10 channels)',
      xLabel: 'weeks',
      yLabel: 'seconds (intervals included)',
      series: [
        { name: 'mixmodeler', points: Object.entries(results.scaling.weeks).map(([k, r]) => [Number(k), r.seconds]) },
      ],
    },
    'mta-scaling.svg': {
      title: 'MTA time against touchpoints',
      xLabel: 'touchpoints',
      yLabel: 'seconds',
      logX: true,
      logY: true,
      series: [
        ['journeys from events', (r) => r.journeySeconds],
        ['latent intent', (r) => r.methods['latent-intent'].seconds],
        ['Markov', (r) => r.methods.markov.seconds],
      ].map(([name, get]) => ({
        name,
        points: Object.entries(results.mta)
          .filter(([, r]) => r.methods)
          .map(([k, r]) => [Number(k), get(r)]),
      })),
    },
    'harmonize-scaling.svg': {
      title: 'Harmonization time against event rows',
      xLabel: 'event rows',
      yLabel: 'seconds',
      logX: true,
      logY: true,
      series: [
        {
          name: 'DuckDB, weekly',
          points: Object.values(results.harmonize)
            .filter((r) => r.rows)
            .map((r) => [r.rows, r.seconds]),
        },
      ],
    },
  };
  for (const [file, chart] of Object.entries(charts)) {
    if (chart.series.every((s) => s.points.length === 0)) continue;
    chart.series = chart.series.filter((s) => s.points.length > 0);
    writeFileSync(join(dir, file), lineChart(chart));
  }
}

/** Rewrites the generated part of bench/README.md and the plots from the results. */
export async function writeReport(results, benchDir) {
  const m = results.machine ?? {};
  const versions = ['pymc', 'meridian']
    .map((k) => Object.values(results.peers).find((r) => r[k]?.version)?.[k].version)
    .map((v, i) => (v ? `${['PyMC-Marketing', 'Google Meridian'][i]} ${v}` : null))
    .filter(Boolean);
  const body = [
    `Machine: ${m.cpu ?? '?'}, ${m.cores ?? '?'} cores, ${m.memoryGiB ?? '?'} GiB; Node ${m.node ?? '?'}; ${versions.join(', ')} (bench/peers/requirements-*.txt); last run ${m.date ?? '?'}. Command: \`npm run bench\`.`,
    peersSection(results),
    casesSection(results),
    scalingSection(results),
  ].join('\n\n');
  const path = join(benchDir, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const start = '<!-- bench:start (generated by bench/report.mjs from bench/results/bench.json) -->';
  const end = '<!-- bench:end -->';
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < 0) throw new Error(`bench/README.md lacks the markers ${start} … ${end}`);
  const text = `${readme.slice(0, i + start.length)}\n\n${body}\n\n${readme.slice(j)}`;
  // formatted as the repository's prettier check wants it, so a bench run leaves npm test green
  writeFileSync(`${path}.tmp`, await format(text, { ...(await resolveConfig(path)), filepath: path }));
  renameSync(`${path}.tmp`, path);
  plots(results, join(benchDir, 'plots'));
}
