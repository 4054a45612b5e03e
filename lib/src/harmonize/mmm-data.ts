import { ConfigError, InputError } from '../errors';
import type { Harmonized } from './harmonized';
import type { MmmData } from '../mmm/spec';

/** What a model takes from the harmonized dataset (the data part of model.json). */
export interface HarmonizedMapping {
  /** The conversion metric: a column of the conversions table (revenue, units, leads). */
  conversion: string;
  /**
   * Each touchpoint: a channel and the media metric it enters with (spend or impressions, ...), whether
   * it is paid (absent: paid when the channel has spend in the data, else owned) and an owned
   * channel's cost per unit of volume.
   */
  touchpoints: { channel: string; metric: string; paid?: boolean; costPerUnit?: number }[];
  factors?: { internal?: string[]; external?: string[] };
}

/**
 * The model data of a geo dataset: one {@link MmmData} per geo over the same dates, channels and
 * factors (a national factor repeats in every geo), and the national sum a national model fits.
 */
export interface GeoPanel {
  /** The geos, sorted; national data are the one-geo panel `['national']`. */
  geos: string[];
  /** Each geo's population, shape [nGeos], or null when the harmonized data have none. */
  population: Float64Array | null;
  /** Per geo, in the order of `geos`: outcome, media and factors of that geo. */
  byGeo: MmmData[];
  /**
   * The national sum: outcome and media summed over geos per period, each factor the mean over geos
   * (a national factor's own value); what {@link mmmDataFromHarmonized} returns.
   */
  national: MmmData;
}

const toNumber = (v: unknown) => (v === null || v === undefined || v === '' ? NaN : Number(v));

/**
 * Builds model data from a harmonized dataset: one row per period of the conversions table, media as
 * explicit zeros where a channel has no row, ROI always on the channel's `spend` metric. On geo data
 * (`summary.geos`) it is the national sum over the geos ({@link GeoPanel}'s `national`): the outcome and
 * media summed per period, factors averaged, so today's national fit runs on a geo dataset.
 *
 * @throws ConfigError naming a conversion, channel, metric or factor the harmonized data lack
 * @throws InputError naming a period (and geo) with no conversion value
 */
export function mmmDataFromHarmonized(h: Harmonized, mapping: HarmonizedMapping): MmmData {
  return geoPanelFromHarmonized(h, mapping).national;
}

/**
 * Builds the geo panel of a harmonized dataset: per geo the series {@link mmmDataFromHarmonized} builds
 * for one national series, and their national sum. National data are the one-geo panel (`['national']`,
 * whose one geo's data are the national data).
 *
 * @throws ConfigError naming a conversion, channel, metric or factor the harmonized data lack
 * @throws InputError naming a period and geo with no conversion value
 * @example geoPanelFromHarmonized(h, mapping).byGeo.map((d) => d.outcome.length) // one series per geo
 */
export function geoPanelFromHarmonized(h: Harmonized, mapping: HarmonizedMapping): GeoPanel {
  const s = h.summary;
  checkMapping(h, mapping);
  const geoList = s.geos && s.geos.length > 0 ? s.geos : null;
  const geos = geoList ?? [''];
  const geoIndex = new Map(geos.map((g, k) => [g, k]));
  // Each row's geo as an index into `geos` (-1 for a geo outside them; 0 on national data).
  const geoRows = (t: Harmonized['media']) =>
    geoList ? Int32Array.from(t.array('geo') as ArrayLike<unknown>, (g) => geoIndex.get(String(g)) ?? -1) : null;

  const conv = h.conversions;
  const convDates = Array.from(conv.array('date') as ArrayLike<unknown>, String);
  const convGeo = geoRows(conv);
  const dateList = [...new Set(convDates)].sort();
  const index = new Map(dateList.map((d, i) => [d, i]));
  const n = dateList.length;
  const outcome = geos.map(() => Float64Array.from({ length: n }, () => NaN));
  const raw = conv.array(mapping.conversion) as ArrayLike<unknown>;
  convDates.forEach((d, r) => {
    const k = convGeo ? convGeo[r]! : 0;
    if (k >= 0) outcome[k]![index.get(d)!] = toNumber(raw[r]);
  });
  outcome.forEach((y, k) =>
    y.forEach((v, i) => {
      if (Number.isFinite(v)) return;
      const where = geoList ? ` in geo ${JSON.stringify(geos[k])}` : '';
      throw new InputError(`conversion \`${mapping.conversion}\` has no value for ${dateList[i]}${where}`);
    }),
  );

  const media = h.media;
  const mediaDates = media.array('date') as ArrayLike<unknown>;
  const mediaChannels = media.array('channel') as ArrayLike<unknown>;
  const mediaGeo = geoRows(media);
  const series = (channel: string, metric: string) => {
    const out = geos.map(() => new Float64Array(n)); // no row for a period means no activity: zero
    if (!s.metrics.includes(metric)) return out; // data of owned channels alone have no spend column
    const values = media.array(metric) as ArrayLike<unknown>;
    for (let r = 0; r < mediaDates.length; r++) {
      if (mediaChannels[r] !== channel) continue;
      const i = index.get(String(mediaDates[r]));
      const k = mediaGeo ? mediaGeo[r]! : 0;
      const v = Number(values[r] ?? 0);
      if (i !== undefined && k >= 0 && Number.isFinite(v)) out[k]![i] = v;
    }
    return out;
  };
  const channels = mapping.touchpoints.map((t) => {
    const spend = series(t.channel, 'spend');
    // Paid unless said otherwise or the channel has no spend anywhere (a volume alone: owned or earned).
    const paid = t.paid ?? spend.some((g) => g.some((v) => v > 0));
    return {
      name: t.channel,
      input: series(t.channel, t.metric),
      spend: paid ? spend : geos.map(() => new Float64Array(n)),
      owned: paid ? {} : { paid: false, ...(t.costPerUnit !== undefined ? { costPerUnit: t.costPerUnit } : {}) },
    };
  });

  const factorTable = h.factors;
  const factorDates = factorTable.array('date') as ArrayLike<unknown>;
  const factorGeo = geoRows(factorTable);
  const factor = (name: string, kind: 'internal' | 'external') => {
    // A missing factor value stays NaN: fitting names the period instead of treating it as zero.
    const values = geos.map(() => Float64Array.from({ length: n }, () => NaN));
    const cells = factorTable.array(name) as ArrayLike<unknown>;
    for (let r = 0; r < factorDates.length; r++) {
      const i = index.get(String(factorDates[r]));
      const k = factorGeo ? factorGeo[r]! : 0;
      if (i !== undefined && k >= 0) values[k]![i] = toNumber(cells[r]);
    }
    return { name, kind, values };
  };
  const factors = [
    ...(mapping.factors?.internal ?? []).map((f) => factor(f, 'internal')),
    ...(mapping.factors?.external ?? []).map((f) => factor(f, 'external')),
  ];

  const byGeo: MmmData[] = geos.map((_, k) => ({
    dates: dateList,
    outcome: outcome[k]!,
    channels: channels.map((c) => ({ name: c.name, input: c.input[k]!, spend: c.spend[k]!, ...c.owned })),
    factors: factors.map((f) => ({ name: f.name, kind: f.kind, values: f.values[k]! })),
  }));
  const population = geoList && s.population ? Float64Array.from(geoList, (g) => s.population![g] ?? NaN) : null;
  return {
    geos: geoList ?? ['national'],
    population,
    byGeo,
    national: geoList ? nationalSum(byGeo) : byGeo[0]!,
  };
}

/** The national series of a panel: outcome and media summed over geos, factors averaged. */
export function nationalSum(byGeo: readonly MmmData[]): MmmData {
  const first = byGeo[0]!;
  const n = first.dates.length;
  const sum = (pick: (d: MmmData) => Float64Array) => {
    const out = new Float64Array(n);
    for (const d of byGeo) pick(d).forEach((v, i) => (out[i]! += v));
    return out;
  };
  return {
    dates: first.dates,
    outcome: sum((d) => d.outcome),
    channels: first.channels.map((c, j) => ({
      ...c,
      input: sum((d) => d.channels[j]!.input),
      spend: sum((d) => d.channels[j]!.spend),
    })),
    factors: first.factors.map((f, j) => {
      const values = sum((d) => d.factors[j]!.values);
      return { name: f.name, kind: f.kind, values: values.map((v) => v / byGeo.length) };
    }),
  };
}

/** @throws ConfigError naming a conversion, channel, metric or factor the harmonized data lack */
function checkMapping(h: Harmonized, mapping: HarmonizedMapping): void {
  const s = h.summary;
  if (!s.conversions.includes(mapping.conversion)) {
    throw new ConfigError(
      `conversion \`${mapping.conversion}\` is not in the harmonized data (${s.conversions.join(', ')})`,
    );
  }
  for (const t of mapping.touchpoints) {
    if (!s.channels.includes(t.channel)) {
      throw new ConfigError(
        `touchpoint channel \`${t.channel}\` is not in the harmonized data (${s.channels.join(', ')})`,
      );
    }
    // Spend is needed for ROI: of a paid channel, or of one whose paid/owned comes from its spend.
    for (const metric of [t.metric, ...(t.paid === true ? ['spend'] : [])]) {
      if (!s.metrics.includes(metric)) {
        throw new ConfigError(
          `touchpoint metric \`${metric}\` is not in the harmonized data (${s.metrics.join(', ')})`,
        );
      }
    }
  }
  for (const name of [...(mapping.factors?.internal ?? []), ...(mapping.factors?.external ?? [])]) {
    if (!s.factors.includes(name)) {
      throw new ConfigError(`factor \`${name}\` is not in the harmonized data (${s.factors.join(', ') || 'none'})`);
    }
  }
}
