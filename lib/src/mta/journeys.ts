import { InputError } from '../errors';

/** One event row: a touch or a conversion of a user (or journey) on a channel. */
export interface EventRow {
  user_id: string;
  timestamp: string;
  channel: string;
  event: 'touch' | 'conversion';
  value?: number;
}

/** A touch inside a journey: its channel, time (ms) and the index of its event row. */
export interface Touch {
  channel: string;
  time: number;
  row: number;
}

/** The ordered touches of one user before a conversion (or before the data end, when none). */
export interface Journey {
  user: string;
  touches: Touch[];
  converted: boolean;
  value: number;
}

/** What a lookback keeps and leaves out: touches before a conversion, and conversions without a touch. */
export interface LookbackReport {
  lookbackDays: number;
  /** Touches that came before a conversion (since the user's previous one). */
  touches: number;
  /** Of those, the ones older than the lookback, left out of the attribution. */
  outside: number;
  conversions: number;
  /** Conversions whose touches all came before the lookback: left with nothing to attribute them to. */
  unattributed: number;
  /** Days from each such touch to its conversion, for choosing a lookback. */
  gaps: number[];
}

/**
 * Builds journeys from event rows: per user, each conversion closes a journey of the touches within
 * `lookbackDays` before it (touches are used by one journey at most); touches never followed by a
 * conversion form that user's non-converting journey. With `report`, counts what the lookback leaves out.
 *
 * @throws InputError naming the row of an unparseable timestamp or an unknown event
 * @example journeysFromEvents(rows, 28).filter((j) => j.converted).length
 */
export function journeysFromEvents(
  rows: readonly EventRow[],
  lookbackDays: number,
  report?: LookbackReport,
): Journey[] {
  // Typed arrays and a counting sort by user instead of one wrapper object per row: at millions of
  // rows the allocations, not the arithmetic, were the cost.
  const n = rows.length;
  const userOf = new Int32Array(n);
  const time = new Float64Array(n);
  const ids = new Map<string, number>();
  const users: string[] = [];
  for (let row = 0; row < n; row++) {
    const e = rows[row]!;
    const t = Date.parse(e.timestamp);
    if (Number.isNaN(t))
      throw new InputError(`events row ${row + 1}: unparseable timestamp ${JSON.stringify(e.timestamp)}`);
    if (e.event !== 'touch' && e.event !== 'conversion') {
      throw new InputError(
        `events row ${row + 1}: \`event\` must be touch or conversion; got ${JSON.stringify(e.event)}`,
      );
    }
    let u = ids.get(e.user_id);
    if (u === undefined) {
      u = users.length;
      ids.set(e.user_id, u);
      users.push(e.user_id);
    }
    userOf[row] = u;
    time[row] = t;
  }
  const start = new Int32Array(users.length + 1);
  for (let r = 0; r < n; r++) start[userOf[r]! + 1]! += 1;
  for (let u = 0; u < users.length; u++) start[u + 1]! += start[u]!;
  const order = new Int32Array(n);
  const next = start.slice(0, users.length);
  for (let r = 0; r < n; r++) order[next[userOf[r]!]!++] = r;
  const touch = (r: number) => rows[r]!.event === 'touch';
  // Within a user: by time, a touch before a conversion at the same instant, then by row.
  const byTime = (a: number, b: number) => time[a]! - time[b]! || (touch(a) ? 0 : 1) - (touch(b) ? 0 : 1) || a - b;
  const window = lookbackDays * 86_400_000;
  const out: Journey[] = [];
  for (let u = 0; u < users.length; u++) {
    const user = users[u]!;
    const list = order.subarray(start[u], start[u + 1]);
    if (list.length > 1) list.sort(byTime);
    let open: Touch[] = [];
    for (const row of list) {
      const e = rows[row]!;
      const t = time[row]!;
      if (e.event === 'touch') {
        open.push({ channel: e.channel, time: t, row });
        continue;
      }
      const kept = open.filter((o) => t - o.time <= window);
      if (report) {
        report.touches += open.length;
        report.outside += open.length - kept.length;
        report.conversions += 1;
        if (kept.length === 0 && open.length > 0) report.unattributed += 1;
        for (const o of open) report.gaps.push((t - o.time) / 86_400_000);
      }
      out.push({ user, touches: kept, converted: true, value: e.value ?? 0 });
      open = [];
    }
    if (open.length) out.push({ user, touches: open, converted: false, value: 0 });
  }
  return out;
}

/** An empty {@link LookbackReport} for `journeysFromEvents` to fill. */
export function lookbackReport(lookbackDays: number): LookbackReport {
  return { lookbackDays, touches: 0, outside: 0, conversions: 0, unattributed: 0, gaps: [] };
}

/** The share of pre-conversion touches a lookback may leave out before mta says so. */
export const LOOKBACK_WARN_SHARE = 0.1;

/**
 * A lookback from the data: the days that cover 95% of the gaps from a touch to the conversion it
 * preceded (rounded up, in [1, 365]); 28 when no touch precedes a conversion.
 *
 * @example autoLookbackDays(lookbackReportOf(rows).gaps)
 */
export function autoLookbackDays(gaps: readonly number[]): number {
  const days = new Map<number, number>();
  for (const g of gaps) days.set(Math.ceil(g), (days.get(Math.ceil(g)) ?? 0) + 1);
  return autoLookbackFromHistogram([...days]);
}

/**
 * {@link autoLookbackDays} from the gaps counted by whole days (rounded up): `[day, touches]` pairs,
 * as the SQL path reads them. The same days: the ⌈0.95·n⌉-th smallest gap, rounded up, in [1, 365].
 *
 * @example autoLookbackFromHistogram([[1, 90], [30, 10]]) // 30
 */
export function autoLookbackFromHistogram(histogram: readonly (readonly [number, number])[]): number {
  const sorted = [...histogram].sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((s, [, k]) => s + k, 0);
  if (n === 0) return 28;
  const at = Math.ceil(0.95 * n); // the at-th smallest gap (1-based)
  let seen = 0;
  let day = sorted[sorted.length - 1]![0];
  for (const [d, k] of sorted) {
    seen += k;
    if (seen >= at) {
      day = d;
      break;
    }
  }
  return Math.min(365, Math.max(1, day));
}

/**
 * What a lookback leaves out, in words, or null when it keeps nearly all: for results, statuses and
 * the CLI's warning.
 *
 * @param autoDays the auto lookback to suggest; default from `r.gaps` (the SQL path gives its own)
 */
export function lookbackWarning(r: LookbackReport, autoDays = autoLookbackDays(r.gaps)): string | null {
  const share = r.touches > 0 ? r.outside / r.touches : 0;
  const lost = r.conversions > 0 ? r.unattributed / r.conversions : 0;
  if (share <= LOOKBACK_WARN_SHARE && lost <= LOOKBACK_WARN_SHARE) return null;
  return (
    `the ${r.lookbackDays}-day lookback leaves out ${r.outside} of ${r.touches} touches before a conversion ` +
    `(${Math.round(100 * share)}%), and ${r.unattributed} of ${r.conversions} conversions keep no touch within it; ` +
    `a longer lookback (or --lookback-days auto: ${autoDays} days here) keeps more`
  );
}
