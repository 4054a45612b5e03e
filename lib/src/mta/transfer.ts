import { table, toCSV, type ColumnTable } from 'arquero';
import { periodStart, type Weekday } from '../math/calendar';
import type { MmmScores } from '../mmm/score';
import type { MtaResult, TouchScore } from './attribute';

/** A touch score in outcome units after scaling to the MMM. */
export interface IncrementalTouch extends TouchScore {
  period: string;
  incremental: number;
}

/** The factor that scaled one period and channel, and what it matched. */
export interface ScalingFactor {
  period: string;
  channel: string;
  mtaScore: number;
  mmmContribution: number;
  factor: number;
}

/**
 * MMM → MTA: per period and channel, scales touch scores so that they add up to the MMM's incremental
 * contribution of that channel in that period times the share of the channel the events track.
 * Periods or channels the MMM does not score keep no incremental value (factor 0).
 *
 * @param tracked share of each channel's effect that event data cover (default 1)
 * @returns the touches with `incremental` outcome, and every factor used
 */
export function scaleToMmm(
  result: MtaResult,
  scores: Pick<MmmScores, 'dates' | 'contributions'>,
  options: { weekStart?: Weekday; tracked?: Record<string, number> } = {},
): { touches: IncrementalTouch[]; factors: ScalingFactor[] } {
  const index = new Map(scores.dates.map((d, i) => [d, i]));
  const key = (p: string, c: string) => `${p}|${c}`;
  const sums = new Map<string, number>();
  const touches = result.touches.map((t) => {
    const period = periodStart(t.time.slice(0, 10), 'week', options.weekStart ?? 'monday');
    sums.set(key(period, t.channel), (sums.get(key(period, t.channel)) ?? 0) + t.score);
    return { ...t, period, incremental: 0 };
  });
  const factors: ScalingFactor[] = [];
  const factorOf = new Map<string, number>();
  for (const [k, mtaScore] of sums) {
    const [period, channel] = k.split('|') as [string, string];
    const i = index.get(period);
    const series = scores.contributions[channel];
    const mmm = i === undefined || !series ? 0 : series[i]! * (options.tracked?.[channel] ?? 1);
    const factor = mtaScore > 0 ? mmm / mtaScore : 0;
    factorOf.set(k, factor);
    factors.push({ period, channel, mtaScore, mmmContribution: mmm, factor });
  }
  for (const t of touches) t.incremental = t.score * factorOf.get(key(t.period, t.channel))!;
  factors.sort((a, b) => a.period.localeCompare(b.period) || a.channel.localeCompare(b.channel));
  return { touches, factors };
}

/** The touch-score table for BI tools: row, user_id, channel, timestamp, period, score, incremental. */
function touchScoresTable(touches: readonly (TouchScore & Partial<IncrementalTouch>)[]): ColumnTable {
  const col = <T>(f: (t: TouchScore & Partial<IncrementalTouch>) => T) => touches.map(f);
  return table({
    row: col((t) => t.row),
    user_id: col((t) => t.user),
    channel: col((t) => t.channel),
    timestamp: col((t) => t.time),
    period: col((t) => t.period ?? null),
    score: col((t) => t.score),
    incremental: col((t) => t.incremental ?? null),
  });
}

/**
 * Touch scores as CSV for BI tools (arquero's `toCSV`): row, user_id, channel, timestamp, period,
 * score, incremental; period and incremental are empty before scaling to the MMM.
 */
export function touchScoresCsv(touches: readonly (TouchScore & Partial<IncrementalTouch>)[]): string {
  return toCSV(touchScoresTable(touches));
}

/** Touch scores as an Arrow IPC file (bytes) for BI tools, with the columns of {@link touchScoresCsv}. */
export function touchScoresArrow(touches: readonly (TouchScore & Partial<IncrementalTouch>)[]): Uint8Array {
  return touchScoresTable(touches).toArrowIPC();
}
