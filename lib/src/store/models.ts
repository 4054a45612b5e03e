import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_WORKSPACE, MODEL_FILE, MODELS_FOLDER } from './layout';
import { parseModelSummary, type ModelSummary } from './model-summary';

/**
 * Lists the models of a workspace: one folder per model under `<workspace>/models/<id>/model.json`.
 * A workspace without a models folder has no models.
 *
 * @throws StoreError naming the file and field when a model.json is not valid JSON or lacks a field
 */
export function listModels(workspace: string = DEFAULT_WORKSPACE): ModelSummary[] {
  const dir = join(workspace, MODELS_FOLDER);
  if (!existsSync(dir)) return [];
  const rows: ModelSummary[] = [];
  for (const id of readdirSync(dir).sort()) {
    const file = join(dir, id, MODEL_FILE);
    if (existsSync(file)) rows.push(parseModelSummary(id, file, readFileSync(file, 'utf8')));
  }
  return rows;
}
