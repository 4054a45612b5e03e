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

/**
 * Builds journeys from event rows: per user, each conversion closes a journey of the touches within
 * `lookbackDays` before it (touches are used by one journey at most); touches never followed by a
 * conversion form that user's non-converting journey.
 *
 * @throws InputError naming the row of an unparseable timestamp or an unknown event
 * @example journeysFromEvents(rows, 28).filter((j) => j.converted).length
 */
export function journeysFromEvents(rows: readonly EventRow[], lookbackDays: number): Journey[] {
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
      out.push({ user, touches: open.filter((o) => t - o.time <= window), converted: true, value: e.value ?? 0 });
      open = [];
    }
    if (open.length) out.push({ user, touches: open, converted: false, value: 0 });
  }
  return out;
}
