// The geo step's logic: which geos the harmonized data hold, what the form chose, and how that
// reads in model.json and in words. No React here: the step's view is geo-step.tsx.
import type { HarmonizeSummary, ModelConfig } from 'mixmodeler/dist/browser';

/** The geo step's part of the canvas form: the geo-level model on or off, and each geo in or out. */
export interface GeoForm {
  level: boolean;
  /** Every geo of the data (or of the config being edited), in order: whether the model fits it. */
  geos: Record<string, boolean>;
}

/** One geo as the step lists it. */
export interface GeoRow {
  geo: string;
  /** Periods its conversions cover, and their first and last; null on data harmonized before geoTotals. */
  periods: number | null;
  from: string | null;
  to: string | null;
  spend: number | null;
  population: number | null;
}

/** Whether the canvas shows the geo step: the harmonized data have more than one geo. */
export function hasGeos(data: HarmonizeSummary | null): boolean {
  return (data?.geos?.length ?? 0) > 1;
}

/**
 * The geo part of a new form: the data's geos, all in, the geo-level model on (lib's default on geo
 * data); for a config being edited, its `geoLevel` and `geos` (absent: on, all).
 */
export function initialGeoForm(data: HarmonizeSummary | null, config?: ModelConfig): GeoForm {
  const geos = [...new Set([...(data?.geos ?? []), ...(config?.geos ?? [])])];
  return {
    level: config?.geoLevel ?? true,
    geos: Object.fromEntries(geos.map((g) => [g, config?.geos ? config.geos.includes(g) : true])),
  };
}

/** The geos the form fits, in the data's order. */
export function chosenGeos(f: GeoForm): string[] {
  return Object.keys(f.geos).filter((g) => f.geos[g]);
}

/**
 * The model.json fields of the geo choice: nothing for national data (no geos to choose from);
 * `geoLevel` on geo data, and `geos` only when a subset is chosen (absent: all geos, new ones too).
 */
export function geoConfig(f: GeoForm): Pick<ModelConfig, 'geoLevel' | 'geos'> {
  const all = Object.keys(f.geos);
  if (all.length < 2) return {};
  const chosen = chosenGeos(f);
  return { geoLevel: f.level, ...(chosen.length < all.length ? { geos: chosen } : {}) };
}

/** The geos of the data as the step lists them, with their weeks, spend and population where known. */
export function geoRows(data: HarmonizeSummary): GeoRow[] {
  return (data.geos ?? []).map((geo) => {
    const t = data.geoTotals?.[geo];
    return {
      geo,
      periods: t?.periods ?? null,
      from: t?.from ?? null,
      to: t?.to ?? null,
      spend: t?.spend ?? null,
      population: data.population?.[geo] ?? null,
    };
  });
}

/** The form's geo problem, in words, or null: at least one geo must be in. */
export function geoProblem(f: GeoForm): string | null {
  return Object.keys(f.geos).length > 1 && chosenGeos(f).length === 0 ? 'pick at least one geo to model' : null;
}

/** The geo choice in words, for the Review step; null for national data. */
export function geoInWords(f: GeoForm): string | null {
  const all = Object.keys(f.geos);
  if (all.length < 2) return null;
  const chosen = chosenGeos(f);
  const which =
    chosen.length === all.length
      ? `all ${all.length} geos`
      : `${chosen.length} of ${all.length} geos (${chosen.join(', ')})`;
  if (chosen.length === 1) return `one geo (${chosen[0]}): a national model on its data alone`;
  return f.level
    ? `geo-level model on ${which}: a base per geo, each channel's effect per geo pooled around a national one; national answers are the sums over the geos`
    : `off: one national model on the sum of ${which}`;
}
