// A small SVG line chart for the bench's scaling curves (no browser needed to draw them).

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function ticks(lo, hi, log) {
  if (log) {
    const out = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
    return out;
  }
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 4 || 1));
  const k = [1, 2, 5, 10].find((m) => (hi - lo) / (m * step) <= 6) * step;
  const out = [];
  for (let v = Math.ceil(lo / k) * k; v <= hi + 1e-9; v += k) out.push(+v.toPrecision(6));
  return out;
}

const label = (v) =>
  v === 0
    ? '0'
    : v >= 1e6
      ? `${v / 1e6}M`
      : v >= 1e3
        ? `${v / 1e3}k`
        : v < 0.01
          ? v.toExponential(0)
          : String(+v.toPrecision(3));

/**
 * @param {{title: string, xLabel: string, yLabel: string, logX?: boolean, logY?: boolean,
 *   series: {name: string, points: [number, number][], dashed?: boolean, color?: number}[]}} chart
 * @returns the SVG document
 */
export function lineChart({ title, xLabel, yLabel, logX = false, logY = false, series }) {
  const W = 640;
  const H = 400;
  const m = { l: 70, r: 200, t: 40, b: 50 };
  const pts = series.flatMap((s) => s.points);
  const f = (log) => (v) => (log ? Math.log10(v) : v);
  const fx = f(logX);
  const fy = f(logY);
  let [x0, x1] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
  let [y0, y1] = [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
  const xt = ticks(x0, x1, logX);
  const yt = ticks(logY ? y0 : Math.min(0, y0), y1, logY);
  [x0, x1] = logX ? [Math.min(x0, xt[0]), Math.max(x1, xt.at(-1))] : [Math.min(x0, xt[0]), Math.max(x1, xt.at(-1))];
  [y0, y1] = [Math.min(y0, yt[0]), Math.max(y1, yt.at(-1))];
  const sx = (v) => m.l + ((fx(v) - fx(x0)) / (fx(x1) - fx(x0) || 1)) * (W - m.l - m.r);
  const sy = (v) => H - m.b - ((fy(v) - fy(y0)) / (fy(y1) - fy(y0) || 1)) * (H - m.t - m.b);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${m.l}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  for (const v of yt) {
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${sy(v)}" y2="${sy(v)}" stroke="#ddd"/>`);
    out.push(`<text x="${m.l - 6}" y="${sy(v) + 4}" text-anchor="end">${label(v)}</text>`);
  }
  for (const v of xt) {
    out.push(`<line x1="${sx(v)}" x2="${sx(v)}" y1="${m.t}" y2="${H - m.b}" stroke="#eee"/>`);
    out.push(`<text x="${sx(v)}" y="${H - m.b + 16}" text-anchor="middle">${label(v)}</text>`);
  }
  out.push(
    `<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#333"/>`,
  );
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 12}" text-anchor="middle">${esc(xLabel)}</text>`);
  out.push(
    `<text transform="translate(16 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const c = COLORS[(s.color ?? i) % COLORS.length];
    const p = [...s.points].sort((a, b) => a[0] - b[0]);
    const dash = s.dashed ? ' stroke-dasharray="5 4"' : '';
    out.push(
      `<polyline fill="none" stroke="${c}" stroke-width="2"${dash} points="${p.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const [x, y] of p) out.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3" fill="${c}"/>`);
    const ly = m.t + 10 + i * 20;
    out.push(
      `<line x1="${W - m.r + 12}" x2="${W - m.r + 36}" y1="${ly}" y2="${ly}" stroke="${c}" stroke-width="2"${dash}/>`,
    );
    out.push(`<text x="${W - m.r + 42}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
