import { describe, expect, it } from 'vitest';
import type { StoredPlan } from 'mixmodeler-kernel/dist/action-protocol';
import { allocationRows, geoAllocationRows, heldRows } from './allocation-rows';

const cell = (spend: number, current: number) => ({
  spend,
  current,
  outcome: 2 * spend,
  roi: 2,
  marginalRoi: 1.1,
  maxSeen: 40,
  beyondSeen: spend > 300,
});

describe('geoAllocationRows', () => {
  it("a geo plan's per-geo rows: each geo's channels in order, with the change; none for a national plan", () => {
    const plan = {
      channels: { tv: cell(600, 500), search: cell(400, 500) },
      byGeo: {
        north: { tv: cell(350, 300), search: cell(150, 200) },
        south: { tv: cell(250, 200), search: cell(250, 0) },
      },
    } as unknown as StoredPlan;
    const rows = geoAllocationRows(plan);
    expect(rows.map((r) => `${r.geo}/${r.channel}`)).toEqual(['north/tv', 'north/search', 'south/tv', 'south/search']);
    expect(rows[0]!.change).toBeCloseTo(350 / 300 - 1, 12);
    expect(rows[0]!.beyondSeen).toBe(true);
    expect(rows[3]!.change).toBeNull();
    expect(allocationRows(plan).map((r) => r.channel)).toEqual(['tv', 'search']);
    expect(geoAllocationRows({ byGeo: undefined })).toEqual([]);
  });
});

describe('heldRows', () => {
  it("a plan's owned channels held at their volume, one row each; none for a plan without them", () => {
    const held = { email: { volume: 2_600_000, outcome: 312_000, reason: 'owned channel without a cost per unit' } };
    expect(heldRows({ held })).toEqual([{ channel: 'email', ...held.email }]);
    expect(heldRows({})).toEqual([]);
  });
});
