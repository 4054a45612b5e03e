import type { AdstockFamily, ParamPrior, SaturationFamily } from '../transforms/families/family';
import { adstockFamily, saturationFamily } from '../transforms/families/registry';
import type { TransformJSON } from '../transforms/values';
import type { AdstockKind, SaturationKind } from './spec';

// The nonlinear parameters of one channel live on an unconstrained scale u, so the optimizer needs
// no bounds and the Laplace approximation is taken where the posterior is closest to Gaussian.
// Each has a weakly informative normal prior on that scale. Each curve family declares its own
// parameters, priors and maps (transforms/families/); this file only lays them side by side.

export type { ParamPrior };

/** The parameter layout of one channel for a model family. */
export interface ChannelLayout {
  adstock: AdstockFamily;
  saturation: SaturationFamily;
  lookback: number;
  /** The priors of u: the adstock's parameters first, then the saturation's. */
  priors: ParamPrior[];
  /** How many of `priors` are the adstock's: the saturation's start there. */
  adstockSize: number;
}

/** The layout of a channel's unconstrained parameters (adstock first, then saturation). */
export function channelLayout(adstock: AdstockKind, saturation: SaturationKind, lookback: number): ChannelLayout {
  const a = adstockFamily(adstock);
  const s = saturationFamily(saturation);
  const pa = a.priors(lookback);
  return { adstock: a, saturation: s, lookback, priors: [...pa, ...s.priors(lookback)], adstockSize: pa.length };
}

/** The natural-scale parameters of a channel, as transform JSON (input scaled by its mean). */
export function channelTransforms(
  layout: ChannelLayout,
  u: ArrayLike<number>,
): {
  adstock: TransformJSON;
  saturation: TransformJSON;
} {
  const { adstock: a, saturation: s, lookback } = layout;
  return {
    adstock: { type: a.type, params: a.constrain(u, 0, lookback) },
    saturation: { type: s.type, params: s.constrain(u, layout.adstockSize, lookback) },
  };
}

/**
 * The media column of a channel: saturation(adstock(x)) with x its input over its mean.
 * @param x scaled input of shape [n]; periods before x[0] count as zero
 * @returns shape [n]
 */
export function mediaColumn(layout: ChannelLayout, u: ArrayLike<number>, x: Float64Array): Float64Array {
  const { adstock: a, saturation: s, lookback } = layout;
  const carried = a.transform(a.constrain(u, 0, lookback)).apply(x);
  return s.transform(s.constrain(u, layout.adstockSize, lookback)).apply(carried, carried);
}

/** Reasons why a channel's natural parameters sit at the edge of what the model allows. */
export function atBounds(layout: ChannelLayout, u: ArrayLike<number>): string[] {
  const t = channelTransforms(layout, u);
  return [...layout.adstock.atBounds(t.adstock.params!), ...layout.saturation.atBounds(t.saturation.params!)];
}
