import type { StoredPlan } from 'mixmodeler-kernel/dist/action-protocol';

// No React: the rows of the allocation tables, testable without the DOM.

/** One channel of a plan, as the allocation table shows it. */
export interface AllocationRow {
  channel: string;
  current: number;
  planned: number;
  /** Planned over current, minus one; null when there is no current spend. */
  change: number | null;
  outcome: number;
  roi: number;
  marginalRoi: number;
  /** The most spend in one period of the training window, and whether the plan goes beyond it (lib's plan). */
  maxSeen: number | null;
  beyondSeen: boolean;
}

/** The rows of a plan's allocation table, in the plan's channel order. */
export function allocationRows(plan: Pick<StoredPlan, 'channels'>): AllocationRow[] {
  return rowsOf(plan.channels);
}

/** One geo × channel cell of a plan on a geo-level model, as the per-geo table shows it. */
export interface GeoAllocationRow extends AllocationRow {
  geo: string;
}

/** The rows of a geo plan's per-geo table, geo by geo in the plan's order; none for a national plan. */
export function geoAllocationRows(plan: Pick<StoredPlan, 'byGeo'>): GeoAllocationRow[] {
  return Object.entries(plan.byGeo ?? {}).flatMap(([geo, cells]) => rowsOf(cells).map((r) => ({ geo, ...r })));
}

function rowsOf(channels: StoredPlan['channels']): AllocationRow[] {
  return Object.entries(channels).map(([channel, channelPlan]) => {
    const c = channelPlan as typeof channelPlan & { maxSeen?: number; beyondSeen?: boolean };
    return {
      channel,
      current: c.current,
      planned: c.spend,
      change: c.current > 0 ? c.spend / c.current - 1 : null,
      outcome: c.outcome,
      roi: c.roi,
      marginalRoi: c.marginalRoi,
      maxSeen: typeof c.maxSeen === 'number' ? c.maxSeen : null,
      beyondSeen: c.beyondSeen === true,
    };
  });
}

/** An owned channel a plan holds at its volume (no cost per unit), as the plan view lists it. */
export interface HeldRow {
  channel: string;
  volume: number;
  outcome: number;
  reason: string;
}

/** The owned channels a plan holds at their volume, outside its allocation; none for plans without them. */
export function heldRows(plan: Pick<StoredPlan, 'held'>): HeldRow[] {
  return Object.entries(plan.held ?? {}).map(([channel, h]) => ({ channel, ...h }));
}
