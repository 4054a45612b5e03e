import type { SynthChannel, SynthSpec } from './generate';

const geo = (theta: number) => ({ type: 'geometric', params: { theta, lMax: 8, normalize: true } });

/** The accuracy cases of the MMM engine (issue: the MMM engine), shared by tests and the bench. */
export const CASES: Record<string, SynthSpec> = {
  clean: {
    seed: 11,
    weeks: 104,
    history: 8,
    start: '2023-01-02',
    noise: 0.02,
    mediaShare: 0.35,
    trend: 0.1,
    season: 0.1,
    channels: [
      {
        name: 'tv',
        meanSpend: 50_000,
        pattern: 'random',
        roi: 2.2,
        adstock: geo(0.6),
        saturation: { half: 1, shape: 1.5 },
      },
      {
        name: 'search',
        meanSpend: 30_000,
        pattern: 'random',
        roi: 3,
        adstock: geo(0.2),
        saturation: { half: 1.2, shape: 1 },
      },
      {
        name: 'social',
        meanSpend: 25_000,
        pattern: 'random',
        roi: 1.4,
        adstock: geo(0.35),
        saturation: { half: 0.8, shape: 1.2 },
      },
      {
        name: 'display',
        meanSpend: 25_000,
        pattern: 'random',
        roi: 1.2,
        adstock: geo(0.3),
        saturation: { half: 1, shape: 2 },
      },
    ],
  },
  realistic: {
    seed: 23,
    weeks: 104,
    history: 8,
    start: '2023-01-02',
    noise: 0.05,
    mediaShare: 0.4,
    trend: 0.15,
    season: 0.12,
    price: -0.04,
    holiday: 0.08,
    channels: [
      {
        name: 'tv',
        meanSpend: 60_000,
        pattern: 'flighted',
        roi: 1.8,
        adstock: geo(0.65),
        saturation: { half: 1.2, shape: 1.5 },
      },
      {
        name: 'search',
        meanSpend: 35_000,
        pattern: 'seasonal',
        roi: 2.6,
        adstock: geo(0.15),
        saturation: { half: 1, shape: 1 },
      },
      {
        name: 'social',
        meanSpend: 30_000,
        pattern: 'seasonal',
        roi: 1.5,
        adstock: geo(0.3),
        saturation: { half: 1, shape: 1.3 },
      },
      {
        name: 'display',
        meanSpend: 20_000,
        pattern: 'trend',
        roi: 1.1,
        adstock: geo(0.3),
        saturation: { half: 0.9, shape: 1.5 },
      },
      {
        name: 'podcast',
        meanSpend: 8_000,
        pattern: 'sparse',
        roi: 1.6,
        adstock: geo(0.4),
        saturation: { half: 1.5, shape: 1 },
      },
      {
        name: 'ooh',
        meanSpend: 20_000,
        pattern: 'random',
        roi: 1.3,
        adstock: { type: 'delayed', params: { theta: 0.5, delay: 2, lMax: 8, normalize: true } },
        saturation: { half: 1, shape: 1.5 },
      },
      {
        name: 'email',
        meanSpend: 6_000,
        pattern: 'random',
        roi: 2.4,
        adstock: geo(0.1),
        saturation: { half: 1, shape: 1 },
      },
    ],
  },
};

/** A case where one channel's spend follows the season almost exactly: the data cannot separate them. */
export function confoundedCase(seed = 31): SynthSpec {
  const base = CASES['clean']!;
  const channels: SynthChannel[] = base.channels.map((c) =>
    c.name === 'social' ? { ...c, pattern: 'seasonal' as const } : c,
  );
  return { ...base, seed, season: 0.15, seasonalSpendNoise: 0.02, channels };
}

/** Two channels whose spend moves together (social follows search with 5% noise). */
export function correlatedCase(seed = 41): SynthSpec {
  const base = CASES['clean']!;
  const channels: SynthChannel[] = base.channels.map((c) =>
    c.name === 'social' ? { ...c, pattern: { follows: 'search', noise: 0.05 } } : c,
  );
  return { ...base, seed, channels };
}

/**
 * The pattern the engine misses silently (issue 20): a baseline that grows along an S-curve with the
 * season, a channel launched mid-history (45% in, ramping up), on/off bursts, over 156 weeks. A straight
 * trend cannot follow this base, so the launch's effect and the base's growth are easy to confuse.
 */
export function lateStartCase(seed = 51): SynthSpec {
  const base = CASES['clean']!;
  const patterns: Record<string, SynthChannel['pattern']> = {
    tv: 'random',
    search: 'late',
    social: 'bursts',
    display: 'flighted',
  };
  const channels: SynthChannel[] = base.channels.map((c) => ({ ...c, pattern: patterns[c.name] ?? c.pattern }));
  return { ...base, seed, weeks: 156, noise: 0.04, trend: 0.1, baselineCurve: 0.35, season: 0.12, channels };
}

/** A wide problem for speed: `channels` random-spend channels over `weeks` weeks, with 3 factors. */
export function speedCase(channels: number, weeks: number, seed = 7): SynthSpec {
  return {
    seed,
    weeks,
    history: 8,
    start: '2020-01-06',
    noise: 0.05,
    mediaShare: 0.4,
    trend: 0.1,
    season: 0.1,
    price: -0.03,
    holiday: 0.05,
    extraFactors: 1,
    channels: Array.from({ length: channels }, (_, i) => ({
      name: `ch${i + 1}`,
      meanSpend: 10_000 + 2_000 * i,
      pattern: i % 3 === 0 ? ('flighted' as const) : ('random' as const),
      roi: 0.8 + (i % 5) * 0.5,
      adstock: geo(0.2 + (i % 4) * 0.15),
      saturation: { half: 1, shape: 1 + (i % 3) * 0.4 },
    })),
  };
}

/** The spend patterns of {@link ownedCase}'s families: the three paid channels', then the owned channel's. */
export const OWNED_FAMILIES = {
  clean: ['random', 'random', 'random', 'random'],
  flighted: ['flighted', 'seasonal', 'trend', 'bursts'],
  late: ['random', 'bursts', 'flighted', 'late'],
} as const satisfies Record<string, readonly SynthChannel['pattern'][]>;

/**
 * Three paid channels and one owned channel, `email`: 200,000 sends a week on average, each worth a
 * true 0.12 of outcome (contribution per unit), with no spend (issue 20, owned and earned channels).
 * The families move the spend and the sends differently: all random; flighted, seasonal and trending
 * spend with email in campaign bursts; email launched mid-history.
 */
export function ownedCase(seed = 61, family: keyof typeof OWNED_FAMILIES = 'clean'): SynthSpec {
  const [tv, search, social, email] = OWNED_FAMILIES[family];
  const paid = CASES['clean']!.channels.slice(0, 3);
  return {
    ...CASES['clean']!,
    seed,
    noise: 0.03,
    channels: [
      { ...paid[0]!, pattern: tv },
      { ...paid[1]!, pattern: search },
      { ...paid[2]!, pattern: social },
      {
        name: 'email',
        owned: true,
        meanSpend: 200_000,
        pattern: email,
        roi: 0.12,
        adstock: geo(0.25),
        saturation: { half: 1, shape: 1.2 },
      },
    ],
  };
}
