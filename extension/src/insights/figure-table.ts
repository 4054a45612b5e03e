/** A figure's numbers as a table: one row per category or date, one column per trace. */
export interface FigureTable {
  /** The header of the first column (the category axis's title) and of each trace's column. */
  headers: string[];
  rows: { key: string; values: (number | null)[] }[];
}

type Trace = Record<string, unknown>;

const titleOf = (axis: unknown): string => {
  const t = (axis as { title?: unknown } | undefined)?.title;
  return typeof t === 'string'
    ? t
    : typeof (t as { text?: unknown })?.text === 'string'
      ? (t as { text: string }).text
      : '';
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A heatmap's cells as a table: one row per y category, one column per x category. */
function heatmapTable(t: Trace, layout: Record<string, unknown>): FigureTable | null {
  const x = t['x'];
  const y = t['y'];
  const z = t['z'];
  if (!Array.isArray(x) || !Array.isArray(y) || !Array.isArray(z)) return null;
  return {
    headers: [titleOf(layout['yaxis']) || 'y', ...x.map(String)],
    rows: y.map((key, i) => ({
      key: String(key),
      values: x.map((_, j) => num((z[i] as unknown[] | undefined)?.[j])),
    })),
  };
}

/**
 * The numbers behind a plotly figure spec of lib, for a table beside it: traces of bars, lines or
 * markers whose categories (x, or y for horizontal bars) are listed, one column per named trace; a
 * heatmap's cells, a row per y and a column per x. A figure with none of these (a bare annotation)
 * has no table: null.
 */
export function figureTable(figure: { data?: unknown[]; layout?: Record<string, unknown> }): FigureTable | null {
  const heatmap = (figure.data ?? []).find((t) => (t as Trace)['type'] === 'heatmap') as Trace | undefined;
  if (heatmap) return heatmapTable(heatmap, figure.layout ?? {});
  const traces = (figure.data ?? []).filter((t): t is Trace => {
    const tr = t as Trace;
    return (
      Array.isArray(tr['x']) &&
      Array.isArray(tr['y']) &&
      (tr['x'] as unknown[]).length === (tr['y'] as unknown[]).length
    );
  });
  if (traces.length === 0) return null;
  const horizontal = traces.every((t) => t['orientation'] === 'h');
  const cat = (t: Trace) => (horizontal ? t['y'] : t['x']) as unknown[];
  const val = (t: Trace) => (horizontal ? t['x'] : t['y']) as unknown[];
  const keys: string[] = [];
  for (const t of traces) for (const k of cat(t)) if (!keys.includes(String(k))) keys.push(String(k));
  const layout = figure.layout ?? {};
  const first = titleOf(horizontal ? layout['yaxis'] : layout['xaxis']) || (horizontal ? 'channel' : 'x');
  const headers = [first, ...traces.map((t, i) => (typeof t['name'] === 'string' ? t['name'] : `series ${i + 1}`))];
  const rows = keys.map((key) => ({
    key,
    values: traces.map((t) => {
      const i = cat(t).findIndex((k) => String(k) === key);
      return i < 0 ? null : num(val(t)[i]);
    }),
  }));
  return { headers, rows };
}
