import { convolveLags } from '../transforms/geometric';
import type { AdstockFamily } from '../transforms/families/family';
import { mediaColumn } from './params';
import type { Problem } from './problem';

/** Relative step of the forward differences of media columns and lag weights in their parameters. */
const DIFFERENCE_STEP = 1e-6;

/** One channel's buffers: every array the channel's column and its derivatives are computed in. */
interface ChannelBuffers {
  /** Lag weights [lookback + 1], their derivatives in the adstock's parameters [adstockSize][lookback + 1]. */
  w: Float64Array;
  dw: Float64Array[];
  /** The weights at a moved parameter and the channel's moved parameters, for differences. */
  w2: Float64Array;
  moved: Float64Array;
  /** The carried-over input over pre + window [pre + T] and its view over the window [T]. */
  carried: Float64Array;
  carriedWindow: Float64Array;
  /** ∂saturation/∂input over the window [T]. */
  dx: Float64Array;
  /** The saturation's part of the column's derivatives (the last entries of `MediaColumns.dz[c]`). */
  dzSaturation: Float64Array[];
  /** The adstock's part (the first entries), where a family's `carry` writes the carry-over's derivatives. */
  dzAdstock: Float64Array[];
}

/**
 * The media columns of a problem and their derivatives in each channel's own curve parameters, in
 * buffers made once per problem: `z[c]` is channel c's column over the window [T], `dz[c][k]` its
 * derivative in the channel's k-th parameter [T] (adstock's first, then saturation's). Filled by
 * {@link fillMediaColumns}; overwritten by the next call.
 */
export interface MediaColumns {
  z: Float64Array[];
  dz: Float64Array[][];
  channels: ChannelBuffers[];
}

/** Buffers for a problem's media columns and their derivatives. */
export function mediaColumnsBuffers(p: Problem): MediaColumns {
  const z: Float64Array[] = [];
  const dz: Float64Array[][] = [];
  const channels = p.layouts.map((layout) => {
    const L = layout.lookback + 1;
    const n = p.pre + p.T;
    const carried = new Float64Array(n);
    const dzc = layout.priors.map(() => new Float64Array(p.T));
    z.push(new Float64Array(p.T));
    dz.push(dzc);
    return {
      w: new Float64Array(L),
      dw: Array.from({ length: layout.adstockSize }, () => new Float64Array(L)),
      w2: new Float64Array(L),
      moved: new Float64Array(layout.priors.length),
      carried,
      carriedWindow: carried.subarray(p.pre),
      dx: new Float64Array(p.T),
      dzSaturation: dzc.slice(layout.adstockSize),
      dzAdstock: dzc.slice(0, layout.adstockSize),
    };
  });
  return { z, dz, channels };
}

/**
 * Fills `m` with every channel's media column over the window, saturation(adstock(x)), at the curve
 * parameters u = theta[0..nU) and, with `derivatives`, each column's derivative in its own parameters.
 * Adstock is linear in the input, so a column's derivative in an adstock parameter is ∂y/∂input times
 * the input convolved with the weights' derivative (the family's exact one, else forward differences of
 * its weights); in a saturation parameter it is the family's exact derivative, else the whole column is
 * differenced. Without `derivatives` the columns alone are exact; `dz` is then overwritten with
 * unspecified values.
 */
export function fillMediaColumns(p: Problem, theta: ArrayLike<number>, m: MediaColumns, derivatives: boolean): void {
  for (let c = 0; c < p.layouts.length; c++) {
    const layout = p.layouts[c]!;
    const { adstock: a, saturation: s, lookback, adstockSize } = layout;
    const b = m.channels[c]!;
    const off = p.uOffset[c]!;
    const x = p.x[c]!;
    const derive = derivatives ? s.derivatives : undefined;
    if (derivatives && !derive) {
      columnByDifferences(p, c, theta, m);
      continue;
    }
    const dz = m.dz[c]!;
    // A family's own recursion gives the carry-over and its derivatives in one pass (into the adstock
    // entries of dz, scaled by ∂saturation/∂input below); else the weights are convolved.
    const carried = a.carry !== undefined;
    if (carried) a.carry!(theta, off, lookback, x, p.pre, b.carriedWindow, derive ? b.dzAdstock : null);
    else {
      a.weights(theta, off, lookback, b.w);
      convolveLags(x, b.w, b.carried);
    }
    if (!derive) {
      // The family's derivatives give the column without building its transform (twice as fast
      // over the draws of a posterior); the derivatives they also write are left unused.
      if (s.derivatives) s.derivatives(theta, off + adstockSize, b.carriedWindow, m.z[c]!, b.dx, b.dzSaturation);
      else s.transform(s.constrain(theta, off + adstockSize, lookback)).apply(b.carriedWindow, m.z[c]);
      continue;
    }
    derive(theta, off + adstockSize, b.carriedWindow, m.z[c]!, b.dx, b.dzSaturation);
    if (adstockSize === 0) continue;
    if (!carried) {
      if (a.weightDerivatives) a.weightDerivatives(theta, off, lookback, b.w, b.dw);
      else weightsByDifferences(a, theta, off, lookback, b);
      for (let k = 0; k < adstockSize; k++) convolve(x, b.dw[k]!, dz[k]!, p.pre);
    }
    for (let k = 0; k < adstockSize; k++) {
      const out = dz[k]!;
      for (let t = 0; t < out.length; t++) out[t] = b.dx[t]! * out[t]!;
    }
  }
}

/** ∂w/∂u of a channel's weights by forward differences, into `b.dw`. */
function weightsByDifferences(
  a: AdstockFamily,
  theta: ArrayLike<number>,
  off: number,
  lookback: number,
  b: ChannelBuffers,
): void {
  for (let k = 0; k < b.moved.length; k++) b.moved[k] = theta[off + k]!;
  for (let k = 0; k < b.dw.length; k++) {
    const v = b.moved[k]!;
    const step = DIFFERENCE_STEP * Math.max(1, Math.abs(v));
    b.moved[k] = v + step;
    a.weights(b.moved, 0, lookback, b.w2);
    b.moved[k] = v;
    const dw = b.dw[k]!;
    for (let l = 0; l < dw.length; l++) dw[l] = (b.w2[l]! - b.w[l]!) / step;
  }
}

/** A saturation without exact derivatives: the column and its derivative in every parameter by differences. */
function columnByDifferences(p: Problem, c: number, theta: ArrayLike<number>, m: MediaColumns): void {
  const layout = p.layouts[c]!;
  const off = p.uOffset[c]!;
  const params = Array.from({ length: layout.priors.length }, (_, k) => theta[off + k]!);
  const z = m.z[c]!;
  z.set(mediaColumn(layout, params, p.x[c]!).subarray(p.pre));
  params.forEach((v, k) => {
    const step = DIFFERENCE_STEP * Math.max(1, Math.abs(v));
    const moved = params.slice();
    moved[k] = v + step;
    const z2 = mediaColumn(layout, moved, p.x[c]!).subarray(p.pre);
    const dk = m.dz[c]![k]!;
    for (let t = 0; t < dk.length; t++) dk[t] = (z2[t]! - z[t]!) / step;
  });
}

/**
 * out[t − from] = Σ_{l=0}^{min(t, L−1)} w_l x_{t−l} for t = from..n−1: `convolveLags` over the window only.
 * @param x [n]; w [L]; out [n − from]
 */
function convolve(x: Float64Array, w: Float64Array, out: Float64Array, from: number): void {
  const L = w.length;
  for (let t = from; t < x.length; t++) {
    let s = 0;
    const lMax = t < L - 1 ? t : L - 1;
    for (let l = 0; l <= lMax; l++) s += w[l]! * x[t - l]!;
    out[t - from] = s;
  }
}

/**
 * The chain rule through a media column taken over its sum, z/S: adds into `grad[at + k]` (k over the
 * column's curve parameters) coef · (Σ_t v_t ∂z_t/∂u_k − vz · (Σ_t ∂z_t/∂u_k) / S), where v is the
 * log density's sensitivity to the column [T], vz = Σ_t v_t z_t and dz the column's derivatives.
 */
export function addColumnShareGradient(
  grad: Float64Array,
  at: number,
  dz: Float64Array[],
  v: Float64Array,
  vz: number,
  S: number,
  coef: number,
): void {
  const T = v.length;
  for (let k = 0; k < dz.length; k++) {
    const dk = dz[k]!;
    let vd = 0;
    let dS = 0;
    for (let t = 0; t < T; t++) {
      vd += v[t]! * dk[t]!;
      dS += dk[t]!;
    }
    grad[at + k] = grad[at + k]! + coef * (vd - (vz * dS) / S);
  }
}
