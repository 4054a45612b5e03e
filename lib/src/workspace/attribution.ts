import { InputError, StoreError } from '../errors';
import { readHarmonized } from '../harmonize/harmonized-store';
import { attribute, type MtaMethod, type MtaResult } from '../mta/attribute';
import {
  autoLookbackDays,
  journeysFromEvents,
  lookbackReport,
  lookbackWarning,
  type EventRow,
  type LookbackReport,
} from '../mta/journeys';
import { scaleToMmm, type IncrementalTouch, type ScalingFactor } from '../mta/transfer';
import type { TouchScore } from '../mta/attribute';
import { checkEventMemory, workspaceEventCount, type EventMemoryOptions } from './event-memory';
import { readScores } from './model-scores';
import { readModel } from './model-store';
import { WEEKDAYS } from '../math/calendar';
import { attributeEventFiles } from '../harmonize/journeys-duckdb';
import { attributeEventFilesSpark } from '../harmonize/journeys-spark';
import {
  fileBackedEventRows,
  hasFileBackedEvents,
  workspaceEventFiles,
  workspaceEvents,
  workspaceEventsWithFiles,
} from './workspace-events';

/** Per channel over all periods: MTA score, MMM contribution and their ratio (the mean scaling factor). */
export type ChannelScaling = Record<string, { mtaScore: number; mmmContribution: number; factor: number }>;

/** The workspace's event-level attribution, scaled to a model's scores when one is named. */
export interface WorkspaceAttribution {
  result: MtaResult;
  /** The touch scores; with a model, each also carries its incremental outcome. */
  touches: readonly (TouchScore & Partial<IncrementalTouch>)[];
  model: { id: string; version: number } | null;
  factors: ScalingFactor[];
  scaling: ChannelScaling | null;
  /** The lookback used and what it left out (without the gaps). */
  lookback: Omit<LookbackReport, 'gaps'>;
  /** How the lookback was set: `auto` (from the touch-to-conversion gaps) or `fixed` (given in days). */
  lookbackChosen: 'auto' | 'fixed';
  /** What the lookback left out, in words, when it is more than a small share; else null. */
  warning: string | null;
  /** Where the journeys were built: in the JS heap, or out of core in DuckDB. */
  engine: MtaEngine;
  /** Findings in the events that did not stop the run (out of core: users with only conversions, …). */
  warnings: string[];
}

/**
 * Where `mta` builds journeys: `memory` (the JS heap), `duckdb` (out of core, SQL) or `spark` (the
 * same SQL on a Spark, `master`: local by default, or a cluster).
 */
export type MtaEngine = 'memory' | 'duckdb' | 'spark';

/**
 * The engine `mta` uses unless told: out of core (`duckdb`) when an event dataset was imported out of
 * core (`data import --engine duckdb`), else in memory.
 */
export function defaultMtaEngine(workspace: string): MtaEngine {
  return hasFileBackedEvents(workspace) ? 'duckdb' : 'memory';
}

function scalingByChannel(factors: readonly ScalingFactor[]): ChannelScaling {
  const out: ChannelScaling = {};
  for (const f of factors) {
    const o = (out[f.channel] ??= { mtaScore: 0, mmmContribution: 0, factor: 0 });
    o.mtaScore += f.mtaScore;
    o.mmmContribution += f.mmmContribution;
  }
  for (const o of Object.values(out)) o.factor = o.mtaScore > 0 ? o.mmmContribution / o.mtaScore : 0;
  return out;
}

/**
 * Attributes the workspace's event-level conversions to their touches (`mta`), and with `modelId`
 * scales the touch scores so they add up to that model's stored scores per period and channel.
 *
 * @throws StoreError when the model does not exist or has no scores; InputError when the events would
 *   outgrow the heap (checked before loading them)
 */
export function attributeWorkspace(
  workspace: string,
  options: { method: MtaMethod; lookbackDays: number | 'auto'; modelId?: string },
  memory: EventMemoryOptions = {},
): WorkspaceAttribution {
  // Check the model before the (longer) attribution: a typo fails at once.
  const model = modelWithScores(workspace, options.modelId);
  // Refused before loading: outgrowing the heap kills the process with SIGABRT and no message.
  checkEventMemory(workspaceEventCount(workspace), memory);
  return attributeRows(workspace, workspaceEvents(workspace), options, model);
}

function modelWithScores(workspace: string, id: string | undefined) {
  const model = id ? readModel(workspace, id) : null;
  if (model && model.currentVersion === null) {
    throw new StoreError(`model ${model.id} has no scores yet (status ${model.status}); train it first`);
  }
  return model;
}

// In memory: journeys from the rows, the method, and the scaling to a model's scores.
function attributeRows(
  workspace: string,
  events: readonly EventRow[],
  options: { method: MtaMethod; lookbackDays: number | 'auto' },
  model: ReturnType<typeof modelWithScores>,
): WorkspaceAttribution {
  let days = options.lookbackDays;
  if (days === 'auto') {
    const all = lookbackReport(Infinity);
    journeysFromEvents(events, Infinity, all);
    days = autoLookbackDays(all.gaps);
  }
  const report = lookbackReport(days);
  const journeys = journeysFromEvents(events, days, report);
  if (!journeys.some((j) => j.converted && j.touches.length > 0)) {
    throw new InputError(
      `no conversion in the event data has a touch within the ${days}-day lookback ` +
        `(${report.conversions} conversions, ${report.touches} touches before them): nothing to attribute; ` +
        `check the events' channels and times, or try --lookback-days auto`,
    );
  }
  const result = attribute(journeys, options.method);
  const { gaps: _gaps, ...lookback } = report;
  const warning = lookbackWarning(report);
  const lookbackChosen = options.lookbackDays === 'auto' ? ('auto' as const) : ('fixed' as const);
  const common = { lookback, lookbackChosen, warning, engine: 'memory' as const, warnings: [] };
  if (!model) return { result, touches: result.touches, model: null, factors: [], scaling: null, ...common };
  const scores = readScores(workspace, model);
  const weekStart = readHarmonized(workspace)?.summary.weekStart ?? undefined;
  const scaled = scaleToMmm(result, scores, weekStart ? { weekStart } : {});
  return {
    result,
    touches: scaled.touches,
    model: { id: model.id, version: model.currentVersion! },
    factors: scaled.factors,
    scaling: scalingByChannel(scaled.factors),
    ...common,
  };
}

/** Options of {@link attributeWorkspaceWith}. */
export interface AttributeOptions {
  method: MtaMethod;
  lookbackDays: number | 'auto';
  modelId?: string;
  /** Default {@link defaultMtaEngine}. */
  engine?: MtaEngine;
  /**
   * Out of core: where DuckDB writes the touch scores (`.parquet`, `.csv` or a folder of Parquet
   * files); they never enter the heap, so `touches` comes back empty.
   */
  out?: string;
  /** DuckDB's memory limit out of core (default 1GB; it spills to a temp folder beyond). */
  memoryLimit?: string;
  /** With `engine: 'spark'`: where Spark runs (`local[2]` by default, `yarn`, `spark://…`, `sc://…`). */
  master?: string;
}

/**
 * `mta` on either engine: in memory ({@link attributeWorkspace}; file-backed event datasets are read
 * into the heap) or out of core, where DuckDB builds the journeys from the datasets' files and only the
 * journey patterns come into memory (`attributeEventFiles`): the same shares. Out of core, with
 * `modelId` the per-week, per-channel scores are scaled to the model's contribution as in memory, and
 * the scaled scores go to `out`.
 *
 * @throws StoreError when the model does not exist or has no scores; InputError on bad events or when
 *   in-memory events would outgrow the heap
 * @example await attributeWorkspaceWith('ws', { method: 'markov', lookbackDays: 'auto', engine: 'duckdb', out: 's.parquet' })
 */
export async function attributeWorkspaceWith(
  workspace: string,
  options: AttributeOptions,
  memory: EventMemoryOptions = {},
): Promise<WorkspaceAttribution> {
  const engine = options.engine ?? defaultMtaEngine(workspace);
  const model = modelWithScores(workspace, options.modelId);
  if (engine === 'memory') {
    if (!hasFileBackedEvents(workspace)) return attributeWorkspace(workspace, options, memory);
    checkEventMemory(workspaceEventCount(workspace) + fileBackedEventRows(workspace), memory);
    return attributeRows(workspace, await workspaceEventsWithFiles(workspace), options, model);
  }
  const weekStart = readHarmonized(workspace)?.summary.weekStart ?? 'monday';
  const scores = model ? readScores(workspace, model) : null;
  let factors: ScalingFactor[] = [];
  const run = engine === 'spark' ? sparkOn(options.master) : attributeEventFiles;
  const r = await run(workspaceEventFiles(workspace), {
    method: options.method,
    lookbackDays: options.lookbackDays,
    ...(options.out ? { out: options.out } : {}),
    ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
    ...(scores
      ? {
          scale: {
            weekStart: WEEKDAYS.indexOf(weekStart),
            // scaleToMmm's factors from one score per week and channel (a week's start is in its week).
            factors: (sums) => {
              const touches = sums.map((t) => ({
                row: -1,
                user: '',
                channel: t.channel,
                time: `${t.period}T00:00:00.000Z`,
                score: t.score,
              }));
              factors = scaleToMmm({ method: options.method, channels: {}, touches }, scores, { weekStart }).factors;
              return factors.map((f) => [f.period, f.channel, f.factor] as const);
            },
          },
        }
      : {}),
  });
  const result: MtaResult = {
    method: r.method,
    channels: r.channels,
    touches: [],
    ...(r.reasons ? { reasons: r.reasons } : {}),
  };
  return {
    result,
    touches: [],
    model: model ? { id: model.id, version: model.currentVersion! } : null,
    factors,
    scaling: model && scores ? scalingByChannel(factors) : null,
    lookback: r.lookback,
    lookbackChosen: options.lookbackDays === 'auto' ? 'auto' : 'fixed',
    warning: lookbackWarning({ ...r.lookback, gaps: [] }, r.autoLookbackDays),
    engine,
    warnings: r.warnings,
  };
}

/**
 * `attributeEventFilesSpark` over the workspace's event files, which must be the Parquet copies that
 * `data import --engine duckdb` keeps (Spark numbers a Parquet file's rows as DuckDB does; a CSV it
 * cannot).
 */
function sparkOn(master: string | undefined): typeof attributeEventFiles {
  return (files, options) => {
    const csv = files.find((f) => !/\.parquet$/i.test(f.path));
    if (csv) {
      throw new InputError(
        `\`--engine spark\` reads the events as Parquet, and ${csv.label ?? csv.path} was imported in memory: ` +
          'import it again with `data import FILE --as events --engine duckdb` (which keeps a Parquet copy)',
      );
    }
    return attributeEventFilesSpark(files, { ...options, ...(master ? { master } : {}) });
  };
}
