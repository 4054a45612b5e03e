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
}

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
};

/**
 * Declares an adstock family (frozen).
 * @example defineAdstock({ name: 'geometric', label: 'geometric', type: 'geometric', ... })
 */
export function defineAdstock<const N extends string, P>(
  definition: Definition<N, P, AdstockTransform>,
): AdstockFamily<N> {
  return Object.freeze({ atBounds: () => [], ...definition, role: 'adstock' }) as unknown as AdstockFamily<N>;
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
