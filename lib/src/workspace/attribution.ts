import { InputError, StoreError } from '../errors';
import { readHarmonized } from '../harmonize/harmonized-store';
import { attribute, type MtaMethod, type MtaResult } from '../mta/attribute';
import {
  autoLookbackDays,
  journeysFromEvents,
  lookbackReport,
  lookbackWarning,
  type LookbackReport,
} from '../mta/journeys';
import { scaleToMmm, type IncrementalTouch, type ScalingFactor } from '../mta/transfer';
import type { TouchScore } from '../mta/attribute';
import { checkEventMemory, workspaceEventCount, type EventMemoryOptions } from './event-memory';
import { readScores } from './model-scores';
import { readModel } from './model-store';
import { workspaceEvents } from './workspace-events';

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
  /** What the lookback left out, in words, when it is more than a small share; else null. */
  warning: string | null;
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
  const model = options.modelId ? readModel(workspace, options.modelId) : null;
  if (model && model.currentVersion === null) {
    throw new StoreError(`model ${model.id} has no scores yet (status ${model.status}); train it first`);
  }
  // Refused before loading: outgrowing the heap kills the process with SIGABRT and no message.
  checkEventMemory(workspaceEventCount(workspace), memory);
  const events = workspaceEvents(workspace);
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
  if (!model) return { result, touches: result.touches, model: null, factors: [], scaling: null, lookback, warning };
  const scores = readScores(workspace, model);
  const weekStart = readHarmonized(workspace)?.summary.weekStart ?? undefined;
  const scaled = scaleToMmm(result, scores, weekStart ? { weekStart } : {});
  return {
    result,
    touches: scaled.touches,
    model: { id: model.id, version: model.currentVersion! },
    factors: scaled.factors,
    scaling: scalingByChannel(scaled.factors),
    lookback,
    warning,
  };
}
