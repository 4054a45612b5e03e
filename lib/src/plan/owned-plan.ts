import { ConfigError } from '../errors';
import { formatInteger } from '../format';
import type { FittedMmm } from '../mmm/fitted';
import { isPaid, type MmmData } from '../mmm/spec';
import { periodResponses } from './period-response';
import type { HeldChannel } from './plan-types';

/**
 * What a plan moves, and what it holds: owned and earned channels (no spend) with a cost per unit enter
 * as channels whose spend is volume × cost; those without one are held at their volume over the last
 * `weeks` periods, with the outcome that volume brings (not part of the plan's budget or outcome).
 */
export interface OwnedSplit {
  /** The model with the held channels left out (its curves alone are used: correlations index `fit`). */
  fit: FittedMmm;
  /** The data with each costed owned channel's spend = its volume × its cost per unit. */
  data: MmmData;
  /** Per held channel: its volume over the plan period, the outcome it brings, and why it is held. */
  held: Record<string, HeldChannel>;
}

/**
 * Splits a model's channels for a plan of `weeks` periods ({@link OwnedSplit}): paid channels as they are,
 * owned ones priced by their `costPerUnit` (ChannelSeries), the rest held at their volume.
 *
 * @throws InputError as `periodResponses`
 * @example ownedSplit(fit, data, 13).held.email.volume // sends over the last 13 periods
 */
export function ownedSplit(fit: FittedMmm, data: MmmData, weeks: number): OwnedSplit {
  const byName = new Map(data.channels.map((c) => [c.name, c]));
  const owned = fit.channels.filter((c) => c.paid === false || !isPaid(byName.get(c.name) ?? {}));
  if (!owned.length) return { fit, data, held: {} };
  const priced = pricedData(data);
  const heldNames = owned.filter((c) => byName.get(c.name)?.costPerUnit === undefined).map((c) => c.name);
  const held: Record<string, HeldChannel> = {};
  const heldFit = { ...fit, channels: fit.channels.filter((c) => heldNames.includes(c.name)) };
  // With a cost of 1 a unit, "spend" is the volume: the response at the current volume is its outcome.
  for (const r of heldNames.length ? periodResponses(heldFit, priced, weeks) : []) {
    held[r.channel] = {
      volume: r.current,
      outcome: r.response(r.current),
      reason: `owned channel without a cost per unit: held at its volume (${formatInteger(r.current)} over the period)`,
    };
  }
  return { fit: { ...fit, channels: fit.channels.filter((c) => !heldNames.includes(c.name)) }, data: priced, held };
}

/** The data with each owned channel's spend = its volume × its cost per unit (1 without one: its volume). */
export function pricedData(data: MmmData): MmmData {
  const channels = data.channels.map((c) =>
    isPaid(c) ? c : { ...c, spend: c.input.map((v) => v * (c.costPerUnit ?? 1)) },
  );
  return { ...data, channels };
}

/**
 * Refuses bounds or locks on a held channel, saying how to plan it; and, given how many channels the plan
 * can move (`planned`), a plan with none: every channel owned and held.
 *
 * @throws ConfigError naming the channel and the `costPerUnit` that would let a plan move it
 */
export function checkNotHeld(names: readonly string[], held: Record<string, HeldChannel>, planned?: number): void {
  if (planned === 0) {
    throw new ConfigError(
      `the model has no channel a plan can move: every one is owned without a cost per unit and held at its volume ` +
        `(${Object.keys(held).join(', ')}); give a touchpoint a \`costPerUnit\` in model.json for plans to move it`,
    );
  }
  const n = names.find((x) => x in held);
  if (n === undefined) return;
  throw new ConfigError(
    `bounds or locks name ${JSON.stringify(n)}, an owned channel without a cost per unit, which plans hold at its ` +
      'volume; give its touchpoint a `costPerUnit` in model.json for plans to move it',
  );
}
