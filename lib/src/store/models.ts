import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../errors';

/** The workspace folder used when none is given, relative to the working directory. */
export const DEFAULT_WORKSPACE = 'mixmodeler-workspace';

/** The status of a model, exactly as in DESIGN §1. */
export type ModelStatus = 'awaiting training' | 'running' | 'success' | 'training issue' | 'failed';

const STATUSES: readonly ModelStatus[] = ['awaiting training', 'running', 'success', 'training issue', 'failed'];

/** One row of the models table (`model list`). */
export interface ModelSummary {
  id: string;
  name: string;
  description: string;
  conversion: string;
  runFrequency: string | null;
  lastRun: string | null;
  status: ModelStatus;
}

/**
 * Lists the models of a workspace: one folder per model under `<workspace>/models/<id>/model.json`.
 * A workspace without a models folder has no models.
 *
 * @throws StoreError naming the file when a model.json is not valid JSON or lacks a field
 */
export function listModels(workspace: string = DEFAULT_WORKSPACE): ModelSummary[] {
  const dir = join(workspace, 'models');
  if (!existsSync(dir)) return [];
  const rows: ModelSummary[] = [];
  for (const id of readdirSync(dir).sort()) {
    const file = join(dir, id, 'model.json');
    if (!existsSync(file)) continue;
    rows.push(readSummary(file, id));
  }
  return rows;
}

function readSummary(file: string, id: string): ModelSummary {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new StoreError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const text = (field: string): string => {
    const v = doc[field];
    if (typeof v !== 'string') throw new StoreError(`${file}: field \`${field}\` must be a string; got ${typeof v}`);
    return v;
  };
  const status = doc['status'] ?? 'awaiting training';
  if (!STATUSES.includes(status as ModelStatus)) {
    throw new StoreError(`${file}: field \`status\` must be one of ${STATUSES.join(', ')}; got ${String(status)}`);
  }
  const schedule = doc['schedule'] as { enabled?: boolean; frequency?: string } | undefined;
  return {
    id,
    name: text('name'),
    description: typeof doc['description'] === 'string' ? doc['description'] : '',
    conversion: text('conversion'),
    runFrequency: schedule?.enabled ? (schedule.frequency ?? null) : null,
    lastRun: typeof doc['lastRun'] === 'string' ? doc['lastRun'] : null,
    status: status as ModelStatus,
  };
}
