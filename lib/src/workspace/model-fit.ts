import { ConfigError, StoreError } from '../errors';
import { readHarmonized } from '../harmonize/harmonized-store';
import { geoAnswers, type GeoAnswers } from '../insights/geo-insights';
import { modelInsights, type ModelInsights } from '../insights/model-insights';
import type { FittedMmm } from '../mmm/fitted';
import { geoPanelFromHarmonized, nationalSum } from '../harmonize/mmm-data';
import { fitGeoMmmAsync } from '../mmm/geo-fit';
import type { GeoFit } from '../mmm/geo-fitted';
import { withGeoNational, type StoredMmm } from '../mmm/geo-national';
import type { ProgressListener } from '../mmm/progress';
import type { MmmConfig, MmmData } from '../mmm/spec';
import { fitInputs, type ModelConfig } from './model-config';
import { readModel, readModelFile, type ModelRecord } from './model-store';

export type { GeoInsights } from '../insights/geo-insights';

/**
 * A model's inputs from the workspace's harmonized data: on geo data the national sum of the geos the
 * config names (`geos`, all by default). @throws StoreError when there are none
 */
export function modelData(workspace: string, config: ModelConfig): MmmData {
  return modelGeoPanel(workspace, config).national;
}

/**
 * A model's geo panel: the harmonized data's geos (the config's `geos` only, in their order), each geo's
 * data and their national sum; national data are the one-geo panel `['national']`.
 *
 * @throws StoreError when there are no harmonized data
 * @throws ConfigError naming a geo of `geos` the harmonized data lack
 */
export function modelGeoPanel(
  workspace: string,
  config: ModelConfig,
): { geos: string[]; byGeo: MmmData[]; national: MmmData } {
  const h = readHarmonized(workspace);
  if (!h) throw new StoreError(`${workspace} has no harmonized data; run \`mixmodeler harmonize\` first`);
  const panel = geoPanelFromHarmonized(h, fitInputs(config).mapping);
  if (config.geos === undefined) return panel;
  const byGeo = config.geos.map((g, i) => {
    const k = panel.geos.indexOf(g);
    if (k < 0 || h.summary.geos === undefined) {
      throw new ConfigError(
        `\`geos[${i}]\` names geo ${JSON.stringify(g)}, which is not in the harmonized data (${panel.geos.join(', ')})`,
      );
    }
    return panel.byGeo[k]!;
  });
  return { geos: config.geos, byGeo, national: byGeo.length > 1 ? nationalSum(byGeo) : byGeo[0]! };
}

/**
 * The model a training stores, from its national fit: on geo data with `geoLevel` (on by default when the
 * model has more than one geo) the geo-level fit's national answers and the fit itself (`geo`,
 * {@link withGeoNational}; with the adstock family and base the national fit chose); with `geoLevel: false` the national fit and `fittedOn: 'the sum of N geos'`;
 * on national data the national fit unchanged.
 *
 * @param fitConfig the fit options the national fit ran with (window, priors, ...)
 * @throws ConfigError as {@link modelGeoPanel}, InputError as `fitGeoMmmAsync`
 */
export async function withGeoLevel(
  workspace: string,
  config: ModelConfig,
  fitConfig: MmmConfig,
  fit: FittedMmm,
  onProgress?: ProgressListener,
): Promise<StoredMmm> {
  const panel = modelGeoPanel(workspace, config);
  const n = panel.geos.length;
  if (n < 2 || panel.geos[0] === 'national') return fit;
  if (!(config.geoLevel ?? true)) return { ...fit, fittedOn: `the sum of ${n} geos` };
  onProgress?.({ stage: 'geo-level', done: 0, total: 1, message: `fitting the geo-level model on ${n} geos` });
  // The curve family and base the national fit chose (with 'auto'): the geo fit does not choose them again.
  const families = { adstock: fit.config.adstock, baseline: fit.config.baseline ?? 'trend' };
  // With `posterior`, the geo-level chains run in worker threads (fitGeoMmmAsync), each telling its progress.
  const geo = await fitGeoMmmAsync(
    panel,
    { ...fitConfig, ...families },
    {
      ...(onProgress && {
        onProgress: (chain: number, phase: string, done: number, total: number) =>
          onProgress({
            stage: 'geo-level posterior',
            done,
            total,
            message: `geo-level posterior, chain ${chain + 1}: ${phase} ${done}/${total}`,
          }),
      }),
    },
  );
  return withGeoNational(fit, geo);
}

/** A stored model with one fitted version and its data, ready for insights and plans. */
export interface LoadedModel {
  model: ModelRecord;
  version: number;
  fit: StoredMmm;
  data: MmmData;
}

/**
 * Reads a model's fitted version (the current one by default) and its harmonized data.
 *
 * @throws StoreError when the model does not exist, was never trained, or lacks that version
 * @example const { fit, data } = loadModelFit('mixmodeler-workspace', 'm-abc-123');
 */
export function loadModelFit(workspace: string, id: string, version?: number): LoadedModel {
  const model = readModel(workspace, id);
  const v = version ?? model.currentVersion;
  if (v === null) throw new StoreError(`model ${id} has no trained version (status ${model.status}); train it first`);
  if (!model.versions.some((x) => x.version === v)) {
    throw new StoreError(`model ${id} has no version ${v}; it has ${model.versions.map((x) => x.version).join(', ')}`);
  }
  return {
    model,
    version: v,
    fit: readModelFile<StoredMmm>(workspace, id, `versions/${v}.json`),
    data: modelData(workspace, model.config),
  };
}

/** The `insights --json` document of a stored model: its insights plus the model's id, name and version. */
export type StoredInsights = ModelInsights & {
  model: { id: string; name: string; version: number };
  /** Geo-level models: per geo its channels' ROI and contribution (90% intervals), spend and fit. */
  geos?: GeoAnswers['geos'];
  /** Geo-level models: per channel the spread of effects across geos and how much pooling happened. */
  geoSpread?: GeoAnswers['geoSpread'];
  /** A model of geo data fitted on their national sum says so: 'the sum of 8 geos'. */
  fittedOn?: string;
};

/**
 * The insights of a stored model's current version over its training window (DESIGN §5 fields:
 * `channels.<name>.roi.{mean,lower,upper}`, contribution, spend, share, diagnostics, window, status).
 *
 * @throws StoreError as `loadModelFit`
 */
export function storedInsights(workspace: string, id: string): StoredInsights {
  return insightsOf(loadModelFit(workspace, id));
}

/** The insights document of a loaded model version. */
export function insightsOf({ model, version, fit, data }: LoadedModel): StoredInsights {
  return { model: { id: model.id, name: model.name, version }, ...modelInsights(fit, data), ...geoInsights(fit) };
}

/** The geo part of a stored model's insights: per geo, and the spread across geos; nothing for national models. */
function geoInsights(fit: StoredMmm): Pick<StoredInsights, 'geos' | 'geoSpread' | 'fittedOn'> {
  if (fit.fittedOn) return { fittedOn: fit.fittedOn };
  const geo: GeoFit | undefined = fit.geo;
  if (!geo) return {};
  return geoAnswers(geo);
}
