import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_WORKSPACE, MODEL_FILE, MODELS_FOLDER } from '../fs/layout';
import { isLocked } from '../fs/lock';
import { parseModelSummary, type ModelSummary } from './model-summary';

/**
 * Lists the models of a workspace: one folder per model under `<workspace>/models/<id>/model.json`.
 * A workspace without a models folder has no models; folders being deleted (`.deleted-…`) are skipped.
 * A model left `running` by a process that died reads as `failed`, as in `readModel`.
 *
 * @throws StoreError naming the file and field when a model.json is not valid JSON or lacks a field
 */
export function listModels(workspace: string = DEFAULT_WORKSPACE): ModelSummary[] {
  const dir = join(workspace, MODELS_FOLDER);
  if (!existsSync(dir)) return [];
  const rows: ModelSummary[] = [];
  for (const id of readdirSync(dir).sort()) {
    if (id.startsWith('.')) continue;
    const file = join(dir, id, MODEL_FILE);
    if (!existsSync(file)) continue;
    rows.push(parseModelSummary(id, file, readFileSync(file, 'utf8'), { live: isLocked(join(dir, id)) }));
  }
  return rows;
}
