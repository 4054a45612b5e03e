import { delayedWeights } from '../transforms/delayed';
import { convolveLags, geometricWeights } from '../transforms/geometric';
import { hill } from '../transforms/hill';
import { logistic } from '../transforms/logistic';
import type { TransformJSON } from '../transforms/values';
import { weibullWeights } from '../transforms/weibull';
import type { AdstockKind, SaturationKind } from './spec';

// The nonlinear parameters of one channel live on an unconstrained scale u, so the optimizer needs
// no bounds and the Laplace approximation is taken where the posterior is closest to Gaussian.
// Each has a weakly informative normal prior on that scale.

const THETA_MAX = 0.95;
const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

/** One unconstrained parameter: its name, prior mean and sd on the u scale. */
export interface ParamPrior {
  name: string;
  mean: number;
  sd: number;
}

/** The parameter layout of one channel for a model family. */
export interface ChannelLayout {
  adstock: AdstockKind;
  saturation: SaturationKind;
  lookback: number;
  priors: ParamPrior[];
}

/** The layout of a channel's unconstrained parameters (adstock first, then saturation). */
export function channelLayout(adstock: AdstockKind, saturation: SaturationKind, lookback: number): ChannelLayout {
  const a: ParamPrior[] =
    adstock === 'geometric'
      ? [{ name: 'theta', mean: logit(0.4 / THETA_MAX), sd: 1.3 }]
      : adstock === 'delayed'
        ? [
            { name: 'theta', mean: logit(0.4 / THETA_MAX), sd: 1.3 },
            { name: 'delay', mean: logit(Math.min(0.9, 1.5 / Math.max(lookback, 1))), sd: 1.5 },
          ]
        : adstock === 'weibull-cdf'
          ? [
              // Survival weights exp(−(l/scale)^shape): shape < 1 a long tail, > 1 a shoulder then decay.
              { name: 'shape', mean: 0, sd: 0.5 },
              { name: 'scale', mean: Math.log(2), sd: 0.7 },
            ]
          : [
              { name: 'shape', mean: Math.log(2), sd: 0.5 },
              { name: 'scale', mean: Math.log(3), sd: 0.7 },
            ];
  const s: ParamPrior[] =
    saturation === 'hill'
      ? [
          { name: 'half', mean: 0, sd: 0.5 },
          { name: 'slope', mean: Math.log(1.5), sd: 0.3 },
        ]
      : [{ name: 'lambda', mean: Math.log(1.5), sd: 0.7 }];
  return { adstock, saturation, lookback, priors: [...a, ...s] };
}

/** The natural-scale parameters of a channel, as transform JSON (input scaled by its mean). */
export function channelTransforms(
  layout: ChannelLayout,
  u: ArrayLike<number>,
): {
  adstock: TransformJSON;
  saturation: TransformJSON;
} {
  const lMax = layout.lookback;
  let adstock: TransformJSON;
  let k = 0;
  if (layout.adstock === 'geometric') {
    adstock = { type: 'geometric', params: { theta: THETA_MAX * sigmoid(u[k++]!), lMax, normalize: true } };
  } else if (layout.adstock === 'delayed') {
    const theta = THETA_MAX * sigmoid(u[k++]!);
    adstock = { type: 'delayed', params: { theta, delay: lMax * sigmoid(u[k++]!), lMax, normalize: true } };
  } else {
    // Clamped to what weibullWeights accepts, so a wild optimizer step costs a flat objective, not a throw.
    const shape = Math.min(20, Math.max(0.01, Math.exp(u[k++]!)));
    const scale = Math.min(520, Math.max(0.01, Math.exp(u[k++]!)));
    const kind = layout.adstock === 'weibull-cdf' ? 'cdf' : 'pdf';
    adstock = { type: 'weibull', params: { shape, scale, lMax, kind, normalize: true } };
  }
  const saturation: TransformJSON =
    layout.saturation === 'hill'
      ? { type: 'hill', params: { half: Math.exp(u[k]!), shape: Math.exp(u[k + 1]!) } }
      : { type: 'logistic', params: { lambda: Math.exp(u[k]!) } };
  return { adstock, saturation };
}

/** The lag weights [lookback + 1] of a channel's adstock at parameters u. */
export function adstockWeights(layout: ChannelLayout, u: ArrayLike<number>): Float64Array {
  const p = channelTransforms(layout, u).adstock.params as Record<string, number>;
  const lMax = layout.lookback;
  if (layout.adstock === 'geometric') return geometricWeights({ theta: p['theta']!, lMax, normalize: true });
  if (layout.adstock === 'delayed') {
    return delayedWeights({ theta: p['theta']!, delay: Math.min(p['delay']!, lMax), lMax, normalize: true });
  }
  const kind = layout.adstock === 'weibull-cdf' ? 'cdf' : 'pdf';
  return weibullWeights({ shape: p['shape']!, scale: p['scale']!, lMax, kind, normalize: true });
}

/**
 * The media column of a channel: saturation(adstock(x)) with x its input over its mean.
 * @param x scaled input of shape [n]; periods before x[0] count as zero
 * @returns shape [n]
 */
export function mediaColumn(layout: ChannelLayout, u: ArrayLike<number>, x: Float64Array): Float64Array {
  const carried = convolveLags(x, adstockWeights(layout, u));
  const sat = channelTransforms(layout, u).saturation.params as Record<string, number>;
  return layout.saturation === 'hill'
    ? hill(carried, { half: sat['half']!, shape: sat['shape']! }, carried)
    : logistic(carried, { lambda: sat['lambda']! }, carried);
}

/** Reasons why a channel's natural parameters sit at the edge of what the model allows. */
export function atBounds(layout: ChannelLayout, u: ArrayLike<number>): string[] {
  const t = channelTransforms(layout, u);
  const a = t.adstock.params as Record<string, number>;
  const s = t.saturation.params as Record<string, number>;
  const out: string[] = [];
  if (a['theta'] !== undefined && a['theta'] > 0.9)
    out.push(`adstock retention ${a['theta'].toFixed(2)} near its cap 0.95`);
  if (s['half'] !== undefined && (s['half'] < 0.05 || s['half'] > 20)) {
    out.push(`half-saturation at ${s['half'].toPrecision(2)}× mean spend`);
  }
  if (s['shape'] !== undefined && (s['shape'] < 0.3 || s['shape'] > 6)) out.push(`Hill shape ${s['shape'].toFixed(2)}`);
  return out;
}
