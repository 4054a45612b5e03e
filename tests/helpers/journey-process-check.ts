import { generateProcessJourneys } from '../../lib/src/synth/journey-processes';
import { JOURNEY_PROCESSES } from '../../lib/src/synth/journey-processes-cases';
import { attribute, DEFAULT_MTA_METHOD } from '../../lib/src/mta/attribute';
import { journeysFromEvents } from '../../lib/src/mta/journeys';

/**
 * The default against the best of last touch, Markov and Shapley on one journey process (the bench's
 * first seed, 40k users, a lookback that covers the journeys): its L1 to the true incremental shares.
 */
export function defaultOnProcess(name: string) {
  const p = JOURNEY_PROCESSES.find((x) => x.name === name)!;
  const { events, truth } = generateProcessJourneys({ ...p, seed: p.seed * 1000 + 1 });
  const journeys = journeysFromEvents(events, p.maxDays + 2);
  const l1 = (method: Parameters<typeof attribute>[1]) => {
    const r = attribute(journeys, method);
    const d = Object.keys(truth).reduce((s, c) => s + Math.abs((r.channels[c]?.share ?? 0) - truth[c]!.share), 0);
    return { d, reasons: r.reasons ?? [] };
  };
  const def = l1(DEFAULT_MTA_METHOD);
  const best = Math.min(...(['last', 'markov', 'shapley'] as const).map((m) => l1(m).d));
  console.log(`${name}: ${DEFAULT_MTA_METHOD} L1 ${def.d.toFixed(3)}, best of last/markov/shapley ${best.toFixed(3)}`);
  return { l1: def.d, best, reasons: def.reasons, unidentifiable: p.unidentifiable === true };
}
