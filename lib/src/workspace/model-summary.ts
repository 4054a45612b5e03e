import { StoreError } from '../errors';
import { checkSchema, withDefaults } from '../fs/schemas';

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

/** The error stored with a run whose process ended before it finished (killed, or the machine stopped). */
export const INTERRUPTED_ERROR = 'the run was interrupted (its process ended before it finished)';

/** How often a run refreshes the `at` of its progress.json while it holds the model's lock. */
export const HEARTBEAT_MS = 5_000;

/** A `running` model whose progress.json is older than this, to a reader that cannot see processes, was interrupted. */
export const HEARTBEAT_STALE_MS = 60_000;

/**
 * What a reader knows of a model's run: whether a live process holds the model's lock (Node readers
 * can tell), and else the `at` of its progress.json (the heartbeat, for the browser).
 */
export interface RunEvidence {
  /** True or false when the reader checked the lock's owner; undefined when it cannot. */
  live?: boolean;
  /** The ISO time of the last heartbeat (progress.json `at`), or null when there is none. */
  heartbeat?: string | null;
  /** The reader's clock (ms); default now. */
  now?: number;
}

/**
 * The one rule for an interrupted run, used by every reader (`readModel`, `model list`, the extension):
 * a model stored as `running` whose run is not live reads as `failed` with {@link INTERRUPTED_ERROR}.
 * Not live: no live process holds its lock, or, where that cannot be checked, no heartbeat for
 * {@link HEARTBEAT_STALE_MS}.
 *
 * @example runInterrupted('running', { live: false }) // true
 */
export function runInterrupted(status: string, evidence: RunEvidence): boolean {
  if (status !== 'running') return false;
  if (evidence.live !== undefined) return !evidence.live;
  const at = evidence.heartbeat ? Date.parse(evidence.heartbeat) : NaN;
  return !(Number.isFinite(at) && (evidence.now ?? Date.now()) - at < HEARTBEAT_STALE_MS);
}

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
 * Reads the models-table row out of a model.json document. Only the fields the table shows are
 * checked (`schemas/model-record.schema.json`, its `summary`), so a record another version wrote lists.
 *
 * @param id the model id (its folder name)
 * @param file where the text came from, for error messages
 * @param text the model.json text
 * @param run what the reader knows of a running model's run ({@link runInterrupted}); omitted, a
 *   `running` model is taken as live
 * @throws StoreError naming the file and field when the text is not JSON or a field is wrong
 */
export function parseModelSummary(id: string, file: string, text: string, run?: RunEvidence): ModelSummary {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new StoreError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  checkSchema('model-summary', doc, file, StoreError);
  const m = withDefaults<SummaryFields>('model-summary', doc);
  return {
    id,
    name: m.name,
    description: m.description ?? '',
    conversion: m.conversion,
    runFrequency: m.schedule?.enabled ? (m.schedule.frequency ?? null) : null,
    lastRun: m.lastRun || null,
    status: run !== undefined && runInterrupted(m.status, run) ? 'failed' : m.status,
  };
}

/** The fields of a model.json that the models table reads, as the schema's `summary` checks them. */
interface SummaryFields {
  name: string;
  description?: string | null;
  conversion: string;
  status: ModelStatus;
  lastRun?: string | null;
  schedule?: { enabled?: boolean; frequency?: string };
}
