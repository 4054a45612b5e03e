import { ConfigError } from '../errors';
import { formatInteger, formatNumber } from '../format';
import { marginalAt, type Allocation } from './optimize';

// No Node imports: plain arithmetic over the plan's cells.

/** One cell of a geo allocation: a channel in a geo, its response to spend over the period and its bounds. */
export interface AllocationCell {
  geo: number;
  channel: number;
  response: (spend: number) => number;
  min: number;
  max: number;
}

/** Bounds of a sum: a geo's spend over its channels, or a channel's over the geos (Infinity: none). */
export interface SumBound {
  min: number;
  max: number;
}

/**
 * An allocation over geo × channel cells: Σ cells = budget, each cell within its bounds, each geo's and
 * each channel's sum within theirs. The sums make it a flow: budget → geo g → cell (g, c) → channel c.
 */
export interface GeoAllocationProblem {
  cells: AllocationCell[];
  geos: SumBound[];
  channels: SumBound[];
}

/** A small flow network with float capacities (the residual capacity of edge e is cap[e], its reverse e ^ 1). */
class Network {
  readonly to: number[] = [];
  readonly cap: number[] = [];
  readonly out: number[][];
  constructor(nodes: number) {
    this.out = Array.from({ length: nodes }, () => []);
  }
  add(a: number, b: number, cap: number): number {
    const e = this.to.length;
    this.to.push(b, a);
    this.cap.push(cap, 0);
    this.out[a]!.push(e);
    this.out[b]!.push(e + 1);
    return e;
  }
  /** The flow on edge e: its reverse's residual capacity. */
  flow(e: number): number {
    return this.cap[e ^ 1]!;
  }
  /** Pushes the most flow from s to t by shortest augmenting paths; returns its amount. */
  maxFlow(s: number, t: number, eps: number): number {
    let total = 0;
    for (;;) {
      const via = new Int32Array(this.out.length).fill(-1);
      const queue = [s];
      via[s] = -2;
      for (let k = 0; k < queue.length && via[t] === -1; k++) {
        for (const e of this.out[queue[k]!]!) {
          const b = this.to[e]!;
          if (via[b] === -1 && this.cap[e]! > eps) {
            via[b] = e;
            queue.push(b);
          }
        }
      }
      if (via[t] === -1) return total;
      let push = Infinity;
      for (let v = t; v !== s; v = this.to[via[v]! ^ 1]!) push = Math.min(push, this.cap[via[v]!]!);
      if (!Number.isFinite(push)) return Infinity;
      for (let v = t; v !== s; v = this.to[via[v]! ^ 1]!) {
        this.cap[via[v]!] = this.cap[via[v]!]! - push;
        this.cap[via[v]! ^ 1] = this.cap[via[v]! ^ 1]! + push;
      }
      total += push;
    }
  }
}

/**
 * A flow meeting every lower bound with a total in [lo, hi] (a circulation with lower bounds: the
 * standard reduction to one max flow from a super source), or null when the bounds cannot all hold.
 */
function circulation(p: GeoAllocationProblem, lo: number, hi: number, eps: number) {
  const G = p.geos.length;
  const C = p.channels.length;
  const S = 0;
  const T = 1;
  const SS = 2 + G + C;
  const TT = SS + 1;
  const net = new Network(TT + 1);
  const excess = new Float64Array(TT + 1);
  const edge = (a: number, b: number, min: number, max: number) => {
    excess[b] = excess[b]! + min;
    excess[a] = excess[a]! - min;
    return net.add(a, b, max - min);
  };
  p.geos.forEach((g, k) => edge(S, 2 + k, g.min, g.max));
  const cellEdges = p.cells.map((c) => edge(2 + c.geo, 2 + G + c.channel, c.min, c.max));
  p.channels.forEach((c, k) => edge(2 + G + k, T, c.min, c.max));
  const back = edge(T, S, lo, hi);
  let need = 0;
  const supply: number[] = [];
  excess.forEach((x, v) => {
    if (x > 0) {
      supply.push(net.add(SS, v, x));
      need += x;
    } else if (x < 0) supply.push(net.add(v, TT, -x));
  });
  const got = net.maxFlow(SS, TT, eps);
  if (got < need - 1e3 * eps) return null;
  // The super source's edges and the total's are frozen from here: further flows keep every bound.
  for (const e of [...supply, back]) net.cap[e] = net.cap[e ^ 1] = 0;
  return { net, cellEdges, S, T };
}

function scaleOf(p: GeoAllocationProblem): number {
  return Math.max(
    1,
    p.cells.reduce((s, c) => s + c.max, 0),
  );
}

/**
 * The totals the bounds allow, [lo, hi] (exact: a feasible flow, then the most that can be added to it
 * and the most taken from it); null when the bounds cannot all hold at any total.
 */
export function geoBudgetRange(p: GeoAllocationProblem): { lo: number; hi: number } | null {
  const eps = 1e-12 * scaleOf(p);
  const range = (dir: 'up' | 'down') => {
    const c = circulation(p, 0, Infinity, eps);
    if (!c) return null;
    const base = cellSum(p, c);
    const more = dir === 'up' ? c.net.maxFlow(c.S, c.T, eps) : c.net.maxFlow(c.T, c.S, eps);
    return dir === 'up' ? base + more : base - more;
  };
  const hi = range('up');
  const lo = range('down');
  return hi === null || lo === null ? null : { lo: Math.max(0, lo), hi };
}

function cellSum(p: GeoAllocationProblem, c: NonNullable<ReturnType<typeof circulation>>): number {
  return c.cellEdges.reduce((s, e, i) => s + p.cells[i]!.min + c.net.flow(e), 0);
}

/** A feasible allocation of exactly `budget`, or null. */
function feasibleAt(p: GeoAllocationProblem, budget: number): number[] | null {
  const c = circulation(p, budget, budget, 1e-12 * Math.max(scaleOf(p), budget));
  return c
    ? p.cells.map((cell, i) => Math.min(cell.max, Math.max(cell.min, cell.min + c.net.flow(c.cellEdges[i]!))))
    : null;
}

interface Arc {
  from: number;
  to: number;
  cost: number;
  cap: number;
  /** The cell moved by the arc and in which direction; -1 for a sum's slack. */
  cell: number;
  sign: 1 | -1;
}

/**
 * Raises Σ f_i(x_i) from a feasible x while keeping every bound and the total: each step finds a cycle of
 * negative cost in the residual graph whose arc costs are minus the marginal returns (Bellman–Ford), i.e.
 * a way to move spend from cells of lower to cells of higher marginal return that every sum allows,
 * and moves along it as far as pays (golden-section line search). At the end no such cycle remains:
 * marginal returns are equal wherever a move is allowed, the optimum for concave responses.
 */
function ascend(p: GeoAllocationProblem, f: AllocationCell[], x: number[], maxSteps = 20000): void {
  const G = p.geos.length;
  const C = p.channels.length;
  const V = 2 + G + C;
  const scale = scaleOf(p);
  const eps = 1e-10 * scale;
  const geoSum = new Float64Array(G);
  const chSum = new Float64Array(C);
  p.cells.forEach((c, i) => {
    geoSum[c.geo] = geoSum[c.geo]! + x[i]!;
    chSum[c.channel] = chSum[c.channel]! + x[i]!;
  });
  // A cycle that is negative by rounding alone gains nothing: the search then asks for a more negative one.
  let floor = 0;
  for (let step = 0; step < maxSteps; step++) {
    const m = f.map((c, i) => marginalAt(c, x[i]!));
    const top = Math.max(1e-300, ...m.map(Math.abs));
    const arcs: Arc[] = [];
    p.cells.forEach((c, i) => {
      const a = 2 + c.geo;
      const b = 2 + G + c.channel;
      if (x[i]! < c.max - eps) arcs.push({ from: a, to: b, cost: -m[i]!, cap: c.max - x[i]!, cell: i, sign: 1 });
      if (x[i]! > c.min + eps) arcs.push({ from: b, to: a, cost: m[i]!, cap: x[i]! - c.min, cell: i, sign: -1 });
    });
    p.geos.forEach((g, k) => {
      if (geoSum[k]! < g.max - eps)
        arcs.push({ from: 0, to: 2 + k, cost: 0, cap: g.max - geoSum[k]!, cell: -1, sign: 1 });
      if (geoSum[k]! > g.min + eps)
        arcs.push({ from: 2 + k, to: 0, cost: 0, cap: geoSum[k]! - g.min, cell: -1, sign: 1 });
    });
    p.channels.forEach((ch, k) => {
      const v = 2 + G + k;
      if (chSum[k]! < ch.max - eps) arcs.push({ from: v, to: 1, cost: 0, cap: ch.max - chSum[k]!, cell: -1, sign: 1 });
      if (chSum[k]! > ch.min + eps) arcs.push({ from: 1, to: v, cost: 0, cap: chSum[k]! - ch.min, cell: -1, sign: 1 });
    });
    const cycle = negativeCycle(V, arcs, Math.max(1e-7 * top, floor));
    if (!cycle) return;
    const room = Math.min(...cycle.map((a) => a.cap));
    const moved = cycle.filter((a) => a.cell >= 0);
    const at = moved.map((a) => f[a.cell]!.response(x[a.cell]!));
    const gain = (d: number) => moved.reduce((s, a, k) => s + f[a.cell]!.response(x[a.cell]! + a.sign * d) - at[k]!, 0);
    const slope = -cycle.reduce((s, a) => s + a.cost, 0);
    const curvature = moved.reduce((s, a, k) => s + curvatureAt(f[a.cell]!, x[a.cell]!, at[k]!), 0);
    const d = lineSearch(gain, slope, curvature, room);
    if (!(d > 0) || !(gain(d) > 1e-13 * Math.max(1, Math.abs(top * scale)))) {
      floor = Math.max(2 * floor, -cycle.reduce((s, a) => s + a.cost, 0));
      continue;
    }
    floor = 0;
    for (const a of moved) {
      const c = p.cells[a.cell]!;
      const next = Math.min(c.max, Math.max(c.min, x[a.cell]! + a.sign * d));
      geoSum[c.geo] = geoSum[c.geo]! + next - x[a.cell]!;
      chSum[c.channel] = chSum[c.channel]! + next - x[a.cell]!;
      x[a.cell] = next;
    }
  }
}

/** d² response / d spend² at x (a central difference; one-sided at 0). */
function curvatureAt(c: AllocationCell, x: number, fx: number): number {
  const h = Math.max(1e-6, (c.max - c.min) * 1e-3);
  const x0 = Math.max(0, x - h);
  const x1 = x0 + 2 * h;
  const mid = x0 === x - h ? fx : c.response(x0 + h);
  return (c.response(x1) - 2 * mid + c.response(x0)) / (h * h);
}

/**
 * A cycle of least mean cost (Karp: the cheapest walks of exactly k arcs into every node, k ≤ V, from
 * every node at once), when that mean is below −tol; else null. Moving along the cycle of steepest mean
 * descent keeps the number of moves small, where any negative cycle (Bellman–Ford) can zigzag for long.
 */
function negativeCycle(V: number, arcs: Arc[], tol: number): Arc[] | null {
  const D = Array.from({ length: V + 1 }, (_, k) => new Float64Array(V).fill(k === 0 ? 0 : Infinity));
  const pred = Array.from({ length: V + 1 }, () => new Array<Arc | null>(V).fill(null));
  for (let k = 1; k <= V; k++) {
    const prev = D[k - 1]!;
    const cur = D[k]!;
    for (const a of arcs) {
      const d = prev[a.from]! + a.cost;
      if (d < cur[a.to]!) {
        cur[a.to] = d;
        pred[k]![a.to] = a;
      }
    }
  }
  let best = Infinity;
  let at = -1;
  for (let v = 0; v < V; v++) {
    if (!Number.isFinite(D[V]![v]!)) continue;
    let worst = -Infinity;
    for (let k = 0; k < V; k++) {
      if (Number.isFinite(D[k]![v]!)) worst = Math.max(worst, (D[V]![v]! - D[k]![v]!) / (V - k));
    }
    if (worst < best) [best, at] = [worst, v];
  }
  if (!(best < -tol)) return null;
  // The cheapest V-arc walk into `at` repeats a node: the arcs between the repeats are the cycle.
  const seen = new Int32Array(V).fill(-1);
  const walk: Arc[] = [];
  let v = at;
  for (let k = V; ; k--) {
    if (seen[v]! >= 0) {
      const cycle = walk.slice(seen[v]);
      return cycle.reduce((s, a) => s + a.cost, 0) < 0 ? cycle : null;
    }
    if (k === 0) return null;
    seen[v] = walk.length;
    const a = pred[k]![v]!;
    walk.push(a);
    v = a.from;
  }
}

/**
 * The step along a cycle: Newton's on the gain (its slope and curvature at 0 from the cells' differences),
 * the whole room if the gain does not bend down, halved until it gains.
 */
function lineSearch(gain: (d: number) => number, slope: number, curvature: number, room: number): number {
  let d = curvature < 0 ? Math.min(room, -slope / curvature) : room;
  for (let k = 0; k < 40 && d > 1e-12 * room; k++, d /= 2) if (gain(d) > 0) return d;
  return 0;
}

/**
 * Maximizes Σ response_i(spend_i) over geo × channel cells with Σ spend = budget and every cell's, geo's
 * and channel's bounds. Starts from the feasible allocation nearest to the current one scaled to the
 * budget (`start`, e.g. each cell's current spend; a least-squares projection by the same ascent), then
 * moves spend along cycles of the flow graph while any raises the outcome: at the end marginal returns
 * are equal across every move the bounds allow. The optimum for concave responses; for S-shaped ones a
 * local optimum near the current allocation.
 *
 * @param start a spend per cell the allocation starts near (scaled to the budget); shape [cells]
 * @throws ConfigError when the budget lies outside what the bounds allow
 */
export function maximizeGeoOutcome(p: GeoAllocationProblem, budget: number, start?: number[]): Allocation {
  const x = feasibleAt(p, budget);
  if (!x) {
    const r = geoBudgetRange(p);
    throw new ConfigError(
      r
        ? `the budget ${formatInteger(budget)} is outside what the bounds allow: ${formatInteger(r.lo)} to ${formatInteger(r.hi)}`
        : 'the bounds of the geos, channels and cells cannot all hold at once',
    );
  }
  if (start) {
    const total = start.reduce((s, v) => s + v, 0);
    const spread = Math.max(1, budget / p.cells.length);
    const target = start.map((v) => (total > 0 ? (v * budget) / total : budget / p.cells.length));
    const near = p.cells.map((c, i) => ({ ...c, response: (v: number) => -(((v - target[i]!) / spread) ** 2) }));
    ascend(p, near, x);
  }
  ascend(p, p.cells, x);
  const outcome = p.cells.map((c, i) => c.response(x[i]!));
  return {
    spend: x,
    outcome,
    marginal: p.cells.map((c, i) => marginalAt(c, x[i]!)),
    total: outcome.reduce((s, v) => s + v, 0),
  };
}

/**
 * The least total spend whose optimal allocation reaches `target` (bisection on the budget).
 * @throws ConfigError when even the most the bounds allow cannot reach it
 */
export function minimizeGeoSpend(p: GeoAllocationProblem, target: number, start?: number[]): Allocation {
  const r = geoBudgetRange(p);
  if (!r) throw new ConfigError('the bounds of the geos, channels and cells cannot all hold at once');
  const best = maximizeGeoOutcome(p, r.hi, start);
  if (best.total < target) {
    throw new ConfigError(
      `the target ${target} is out of reach: the bounds allow at most ${formatNumber(best.total, 0)}`,
    );
  }
  let a = r.lo;
  let b = r.hi;
  let at = best;
  for (let k = 0; k < 40 && b - a > 1e-5 * Math.max(1, r.hi); k++) {
    const mid = (a + b) / 2;
    const m = maximizeGeoOutcome(p, mid, at.spend);
    if (m.total >= target) {
      b = mid;
      at = m;
    } else a = mid;
  }
  return at;
}
