import { ConfigError, InputError } from '../errors';
import type { Harmonized } from './harmonized';
import type { MmmData } from '../mmm/spec';

/** What a model takes from the harmonized dataset (the data part of model.json). */
export interface HarmonizedMapping {
  /** The conversion metric: a column of the conversions table (revenue, units, leads). */
  conversion: string;
  /** Each touchpoint: a channel and the media metric it enters with (spend or impressions, ...). */
  touchpoints: { channel: string; metric: string }[];
  factors?: { internal?: string[]; external?: string[] };
}

const toNumber = (v: unknown) => (v === null || v === undefined || v === '' ? NaN : Number(v));

/**
 * Builds model data from a harmonized dataset: one row per period of the conversions table, media as
 * explicit zeros where a channel has no row, ROI always on the channel's `spend` metric.
 *
 * @throws ConfigError naming a conversion, channel, metric or factor the harmonized data lack
 * @throws InputError naming a period with no conversion value
 */
export function mmmDataFromHarmonized(h: Harmonized, mapping: HarmonizedMapping): MmmData {
  const s = h.summary;
  if (!s.conversions.includes(mapping.conversion)) {
    throw new ConfigError(
      `conversion \`${mapping.conversion}\` is not in the harmonized data (${s.conversions.join(', ')})`,
    );
  }
  const conv = h.conversions.orderby('date');
  const dateList = Array.from(conv.array('date') as ArrayLike<unknown>, String);
  const index = new Map(dateList.map((d, i) => [d, i]));
  const raw = conv.array(mapping.conversion) as ArrayLike<unknown>;
  const outcome = Float64Array.from(dateList, (d, i) => {
    const v = toNumber(raw[i]);
    if (!Number.isFinite(v)) throw new InputError(`conversion \`${mapping.conversion}\` has no value for ${d}`);
    return v;
  });
  const mediaRows = h.media.objects() as Record<string, unknown>[];
  const series = (channel: string, metric: string) => {
    if (!s.channels.includes(channel)) {
      throw new ConfigError(
        `touchpoint channel \`${channel}\` is not in the harmonized data (${s.channels.join(', ')})`,
      );
    }
    if (!s.metrics.includes(metric)) {
      throw new ConfigError(`touchpoint metric \`${metric}\` is not in the harmonized data (${s.metrics.join(', ')})`);
    }
    const out = new Float64Array(dateList.length); // no row for a period means no activity: zero
    for (const r of mediaRows) {
      if (r['channel'] !== channel) continue;
      const i = index.get(String(r['date']));
      const v = Number(r[metric] ?? 0);
      if (i !== undefined && Number.isFinite(v)) out[i] = v;
    }
    return out;
  };
  const factorRows = new Map((h.factors.objects() as Record<string, unknown>[]).map((r) => [String(r['date']), r]));
  const factor = (name: string, kind: 'internal' | 'external') => {
    if (!s.factors.includes(name)) {
      throw new ConfigError(`factor \`${name}\` is not in the harmonized data (${s.factors.join(', ') || 'none'})`);
    }
    // A missing factor value stays NaN: fitting names the period instead of treating it as zero.
    const values = Float64Array.from(dateList, (d) => toNumber(factorRows.get(d)?.[name]));
    return { name, kind, values };
  };
  return {
    dates: dateList,
    outcome,
    channels: mapping.touchpoints.map((t) => ({
      name: t.channel,
      input: series(t.channel, t.metric),
      spend: series(t.channel, 'spend'),
    })),
    factors: [
      ...(mapping.factors?.internal ?? []).map((f) => factor(f, 'internal')),
      ...(mapping.factors?.external ?? []).map((f) => factor(f, 'external')),
    ],
  };
}
