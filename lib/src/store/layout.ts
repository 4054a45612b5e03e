// The folder layout of the workspace store. No Node imports: the JupyterLab extension bundles this file.

/** The workspace folder used when none is given, relative to the working directory (or Jupyter root). */
export const DEFAULT_WORKSPACE = 'mixmodeler-workspace';

/** The folder of the workspace holding one sub-folder per model. */
export const MODELS_FOLDER = 'models';

/** The file in a model's folder that holds its config and its models-table fields. */
export const MODEL_FILE = 'model.json';
