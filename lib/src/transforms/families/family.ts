import type { AdstockTransform, Transform } from '../values';

/** One parameter on the unconstrained scale u: its name and the mean and sd of its normal prior there. */
export interface ParamPrior {
  name: string;
  mean: number;
  sd: number;
}

/** A transform's parameters on their natural scale, as in its JSON (`TransformJSON.params`). */
export type CurveParams = Readonly<Record<string, unknown>>;

/**
 * What every curve family declares. A family's parameters live on an unconstrained scale u (any real
 * number), so the optimizer needs no bounds and the Laplace approximation is taken where the posterior
 * is closest to Gaussian; `constrain` maps u to the natural parameters of its transform.
 */
interface CurveFamilyBase<N extends string> {
  /** The name a model config uses (`MmmConfig.adstock`, model.json's `"adstock"`). */
  readonly name: N;
  /** The name shown to users (the canvas, cards). */
  readonly label: string;
  /** What the curve does, in a few words for a chooser. */
  readonly description: string;
  /** The registered transform type of its JSON form (several families may share one). */
  readonly type: string;
  /** Its parameters on the u scale with their priors, in u's order, for a lookback of `lookback` periods. */
  priors(lookback: number): ParamPrior[];
  /** The natural parameters from u[at], u[at + 1], … (as many as `priors` lists). */
  constrain(u: ArrayLike<number>, at: number, lookback: number): Record<string, unknown>;
  /** The inverse of `constrain` (inside any clamp): natural parameters to their u values. */
  unconstrain(params: CurveParams): number[];
  /** Reasons, in words, why these natural parameters sit at the edge of what the family allows. */
  atBounds(params: CurveParams): string[];
}

/** An adstock family: its transform spreads each period's input over lags 0..lookback. */
export interface AdstockFamily<N extends string = string> extends CurveFamilyBase<N> {
  readonly role: 'adstock';
  /** The transform at natural parameters. @throws InputError on parameters it does not accept */
  transform(params: CurveParams): AdstockTransform;
  /**
   * The lag weights at u[at], u[at + 1], … into `out` [lookback + 1]: the numbers of
   * `transform(constrain(u, at, lookback)).weights()`, without building the transform (a sampler's
   * inner loop calls it on every gradient).
   */
  weights(u: ArrayLike<number>, at: number, lookback: number, out: Float64Array): Float64Array;
  /** The weights' exact derivatives, for a sampler's gradient; absent: differences are taken. */
  weightDerivatives?: WeightDerivatives;
  /** The carried-over input and its exact derivatives by a faster route than convolving the weights. */
  carry?: AdstockCarry;
}

/**
 * Fills out[t − from] = Σ_{l=0}^{lookback} w_l x_{t−l} for t = from … x.length − 1 (inputs before x[0]
 * count as 0), the weights at u[at], …, and with `du`, du[k][t − from] its derivative in u[at + k]:
 * what convolving `weights` and `weightDerivatives` gives (to rounding), in O(1) per period, for a
 * sampler's inner loop. Where the last lookback + 1 inputs are all 0 the result is exactly 0.
 */
export type AdstockCarry = (
  u: ArrayLike<number>,
  at: number,
  lookback: number,
  x: Float64Array,
  from: number,
  out: Float64Array,
  du: Float64Array[] | null,
) => void;

/**
 * Fills dw[k][l] = ∂w_l/∂u[at + k] for each of the family's parameters on the u scale, given the
 * weights `w` [lookback + 1] at u (each dw[k] of the same shape).
 */
export type WeightDerivatives = (
  u: ArrayLike<number>,
  at: number,
  lookback: number,
  w: Float64Array,
  dw: Float64Array[],
) => void;

/** A saturation family: its transform maps an input ≥ 0 to a response in [0, 1). */
export interface SaturationFamily<N extends string = string> extends CurveFamilyBase<N> {
  readonly role: 'saturation';
  /** The transform at natural parameters. @throws InputError on parameters it does not accept */
  transform(params: CurveParams): Transform;
  /** The response and its exact derivatives, for a sampler's gradient; absent: differences are taken. */
  derivatives?: SaturationDerivatives;
}

/**
 * Fills, for each input x[t] ≥ 0: y[t] the response, dx[t] = ∂y/∂x, and du[k][t] = ∂y/∂u[at + k] for
 * each of the family's parameters on the u scale (0 where the input is 0 and a derivative is unbounded).
 */
export type SaturationDerivatives = (
  u: ArrayLike<number>,
  at: number,
  x: Float64Array,
  y: Float64Array,
  dx: Float64Array,
  du: Float64Array[],
) => void;

/** A family as its file writes it: typed on its own parameters `P`; no reasons at bounds unless given. */
type Definition<N extends string, P, T> = {
  name: N;
  label: string;
  description: string;
  type: string;
  priors(lookback: number): ParamPrior[];
  constrain(u: ArrayLike<number>, at: number, lookback: number): P;
  unconstrain(params: P): number[];
  atBounds?(params: P): string[];
  transform(params: P): T;
  derivatives?: SaturationDerivatives;
  weights?(u: ArrayLike<number>, at: number, lookback: number, out: Float64Array): Float64Array;
  weightDerivatives?: WeightDerivatives;
  carry?: AdstockCarry;
};

/**
 * Declares an adstock family (frozen). Without `weights`, the family's weights come from building its
 * transform.
 * @example defineAdstock({ name: 'geometric', label: 'geometric', type: 'geometric', ... })
 */
export function defineAdstock<const N extends string, P>(
  definition: Definition<N, P, AdstockTransform>,
): AdstockFamily<N> {
  const weights = (u: ArrayLike<number>, at: number, lookback: number, out: Float64Array) => {
    out.set(definition.transform(definition.constrain(u, at, lookback)).weights());
    return out;
  };
  return Object.freeze({ atBounds: () => [], weights, ...definition, role: 'adstock' }) as unknown as AdstockFamily<N>;
}

/**
 * ∂w/∂u of normalized weights w_l = w̃_l / Σ_m w̃_m from the derivatives g_l = ∂ log w̃_l/∂u of the
 * unnormalized ones: ∂w_l/∂u = w_l (g_l − Σ_m w_m g_m). A weight of 0 contributes 0 (its g may be
 * infinite there).
 * @param w normalized weights [L]
 * @param g the log-derivatives [L], overwritten by ∂w/∂u
 * @example normalizedWeightDerivative(w, g) // geometric: g_l = l ∂log θ/∂u
 */
export function normalizedWeightDerivative(w: Float64Array, g: Float64Array): void {
  let mean = 0;
  for (let l = 0; l < w.length; l++) if (w[l]! > 0) mean += w[l]! * g[l]!;
  for (let l = 0; l < w.length; l++) g[l] = w[l]! > 0 ? w[l]! * (g[l]! - mean) : 0;
}

/**
 * Declares a saturation family (frozen).
 * @example defineSaturation({ name: 'hill', label: 'Hill', type: 'hill', ... })
 */
export function defineSaturation<const N extends string, P>(
  definition: Definition<N, P, Transform>,
): SaturationFamily<N> {
  return Object.freeze({ atBounds: () => [], ...definition, role: 'saturation' }) as unknown as SaturationFamily<N>;
}
