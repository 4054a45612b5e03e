import { formatAmount, GEO_FIGURES, type TextTable } from 'mixmodeler/dist/browser';
import type { ModelInsightsView } from 'mixmodeler-kernel/dist/action-protocol';
import type { ActionRequest, ActionResult } from '../actions/runner';
import { StateModel } from '../ui/state-model';
import { figureTable } from './figure-table';

/** The insights view's state: the view lib computed, or the error that kept it. */
export interface InsightsState {
  view: ModelInsightsView | null;
  error: string | null;
  loading: boolean;
}

/** A trained model's insights, computed by lib in the kernel. */
export class InsightsModel extends StateModel<InsightsState> {
  constructor(
    private readonly run: (request: ActionRequest) => Promise<ActionResult>,
    readonly modelId: string,
  ) {
    super({ view: null, error: null, loading: false });
  }

  async load(): Promise<void> {
    this.set({ loading: true, error: null });
    const r = await this.run({ action: 'insights', id: this.modelId });
    if (r.ok) this.set({ view: r.value as ModelInsightsView, loading: false });
    else this.set({ error: r.error, loading: false });
  }
}

type Figure = ModelInsightsView['figures'][number];

/** A table as the panel shows it: text cells, the first of each row naming it, the others numbers. */
export type ShownTable = Omit<TextTable, 'name'>;

/** One figure of the insights, under its title, with the table of its numbers beside it (if any). */
export interface FigureItem {
  name: string;
  title: string;
  figure: Figure;
  table: ShownTable | null;
}

/** What the panel shows, in order: the national figures, then a geo-level model's regional answers. */
export interface InsightSections {
  national: FigureItem[];
  /** A geo-level model's figures (each with its numbers beside it) and its other tables; null for a national model. */
  geo: { intro: string; figures: FigureItem[]; tables: ShownTable[] } | null;
  /** Geo data fitted on their national sum, said in words; else null. */
  fittedOn: string | null;
}

/** A plotly figure's title text (`Figure` when it has none). */
export function titleText(fig: Figure): string {
  const t = (fig.layout as { title?: unknown }).title;
  return typeof t === 'string'
    ? t
    : typeof (t as { text?: unknown })?.text === 'string'
      ? (t as { text: string }).text
      : 'Figure';
}

/** A figure's numbers as text ({@link figureTable}, amounts as lib formats them), or null. */
function numbersOf(figure: Figure, title: string): ShownTable | null {
  const t = figureTable(figure);
  return (
    t && {
      caption: `${title}: the numbers`,
      headers: t.headers,
      rows: t.rows.map((r) => [r.key, ...r.values.map((v) => formatAmount(v, 2))]),
    }
  );
}

const isGeoFigure = (name: string) => (GEO_FIGURES as readonly string[]).includes(name);

/**
 * The insights view as the panel lays it out: national answers first (every figure but the geo ones);
 * for a geo-level model then its geo figures, each with lib's table of the same name beside it (the
 * heatmap's ROIs with their intervals) or else the figure's own numbers, and lib's other geo tables
 * (the spread and pooling per channel, the fit per geo).
 */
export function insightSections(view: ModelInsightsView): InsightSections {
  const tables = view.geo?.tables ?? [];
  const item = (figure: Figure, i: number): FigureItem => {
    const name = view.figureNames[i] ?? `figure-${i}`;
    const title = titleText(figure);
    const own = tables.find((t) => t.name === name);
    return { name, title, figure, table: own ?? numbersOf(figure, title) };
  };
  const items = view.figures.map(item);
  const geo = view.geo && {
    intro:
      `Geo-level model on ${view.geo.geos.length} geos (${view.geo.geos.join(', ')}): each geo has its own base, ` +
      `and each channel's effect per geo is pooled around a national one. The national answers above are ` +
      `the sums over the geos (ROI = Σ contribution / Σ spend).`,
    figures: items.filter((f) => isGeoFigure(f.name)),
    tables: tables.filter((t) => !view.figureNames.includes(t.name)),
  };
  return {
    national: items.filter((f) => !isGeoFigure(f.name)),
    geo,
    fittedOn: view.fittedOn && `Fitted on ${view.fittedOn} (the geo-level model is off for this model).`,
  };
}
