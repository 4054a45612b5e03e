import { CASES } from './cases';
import { generateSynthetic, type SpendPattern, type SynthSpec } from './generate';
import { normal, seededRandom } from '../math/random';

const SAMPLE_PATTERNS: Record<string, SpendPattern> = {
  search: 'random',
  social: { follows: 'search', noise: 0.2 },
  display: 'random',
};

/** The built-in example: 3 years weekly (+8 weeks of history), 6 channels, trend, season, price, holidays. */
export const SAMPLE_SPEC: SynthSpec = {
  seed: 2024,
  weeks: 156,
  history: 8,
  start: '2022-11-07',
  noise: 0.04,
  mediaShare: 0.4,
  trend: 0.2,
  season: 0.12,
  price: -0.04,
  holiday: 0.08,
  // The realistic case's channels (without ooh), with search and display spend unrelated to the
  // season and trend, and social following search: the correlated pair of the sample.
  channels: CASES['realistic']!.channels.filter((c) => c.name !== 'ooh').map((c) => ({
    ...c,
    ...(SAMPLE_PATTERNS[c.name] ? { pattern: SAMPLE_PATTERNS[c.name]! } : {}),
  })),
};

/** Cost per thousand impressions and click-through rate per channel of the sample. */
const MEDIA = {
  tv: { cpm: 25, ctr: 0 },
  search: { cpm: 40, ctr: 0.00025 },
  social: { cpm: 8, ctr: 0.00006 },
  display: { cpm: 3, ctr: 0.00002 },
  podcast: { cpm: 20, ctr: 0 },
  email: { cpm: 1, ctr: 0.00002 },
} as const;

/** The digital channels whose clicks are also logged as event-level touchpoints. */
export const EVENT_CHANNELS = ['search', 'social', 'display', 'email'] as const;

/** The sample as rows in the canonical input formats of DESIGN §5, with its truth. */
export interface SampleData {
  summary: { date: string; channel: string; spend: number; impressions: number; clicks: number }[];
  conversions: { date: string; revenue: number; orders: number }[];
  factors: { date: string; factor: string; value: number }[];
  events: { user_id: string; timestamp: string; channel: string; event: 'touch' | 'conversion'; value: number }[];
  truth: {
    description: string;
    factorKinds: Record<string, 'internal' | 'external'>;
    /** True ROI per channel over the last 104 weeks (the default training window) and over all 156. */
    roiLast2Years: Record<string, number>;
    roiAll: Record<string, number>;
    contributionLast2Years: Record<string, number>;
    adstock: Record<string, unknown>;
    saturation: Record<string, unknown>;
    /** Share of event-level conversions that a touch of each channel makes happen (incremental lift). */
    eventLift: Record<string, number>;
  };
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/**
 * The built-in example data, seeded and produced by code. Event journeys cover the digital channels:
 * one touch row per click inside its week (so weekly touch counts per channel equal the summary's
 * clicks), users touched 1–4 times, conversions from a 1% baseline plus each touched channel's lift.
 */
export function generateSample(spec: SynthSpec = SAMPLE_SPEC): SampleData {
  const { data, truth } = generateSynthetic(spec);
  const rand = seededRandom(spec.seed + 1);
  const n = data.dates.length;
  const summary: SampleData['summary'] = [];
  const clicksBy = new Map<string, number[]>();
  for (const ch of data.channels) {
    const m = MEDIA[ch.name as keyof typeof MEDIA];
    const clicks: number[] = [];
    for (let t = 0; t < n; t++) {
      const spend = round(ch.spend[t]!);
      const impressions = Math.round((spend / m.cpm) * 1000);
      const c = Math.round(impressions * m.ctr * Math.exp(0.1 * normal(rand)));
      clicks.push(c);
      summary.push({ date: data.dates[t]!, channel: ch.name, spend, impressions, clicks: c });
    }
    clicksBy.set(ch.name, clicks);
  }
  const conversions = data.dates.map((date, t) => ({
    date,
    revenue: round(data.outcome[t]!),
    orders: Math.round(data.outcome[t]! / 85),
  }));
  const factors = data.factors.flatMap((f) =>
    data.dates.map((date, t) => ({ date, factor: f.name, value: round(f.values[t]!, 4) })),
  );
  const eventLift: Record<string, number> = { search: 0.05, social: 0.02, display: 0.01, email: 0.03 };
  const events: SampleData['events'] = [];
  let user = 0;
  const end = Date.parse(`${data.dates[n - 1]}T00:00:00Z`) + 7 * 86_400_000;
  for (let t = 0; t < n; t++) {
    const weekStart = Date.parse(`${data.dates[t]}T00:00:00Z`);
    // This week's clicks of every digital channel, shuffled, then dealt to users 1–4 at a time: each
    // channel's touch rows in a week add up to its clicks in the summary.
    const pool: string[] = [];
    for (const name of EVENT_CHANNELS) for (let k = 0; k < clicksBy.get(name)![t]!; k++) pool.push(name);
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    for (let i = 0; i < pool.length;) {
      const id = `u${(++user).toString(36)}`;
      const touches = pool.slice(i, i + 1 + Math.floor(rand() * 4));
      i += touches.length;
      const times = touches.map(() => weekStart + Math.floor(rand() * 7 * 86_400_000)).sort((a, b) => a - b);
      let p = 0.01;
      touches.forEach((channel, k) => {
        events.push({ user_id: id, timestamp: new Date(times[k]!).toISOString(), channel, event: 'touch', value: 0 });
        p = 1 - (1 - p) * (1 - eventLift[channel]!);
      });
      const at = times[times.length - 1]! + Math.floor(rand() * 3 * 86_400_000);
      // Conversions after the data's last week are not logged yet.
      if (rand() < p && at < end) {
        const ts = new Date(at).toISOString();
        events.push({
          user_id: id,
          timestamp: ts,
          channel: touches[touches.length - 1]!, // platforms log a conversion on the last touch's channel
          event: 'conversion',
          value: round(85 * Math.exp(0.3 * normal(rand))),
        });
      }
    }
  }
  const last104 = n - 104;
  const roiLast2Years: Record<string, number> = {};
  const contributionLast2Years: Record<string, number> = {};
  for (const ch of data.channels) {
    const series = truth.series[ch.name]!;
    let c = 0;
    let s = 0;
    for (let t = last104; t < n; t++) {
      c += series[t]!;
      s += ch.spend[t]!;
    }
    roiLast2Years[ch.name] = round(c / s, 4);
    contributionLast2Years[ch.name] = round(c);
  }
  return {
    summary,
    conversions,
    factors,
    events,
    truth: {
      description:
        'mixmodeler built-in sample: weekly revenue = base (level, trend, yearly season, price, holidays) + ' +
        'Σ β_c · hill(adstock(spend_c / mean)) + noise. ROI = incremental revenue per unit of spend.',
      factorKinds: Object.fromEntries(data.factors.map((f) => [f.name, f.kind])),
      roiLast2Years,
      roiAll: truth.roi,
      contributionLast2Years,
      adstock: Object.fromEntries(spec.channels.map((c) => [c.name, c.adstock])),
      saturation: Object.fromEntries(spec.channels.map((c) => [c.name, c.saturation])),
      eventLift,
    },
  };
}
