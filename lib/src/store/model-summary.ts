import { StoreError } from '../errors';

// This file has no Node imports: the JupyterLab extension bundles it to read the same files.

/** The status of a model, exactly as in DESIGN §1. */
export type ModelStatus = 'awaiting training' | 'running' | 'success' | 'training issue' | 'failed';

/** Every model status, in lifecycle order. */
export const MODEL_STATUSES: readonly ModelStatus[] = [
  'awaiting training',
  'running',
  'success',
  'training issue',
  'failed',
];

/** One row of the models table (`model list`). */
export interface ModelSummary {
  id: string;
  name: string;
  description: string;
  conversion: string;
  /** The schedule's frequency when the schedule is on, else null. */
  runFrequency: string | null;
  /** ISO timestamp of the last train or score run, or null when never run. */
  lastRun: string | null;
  status: ModelStatus;
}

/**
 * Reads the models-table row out of a model.json document.
 *
 * @param id the model id (its folder name)
 * @param file where the text came from, for error messages
 * @param text the model.json text
 * @throws StoreError naming the file and field when the text is not JSON or a field is wrong
 */
export function parseModelSummary(id: string, file: string, text: string): ModelSummary {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new StoreError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const str = (field: string, required: boolean): string => {
    const v = doc[field];
    if (typeof v === 'string') return v;
    if (!required && (v === undefined || v === null)) return '';
    throw new StoreError(`${file}: field \`${field}\` must be a string; got ${typeof v}`);
  };
  const status = doc['status'] ?? 'awaiting training';
  if (!MODEL_STATUSES.includes(status as ModelStatus)) {
    throw new StoreError(
      `${file}: field \`status\` must be one of ${MODEL_STATUSES.join(', ')}; got ${String(status)}`,
    );
  }
  const schedule = doc['schedule'] as { enabled?: boolean; frequency?: string } | undefined;
  return {
    id,
    name: str('name', true),
    description: str('description', false),
    conversion: str('conversion', true),
    runFrequency: schedule?.enabled ? (schedule.frequency ?? null) : null,
    lastRun: str('lastRun', false) || null,
    status: status as ModelStatus,
  };
}
