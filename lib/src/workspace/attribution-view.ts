import { ConfigError } from '../errors';
import { formatAmount, formatPercent } from '../format';
import type { PlotlyFigure } from '../insights/figure';
import { mtaFigure } from '../insights/mta-figure';
import { checkMethod, type MtaMethod } from '../mta/attribute';
import { attributeWorkspaceWith, type MtaEngine, type WorkspaceAttribution } from './attribution';

/** Where the journeys were built, in words. */
export const ENGINE_WORDS: Record<MtaEngine, string> = {
  memory: 'journeys built in memory',
  duckdb: 'journeys built out of core in DuckDB',
  spark: 'journeys built on Spark',
};

/** The lookback, how it was chosen, and what it left out, in words. */
export function lookbackInWords(l: WorkspaceAttribution['lookback'], chosen?: 'auto' | 'fixed'): string {
  const share = l.touches > 0 ? l.outside / l.touches : 0;
  const how =
    chosen === 'auto'
      ? ' (chosen from the data: the days that cover 95% of the touch-to-conversion gaps)'
      : chosen === 'fixed'
        ? ' (fixed)'
        : '';
  return (
    `Lookback ${l.lookbackDays} days${how}: ${formatAmount(l.outside)} of ${formatAmount(l.touches)} touches before a ` +
    `conversion (${formatPercent(share)}) fall outside it and are left out; ${formatAmount(l.unattributed)} of ` +
    `${formatAmount(l.conversions)} conversions keep no touch within it.`
  );
}

/** What the attribution view asks for: the methods side by side and the lookback. */
export interface AttributionViewOptions {
  /** At least one; each once. */
  methods: MtaMethod[];
  /** Days, or `auto` (from the touch-to-conversion gaps). */
  lookbackDays: number | 'auto';
}

/** One method's answer in the view. */
export interface AttributionViewMethod {
  method: MtaMethod;
  channels: Record<string, { conversions: number; share: number }>;
  /** Where the method cannot tell intent from effect in these events (empty when it can). */
  reasons: string[];
}

/**
 * The workspace's event-level attribution for the attribution view: each method's shares per channel,
 * the engine and lookback in words, the lookback's warning and the events' findings, and the figure of
 * the methods side by side. The touch scores stay out: they can run to millions of rows.
 */
export interface AttributionView {
  engine: MtaEngine;
  /** `last, markov: journeys built in memory.` */
  engineText: string;
  lookback: WorkspaceAttribution['lookback'];
  lookbackChosen: 'auto' | 'fixed';
  lookbackText: string;
  warning: string | null;
  warnings: string[];
  channels: string[];
  methods: AttributionViewMethod[];
  figure: PlotlyFigure;
}

/**
 * Attributes the workspace's event-level conversions with each method (`mta`, on the engine the events
 * were imported for: in memory, or out of core in DuckDB) and gathers what the attribution view shows.
 *
 * @throws ConfigError when no method, a repeated or unknown one, or a lookback outside 1–365 days is asked;
 *   InputError as `attributeWorkspaceWith` (no event-level data, nothing to attribute, bad events)
 * @example await attributionView('ws', { methods: ['intent-factor', 'last'], lookbackDays: 'auto' })
 */
export async function attributionView(workspace: string, options: AttributionViewOptions): Promise<AttributionView> {
  const { methods, lookbackDays } = options;
  if (methods.length === 0) throw new ConfigError('pick at least one attribution method');
  for (const m of methods) checkMethod(m);
  if (new Set(methods).size < methods.length) throw new ConfigError('each attribution method once');
  if (lookbackDays !== 'auto' && !(Number.isInteger(lookbackDays) && lookbackDays >= 1 && lookbackDays <= 365)) {
    throw new ConfigError(`the lookback must be auto or a whole number of days from 1 to 365; got ${lookbackDays}`);
  }
  const runs: WorkspaceAttribution[] = [];
  for (const method of methods) runs.push(await attributeWorkspaceWith(workspace, { method, lookbackDays }));
  const first = runs[0]!;
  const results = runs.map((r) => r.result);
  return {
    engine: first.engine,
    engineText: `${methods.join(', ')}: ${ENGINE_WORDS[first.engine]}.`,
    lookback: first.lookback,
    lookbackChosen: first.lookbackChosen,
    lookbackText: lookbackInWords(first.lookback, first.lookbackChosen),
    warning: first.warning,
    warnings: [...new Set(runs.flatMap((r) => r.warnings))],
    channels: [...new Set(results.flatMap((r) => Object.keys(r.channels)))].sort(),
    methods: results.map((r) => ({ method: r.method, channels: r.channels, reasons: r.reasons ?? [] })),
    figure: mtaFigure(results),
  };
}
