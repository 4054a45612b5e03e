// The folder layout of the workspace store. No Node imports: the JupyterLab extension bundles this file.

/** The workspace folder used when none is given, relative to the working directory (or Jupyter root). */
export const DEFAULT_WORKSPACE = 'mixmodeler-workspace';

/** The folder of the workspace holding one sub-folder per model. */
export const MODELS_FOLDER = 'models';

/** The file in a model's folder that holds its config and its models-table fields. */
export const MODEL_FILE = 'model.json';

/** The folder of the workspace holding one sub-folder per imported dataset. */
export const DATASETS_FOLDER = 'datasets';

/** The folder of the workspace holding the harmonized dataset. */
export const HARMONIZED_FOLDER = 'harmonized';

/** The JSON file in a dataset's folder and in the harmonized folder that names the data files. */
export const MANIFEST_FILE = 'manifest.json';

/** The file in a model's folder holding the progress of its current or last run (a `Progress` event). */
export const PROGRESS_FILE = 'progress.json';

/** The folder of the workspace holding one JSON file per budget plan. */
export const PLANS_FOLDER = 'plans';
