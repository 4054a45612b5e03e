import { ConfigError } from '../errors';
import { delayedWeights, type DelayedOptions } from './delayed';
import { convolveLags, geometricWeights, type GeometricOptions } from './geometric';
import { hill, type HillOptions } from './hill';
import { logistic, type LogisticOptions } from './logistic';
import { weibullWeights, type WeibullOptions } from './weibull';

/** A transform as JSON: its registered type and its parameters (for composition, its parts). */
export interface TransformJSON {
  type: string;
  params?: Record<string, unknown>;
  parts?: TransformJSON[];
}

/** A transform as a value: frozen, serializable, and applied to a series of shape [nTimes]. */
export interface Transform {
  readonly type: string;
  readonly role: 'adstock' | 'saturation' | 'composed';
  readonly params: Readonly<Record<string, unknown>>;
  /** Applies the transform: x of shape [nTimes] to y of shape [nTimes]. */
  apply(x: Float64Array, out?: Float64Array): Float64Array;
  toJSON(): TransformJSON;
}

/** An adstock transform, which also exposes its lag weights of shape [lMax + 1]. */
export interface AdstockTransform extends Transform {
  readonly role: 'adstock';
  weights(): Float64Array;
}

/**
 * An adstock transform value of a type, its parameters and its lag weights [lMax + 1] (kept; a family
 * whose transform type is new builds its constructor on this).
 */
export function adstockValue(type: string, params: object, w: Float64Array): AdstockTransform {
  const frozenParams = Object.freeze({ ...params }) as Record<string, unknown>;
  return Object.freeze({
    type,
    role: 'adstock' as const,
    params: frozenParams,
    weights: () => w.slice(),
    apply: (x: Float64Array, out?: Float64Array) => convolveLags(x, w, out),
    toJSON: () => ({ type, params: { ...frozenParams } }),
  });
}

/** A saturation transform value of a type, its parameters and its function (x [n] to y [n]). */
export function saturationValue(
  type: string,
  params: object,
  fn: (x: Float64Array, out?: Float64Array) => Float64Array,
): Transform {
  const frozenParams = Object.freeze({ ...params }) as Record<string, unknown>;
  return Object.freeze({
    type,
    role: 'saturation' as const,
    params: frozenParams,
    apply: fn,
    toJSON: () => ({ type, params: { ...frozenParams } }),
  });
}

/** Geometric adstock as a value. @example geometric({ theta: 0.5, lMax: 8, normalize: true }).apply(x) */
export function geometric(options: GeometricOptions): AdstockTransform {
  return adstockValue('geometric', options, geometricWeights(options));
}

/** Weibull adstock (CDF or PDF) as a value. */
export function weibull(options: WeibullOptions): AdstockTransform {
  return adstockValue('weibull', options, weibullWeights(options));
}

/** Delayed adstock as a value. */
export function delayed(options: DelayedOptions): AdstockTransform {
  return adstockValue('delayed', options, delayedWeights(options));
}

/** Hill saturation as a value. */
export function hillSaturation(options: HillOptions): Transform {
  hill(new Float64Array(0), options); // validates the options once
  return saturationValue('hill', options, (x, out) => hill(x, options, out));
}

/** Logistic saturation as a value. */
export function logisticSaturation(options: LogisticOptions): Transform {
  logistic(new Float64Array(0), options);
  return saturationValue('logistic', options, (x, out) => logistic(x, options, out));
}

/**
 * Chains transforms left to right: compose(a, s).apply(x) = s.apply(a.apply(x)).
 * @throws ConfigError when given no transform
 */
export function compose(...parts: Transform[]): Transform {
  if (parts.length === 0) throw new ConfigError('compose needs at least one transform');
  const list = Object.freeze(parts.slice());
  return Object.freeze({
    type: 'compose',
    role: 'composed' as const,
    params: Object.freeze({}),
    apply: (x: Float64Array, out?: Float64Array) => {
      let y = x;
      list.forEach((t, i) => (y = t.apply(y, i === list.length - 1 ? out : undefined)));
      return y;
    },
    toJSON: () => ({ type: 'compose', parts: list.map((t) => t.toJSON()) }),
  });
}
