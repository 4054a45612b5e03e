import { ConfigError } from '../errors';
import { formatInteger, formatNumber } from '../format';
import type { AllocationChannel } from './optimize';

// No Node imports, nor the engine's: the JupyterLab extension bundles this file (DEFAULT_BOUNDS).

/** What bounds are resolved for: a channel's response over the plan period and its current spend there. */
interface CurrentChannel {
  channel: string;
  response: (spend: number) => number;
  current: number;
}

/** Bounds of one channel's spend over the plan period: absolute, or relative to its current spend. */
export interface ChannelBounds {
  min?: number;
  max?: number;
  /** Multipliers of the current spend, e.g. 0.5 and 1.5 for ±50%. */
  minRelative?: number;
  maxRelative?: number;
}

/** The bounds of channels the user leaves unbounded, as multiples of each channel's current spend. */
export interface RelativeBounds {
  minRelative: number;
  maxRelative: number;
}

/**
 * The default bounds: 0.5–1.5× each channel's current spend over the plan period. A plan stays near
 * what the model has seen, so its outcome is not an extrapolation the data cannot back.
 */
export const DEFAULT_BOUNDS: Readonly<RelativeBounds> = Object.freeze({ minRelative: 0.5, maxRelative: 1.5 });

/** One channel's bounds as the plan used them: the amounts, and where they came from, in words. */
export interface ResolvedBound {
  min: number;
  max: number;
  reason: string;
}

const mult = (v: number) => formatNumber(v, Number.isInteger(v * 10) ? 1 : 2);

/** Where a channel's bounds come from, in words: `the default 0.5–1.5× current spend; current spend 12,000`. */
export function reasonOf(b: ChannelBounds, rule: RelativeBounds | null, current: number): string {
  const side = (name: 'min' | 'max') => {
    const abs = b[name];
    const rel = b[`${name}Relative`];
    if (abs !== undefined && rel !== undefined) return `${name} ${formatInteger(abs)} and ${mult(rel)}× current spend`;
    if (abs !== undefined) return `${name} ${formatInteger(abs)}`;
    return rel === undefined ? null : `${name} ${mult(rel)}× current spend`;
  };
  const mine = [side('min'), side('max')].filter((x): x is string => x !== null);
  const lacking = (['min', 'max'] as const).filter((n) => side(n) === null);
  const text = mine.length ? [`your bounds: ${mine.join(', ')}`] : [];
  if (lacking.length === 2)
    text.push(rule ? `the default ${mult(rule.minRelative)}–${mult(rule.maxRelative)}× current spend` : 'no bounds');
  else if (lacking.length === 1) {
    const n = lacking[0]!;
    text.push(rule ? `the default ${n} ${mult(rule[`${n}Relative`])}× current spend` : `no ${n} bound`);
  }
  text.push(current > 0 ? `current spend ${formatInteger(current)}` : 'no current spend');
  return text.join('; ');
}

/**
 * Each channel's spend bounds over the plan period, with the reason for them: a locked channel keeps its
 * current spend; a channel's own bounds apply where given (absolute and relative: the tighter of them);
 * the rest take `rule` (default 0.5–1.5× current spend), or 0 to `cap` when `rule` is null.
 *
 * @param cap the most one channel may get without a bound (the budget, or 10× the current total for a target)
 * @throws ConfigError when a channel's bounds are empty (min > max)
 */
export function resolveBounds(
  responses: CurrentChannel[],
  bounds: Record<string, ChannelBounds>,
  locked: string[],
  rule: RelativeBounds | null,
  cap: number,
): { channels: AllocationChannel[]; resolved: Record<string, ResolvedBound> } {
  const resolved: Record<string, ResolvedBound> = {};
  const channels = responses.map((r): AllocationChannel => {
    if (locked.includes(r.channel)) {
      resolved[r.channel] = {
        min: r.current,
        max: r.current,
        reason: `locked at its current spend (${formatInteger(r.current)})`,
      };
      return { name: r.channel, response: r.response, min: r.current, max: r.current };
    }
    const b = bounds[r.channel] ?? {};
    const minRel = b.minRelative ?? (b.min === undefined ? rule?.minRelative : undefined);
    const maxRel = b.maxRelative ?? (b.max === undefined ? rule?.maxRelative : undefined);
    const min = Math.max(b.min ?? 0, minRel !== undefined ? minRel * r.current : 0);
    const bounded = Math.min(b.max ?? Infinity, maxRel !== undefined ? maxRel * r.current : Infinity);
    // The cap (the budget) never empties a channel's bounds: a budget below their minimums is refused whole.
    const max = Math.max(Math.min(bounded, cap), Math.min(min, bounded));
    if (!(max >= min)) {
      throw new ConfigError(
        `the bounds of ${r.channel} are empty: min ${formatInteger(min)} > max ${formatInteger(max)}`,
      );
    }
    resolved[r.channel] = { min, max, reason: reasonOf(b, rule, r.current) };
    return { name: r.channel, response: r.response, min, max };
  });
  return { channels, resolved };
}

/**
 * Checks that every name the options give is one of the model's.
 *
 * @param what where the names come from, e.g. `bounds or locks`
 * @param kind what they name: `channel` or `geo`
 * @throws ConfigError naming the first unknown name and listing the known ones
 */
export function checkNames(what: string, kind: string, names: Iterable<string>, known: readonly string[]): void {
  for (const n of names) {
    if (!known.includes(n)) {
      throw new ConfigError(
        `${what} name ${kind} ${JSON.stringify(n)}, not in the model (its ${kind}s: ${known.join(', ')})`,
      );
    }
  }
}
