// The generated geo panels of the geo benchmarks (bench/geo.mjs, bench/geo-peers.mjs): lib's GEO_PANEL_SPEC
// (4 channels) and, beyond 4 channels, four more with their own patterns, ROIs and curves.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');
const gp = require('../lib/dist/mmm/geo-posterior.js');
const { fitGeoMmm } = require('../lib/dist/mmm/geo-fit.js');

/** Four more channels for the 8-channel panel (the spec's 4 plus these). */
const MORE = [
  { name: 'radio', meanSpend: 90_000, pattern: 'flighted', roi: 1.6, half: 1, shape: 1.3, theta: 0.45 },
  { name: 'video', meanSpend: 150_000, pattern: 'trend', roi: 1.2, half: 0.9, shape: 1.1, theta: 0.4 },
  { name: 'affiliate', meanSpend: 60_000, pattern: 'random', roi: 3, half: 1.1, shape: 1, theta: 0.1 },
  { name: 'ooh', meanSpend: 80_000, pattern: 'bursts', roi: 0.9, half: 1, shape: 1.8, theta: 0.55 },
].map((c) => ({
  name: c.name,
  meanSpend: c.meanSpend,
  pattern: c.pattern,
  roi: c.roi,
  adstock: { type: 'geometric', params: { theta: c.theta, lMax: 8, normalize: true } },
  saturation: { half: c.half, shape: c.shape },
}));

/**
 * Families of panels beyond the default (`base`): `late`, social launched mid-history (the generator's
 * `late` pattern: off for the first 45% of the rows, then ramping up over 8 weeks) in the geos that keep
 * the channel's own pattern (about half; the rest draw another); `follows`, search's spend following
 * tv's (× log-normal noise sd 0.3) in every geo, two correlated channels.
 */
export const GEO_FAMILIES = ['base', 'late', 'follows'];

const FAMILY_PATTERNS = {
  base: {},
  late: { social: 'late' },
  follows: { search: { follows: 'tv', noise: 0.3 } },
};

/** The panel spec of a seed, geo count, channel count, weeks in the truth window and family. */
export function geoSpec(seed, geos, channels, weeks = mm.GEO_PANEL_SPEC.weeks, family = 'base') {
  const base = mm.GEO_PANEL_SPEC;
  const patterns = FAMILY_PATTERNS[family];
  if (!patterns) throw new Error(`unknown geo family ${family}; known: ${GEO_FAMILIES.join(', ')}`);
  const all = channels > 4 ? [...base.channels, ...MORE].slice(0, channels) : base.channels.slice(0, channels);
  return {
    ...base,
    seed,
    geos,
    weeks,
    channels: all.map((c) => (patterns[c.name] ? { ...c, pattern: patterns[c.name] } : c)),
  };
}

/**
 * What the geo posterior would be sampled from on a panel (the MAP fit's problem, best point, centring…),
 * caught instead of sampled: the geo MAP runs once (geometric adstock, lookback 8, the panel's window).
 */
export function geoPosteriorInputOf(panel) {
  let input = null;
  const keep = gp.sampleGeoPosteriorSync;
  gp.sampleGeoPosteriorSync = (i) => {
    input = i;
    throw new Error('caught');
  };
  try {
    fitGeoMmm(
      { geos: panel.geos.map((g) => g.name), byGeo: panel.geos.map((g) => g.data) },
      { lookback: 8, adstock: 'geometric', window: panel.window, posterior: { chains: 1, warmup: 100, draws: 100 } },
    );
  } catch (e) {
    if (e.message !== 'caught') throw e;
  } finally {
    gp.sampleGeoPosteriorSync = keep;
  }
  return input;
}
