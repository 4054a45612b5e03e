import type { HarmonizeSummary } from '../harmonize/harmonized';
import { resolveWindow, windowProblem, type TrainingWindow } from '../mmm/window';

// The harmonized data's range and what each training-window choice takes of it, by the engine's own
// rule (resolveWindow). No Node imports: the JupyterLab extension bundles this file.

/** A training window on the data: its first and last period and how many periods it holds. */
export interface WindowOnData {
  from: string;
  to: string;
  periods: number;
}

/** The harmonized data's first and last period, their grain, and what the window choices resolve to. */
export interface DataRange {
  from: string;
  to: string;
  grain: HarmonizeSummary['grain'];
  /** Days per period: 7 for weeks, 1 for days. */
  periodDays: number;
  periods: number;
  /** `last-2-years`: the periods starting inside the 730 days that end with the last period. */
  lastTwoYears: WindowOnData;
}

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The period starts from `from` to `to`, `periodDays` apart, shape [periods]. */
function periodDates(from: string, to: string, periodDays: number): string[] {
  const out: string[] = [];
  for (let t = day(from); t <= day(to); t += periodDays * DAY) out.push(iso(t));
  return out;
}

/**
 * The data's range (from a harmonize summary, as `manifest.json` stores it) and what "the last 2 years"
 * takes of it; null when the data hold no period.
 *
 * @example dataRange(summary)?.lastTwoYears // { from: '2024-01-01', to: '2025-12-22', periods: 104 }
 */
export function dataRange(summary: Pick<HarmonizeSummary, 'from' | 'to' | 'grain'>): DataRange | null {
  if (summary.from === null || summary.to === null) return null;
  const periodDays = summary.grain === 'day' ? 1 : 7;
  const dates = periodDates(summary.from, summary.to, periodDays);
  const base = { from: summary.from, to: summary.to, grain: summary.grain, periodDays, periods: dates.length };
  let lastTwoYears: WindowOnData;
  try {
    const w = resolveWindow(dates, 'last-2-years');
    lastTwoYears = { from: dates[w.from]!, to: dates[w.to]!, periods: w.to - w.from + 1 };
  } catch {
    // Data shorter than a year: the model cannot train on them; the window is all there is.
    lastTwoYears = { from: summary.from, to: summary.to, periods: dates.length };
  }
  return { ...base, lastTwoYears };
}

/**
 * What a training window takes of the data, or what is wrong with it in words: a custom range must be
 * dates in order spanning at least a year (`windowProblem`) and lie within the data; `last-2-years`
 * and `all` need a year of data.
 *
 * @example windowOnData(range, { from: '2021-01-04', to: '2023-01-02' }) // { problem: 'the start 2021-01-04 is before the data begin (2022-11-07)' }
 */
export function windowOnData(
  range: DataRange,
  window: TrainingWindow,
): { window: WindowOnData; problem: null } | { window: null; problem: string } {
  const fail = (problem: string) => ({ window: null, problem }) as const;
  if (window === 'last-2-years' || window === 'all') {
    if (range.periods * range.periodDays < 364)
      return fail(`the data span less than a year (${range.from} to ${range.to}); a model needs at least one`);
    const all = { from: range.from, to: range.to, periods: range.periods };
    return { window: window === 'all' ? all : range.lastTwoYears, problem: null };
  }
  const basic = windowProblem(window.from, window.to, range.periodDays);
  if (basic) return fail(basic);
  if (window.from < range.from) return fail(`the start ${window.from} is before the data begin (${range.from})`);
  if (window.to > range.to) return fail(`the end ${window.to} is after the data end (${range.to})`);
  const dates = periodDates(range.from, range.to, range.periodDays);
  try {
    const w = resolveWindow(dates, window);
    return { window: { from: dates[w.from]!, to: dates[w.to]!, periods: w.to - w.from + 1 }, problem: null };
  } catch (e) {
    return fail((e as Error).message);
  }
}
