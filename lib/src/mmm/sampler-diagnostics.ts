import type { ChainsResult } from '../math/chains';
import { ebfmi, essBulk, rhat } from '../math/mcmc-diagnostics';

/** How many chains and iterations the full posterior takes. */
export interface PosteriorSettings {
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
}

/** How the sampler did: the numbers behind the status's sampler reasons. */
export interface SamplerDiagnostics {
  method: 'nuts';
  chains: number;
  warmup: number;
  draws: number;
  /** The largest rank-normalized split R̂ over every parameter and every channel's ROI. */
  rhatMax: number;
  /** The smallest bulk ESS over the same. */
  essBulkMin: number;
  divergences: number;
  /** The smallest E-BFMI over the chains. */
  ebfmiMin: number;
  /** Mean leapfrog steps per kept draw. */
  stepsPerDraw: number;
  seconds: number;
}

/**
 * How a NUTS run did: the largest R̂ and smallest bulk ESS over the tracked quantities (each one's
 * draws chain after chain, [chains·draws]), the divergences, the smallest E-BFMI over the chains and
 * the mean leapfrog steps per kept draw.
 *
 * @param started `performance.now()` when the run's preparation began
 */
export function samplerDiagnostics(
  result: ChainsResult,
  tracked: Iterable<Float64Array>,
  settings: PosteriorSettings,
  started: number,
): SamplerDiagnostics {
  const K = result.chains.length;
  let rhatMax = 0;
  let essBulkMin = Infinity;
  let N = 0;
  for (const values of tracked) {
    const draws = { values, chains: K };
    rhatMax = Math.max(rhatMax, rhat(draws));
    essBulkMin = Math.min(essBulkMin, essBulk(draws));
    N = values.length;
  }
  let divergences = 0;
  let steps = 0;
  let ebfmiMin = Infinity;
  for (const chain of result.chains) {
    for (const v of chain.stats.divergent) divergences += v;
    for (const v of chain.stats.leapfrogSteps) steps += v;
    ebfmiMin = Math.min(ebfmiMin, ebfmi(chain.stats.energy));
  }
  return {
    method: 'nuts',
    chains: settings.chains,
    warmup: settings.warmup,
    draws: settings.draws,
    rhatMax,
    essBulkMin,
    divergences,
    ebfmiMin,
    stepsPerDraw: steps / Math.max(1, N),
    seconds: (performance.now() - started) / 1000,
  };
}
