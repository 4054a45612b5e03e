import { ConfigError, show } from '../errors';
import { ADSTOCK_FAMILIES, SATURATION_FAMILIES } from './families/registry';
import { compose, type Transform, type TransformJSON } from './values';

/** Constructors by registered type name. */
export type TransformRegistry = Readonly<Record<string, (params: never) => Transform>>;

/**
 * The built-in transforms: each curve family's transform under its type (families that share a type,
 * such as the two Weibull kinds, share its constructor). Extend by spreading into a new object:
 * `{ ...TRANSFORMS, mine }`.
 */
export const TRANSFORMS: TransformRegistry = Object.freeze(
  Object.fromEntries([...ADSTOCK_FAMILIES, ...SATURATION_FAMILIES].map((f) => [f.type, f.transform])),
);

/**
 * Loads a transform from its JSON form.
 * @throws ConfigError naming the unknown type or the bad parameters
 * @example transformFromJSON({ type: 'geometric', params: { theta: 0.5, lMax: 4, normalize: true } })
 */
export function transformFromJSON(json: TransformJSON, registry: TransformRegistry = TRANSFORMS): Transform {
  if (json.type === 'compose') return compose(...(json.parts ?? []).map((p) => transformFromJSON(p, registry)));
  const make = Object.prototype.hasOwnProperty.call(registry, json.type) ? registry[json.type] : undefined;
  if (!make) {
    throw new ConfigError(`unknown transform type ${show(json.type)}; known: ${Object.keys(registry).join(', ')}`);
  }
  try {
    return make((json.params ?? {}) as never);
  } catch (e) {
    throw new ConfigError(`transform ${show(json.type)}: ${(e as Error).message}`);
  }
}
