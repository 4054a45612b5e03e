// The MMM recovery grid's datasets (bench/mmm-grid.mjs): one spec per spend pattern and seed.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { seededRandom, normal } = require('../lib/dist/math/random.js');

export const PATTERNS = ['random', 'trend', 'seasonal', 'bursts', 'late', 'flighted', 'sparse'];
export const LABELS = {
  random: 'always-on',
  trend: 'linear trend',
  seasonal: 'seasonal',
  bursts: 'on/off bursts',
  late: 'delayed start, ramp-up',
  flighted: 'flighted',
  sparse: 'sparse',
};

/** One seed's dataset spec for a pattern: every design factor drawn independently from the seed. */
export function gridSpec(pattern, seed) {
  const rand = seededRandom(1000 * (PATTERNS.indexOf(pattern) + 1) + seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const C = pick([4, 8, 12]);
  const weeks = pick([104, 156, 208]);
  const noise = pick([0.02, 0.05, 0.1]);
  const delayed = rand() < 0.5;
  const patterned = Math.max(2, Math.floor(C / 2));
  const channels = Array.from({ length: C }, (_, c) => {
    const theta = 0.2 + 0.5 * rand();
    return {
      name: `ch${c + 1}`,
      meanSpend: Math.round(10_000 + 50_000 * rand()),
      pattern: c < patterned ? pattern : 'random',
      roi: Math.min(6, Math.max(0.3, 1.5 * Math.exp(0.6 * normal(rand)))),
      adstock: delayed
        ? { type: 'delayed', params: { theta, delay: 1 + Math.floor(3 * rand()), lMax: 8, normalize: true } }
        : { type: 'geometric', params: { theta, lMax: 8, normalize: true } },
      saturation: { half: 0.6 + rand(), shape: 0.8 + 1.4 * rand() },
    };
  });
  return {
    seed,
    weeks,
    history: 8,
    start: '2021-01-04',
    noise,
    mediaShare: 0.25 + 0.25 * rand(),
    trend: 0.2 * rand(),
    season: 0.05 + 0.1 * rand(),
    channels,
  };
}
