import { ConfigError, show } from '../../errors';
import { delayed } from './delayed';
import type { AdstockFamily, SaturationFamily } from './family';
import { geometric } from './geometric';
import { hill } from './hill';
import { logistic } from './logistic';
import { weibullCdf } from './weibull-cdf';
import { weibullPdf } from './weibull-pdf';

// The curve families a model can fit, in the order users see them. A new family is one file in this
// folder and one entry here. This module and its imports stay free of Node modules: the extension
// reads the labels from it in the browser (checked in .dependency-cruiser.cjs).

/** The adstock families, each declared in its own file. */
export const ADSTOCK_FAMILIES = Object.freeze([geometric, delayed, weibullCdf, weibullPdf] as const);
/** The saturation families, each declared in its own file. */
export const SATURATION_FAMILIES = Object.freeze([hill, logistic] as const);

/** The adstock family fitted for every channel, by name. */
export type AdstockKind = (typeof ADSTOCK_FAMILIES)[number]['name'];
/** The saturation family fitted for every channel, by name. */
export type SaturationKind = (typeof SATURATION_FAMILIES)[number]['name'];

/** The names of the adstock families. */
export const ADSTOCK_KINDS: readonly AdstockKind[] = Object.freeze(ADSTOCK_FAMILIES.map((f) => f.name));
/** The names of the saturation families. */
export const SATURATION_KINDS: readonly SaturationKind[] = Object.freeze(SATURATION_FAMILIES.map((f) => f.name));

/** The adstock family a model fits when its config names none. */
export const DEFAULT_ADSTOCK: AdstockKind = 'geometric';
/** The saturation family a model fits when its config names none. */
export const DEFAULT_SATURATION: SaturationKind = 'hill';

function lookup<F extends { name: string }>(families: readonly F[], role: string, name: string): F {
  const f = families.find((x) => x.name === name);
  if (!f) {
    throw new ConfigError(`unknown ${role} family ${show(name)}; known: ${families.map((x) => x.name).join(', ')}`);
  }
  return f;
}

/**
 * The adstock family of a name.
 * @throws ConfigError naming the unknown name and the known ones
 * @example adstockFamily('weibull-cdf').label // 'Weibull CDF'
 */
export function adstockFamily(name: string): AdstockFamily {
  return lookup<AdstockFamily>(ADSTOCK_FAMILIES, 'adstock', name);
}

/**
 * The saturation family of a name.
 * @throws ConfigError naming the unknown name and the known ones
 * @example saturationFamily('hill').description // 'concave or S-shaped'
 */
export function saturationFamily(name: string): SaturationFamily {
  return lookup<SaturationFamily>(SATURATION_FAMILIES, 'saturation', name);
}
