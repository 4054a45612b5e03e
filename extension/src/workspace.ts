import {
  DEFAULT_WORKSPACE,
  HARMONIZED_FOLDER,
  MANIFEST_FILE,
  MODEL_FILE,
  MODELS_FOLDER,
  PROGRESS_FILE,
  type ModelSummary,
  type RunFrequency,
} from 'mixmodeler/dist/browser';

export { MODELS_FOLDER };

/**
 * Where the extension finds the mixmodeler workspace store: the default workspace folder relative to
 * the Jupyter server root, read through the Contents API (the same files the CLI and notebooks write).
 */
export const WORKSPACE_DIR = DEFAULT_WORKSPACE;

/** The Contents API path of a model's model.json. */
export function modelFilePath(id: string): string {
  return `${WORKSPACE_DIR}/${MODELS_FOLDER}/${id}/${MODEL_FILE}`;
}

/** The Contents API path of a model's progress.json (its run's progress and heartbeat). */
export function progressFilePath(id: string): string {
  return `${WORKSPACE_DIR}/${MODELS_FOLDER}/${id}/${PROGRESS_FILE}`;
}

/** The Contents API path of the folder holding one sub-folder per model. */
export const MODELS_DIR = `${WORKSPACE_DIR}/${MODELS_FOLDER}`;

/** The Contents API path of the harmonized data's manifest (its summary: channels, conversions, factors, grain). */
export const HARMONIZED_MANIFEST = `${WORKSPACE_DIR}/${HARMONIZED_FOLDER}/${MANIFEST_FILE}`;

export type { ModelStatus } from 'mixmodeler/dist/browser';

/** A row of the models table: the `model list` row, plus what the dialogs start from. */
export interface ModelRow extends ModelSummary {
  /** The last scored period, or null. */
  scoredThrough: string | null;
  /** The schedule, on or off, with its frequency. */
  schedule: { enabled: boolean; frequency: RunFrequency };
}
