import { StoreError } from '../errors';
import { readHarmonized } from '../harmonize/harmonized-store';
import { modelInsights, type ModelInsights } from '../insights/model-insights';
import type { FittedMmm } from '../mmm/fitted';
import { mmmDataFromHarmonized } from '../harmonize/mmm-data';
import type { MmmData } from '../mmm/spec';
import { fitInputs, type ModelConfig } from './model-config';
import { readModel, readModelFile, type ModelRecord } from './model-store';

/** A model's inputs from the workspace's harmonized data. @throws StoreError when there are none */
export function modelData(workspace: string, config: ModelConfig): MmmData {
  const h = readHarmonized(workspace);
  if (!h) throw new StoreError(`${workspace} has no harmonized data; run \`mixmodeler harmonize\` first`);
  return mmmDataFromHarmonized(h, fitInputs(config).mapping);
}

/** A stored model with one fitted version and its data, ready for insights and plans. */
export interface LoadedModel {
  model: ModelRecord;
  version: number;
  fit: FittedMmm;
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
    fit: readModelFile<FittedMmm>(workspace, id, `versions/${v}.json`),
    data: modelData(workspace, model.config),
  };
}

/** The `insights --json` document of a stored model: its insights plus the model's id, name and version. */
export type StoredInsights = ModelInsights & { model: { id: string; name: string; version: number } };

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
  return { model: { id: model.id, name: model.name, version }, ...modelInsights(fit, data) };
}
