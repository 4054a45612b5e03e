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
  const byUser = new Map<string, { time: number; row: number; e: EventRow }[]>();
  rows.forEach((e, row) => {
    const time = Date.parse(e.timestamp);
    if (Number.isNaN(time))
      throw new InputError(`events row ${row + 1}: unparseable timestamp ${JSON.stringify(e.timestamp)}`);
    if (e.event !== 'touch' && e.event !== 'conversion') {
      throw new InputError(
        `events row ${row + 1}: \`event\` must be touch or conversion; got ${JSON.stringify(e.event)}`,
      );
    }
    const list = byUser.get(e.user_id) ?? [];
    list.push({ time, row, e });
    byUser.set(e.user_id, list);
  });
  const window = lookbackDays * 86_400_000;
  const out: Journey[] = [];
  for (const [user, list] of byUser) {
    list.sort((a, b) => a.time - b.time || (a.e.event === 'touch' ? -1 : 1));
    let open: Touch[] = [];
    for (const { time, row, e } of list) {
      if (e.event === 'touch') {
        open.push({ channel: e.channel, time, row });
        continue;
      }
      out.push({ user, touches: open.filter((t) => time - t.time <= window), converted: true, value: e.value ?? 0 });
      open = [];
    }
    if (open.length) out.push({ user, touches: open, converted: false, value: 0 });
  }
  return out;
}
