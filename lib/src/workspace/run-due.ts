import { readHarmonizedManifest } from '../harmonize/harmonized-store';
import { readModel, wasInterrupted, type ModelRecord } from './model-store';
import { listModels } from './models';
import { trainModels, type TrainPoolOptions } from './train-pool';

const PERIOD_MS = { daily: 86_400_000, weekly: 7 * 86_400_000, monthly: 30 * 86_400_000 } as const;

/** Whether a scheduled model is due at `now`: never run, or its last run a whole period ago. */
export function isDue(m: ModelRecord, now: number): boolean {
  if (!m.schedule.enabled) return false;
  return m.lastRun === null || now - Date.parse(m.lastRun) >= PERIOD_MS[m.schedule.frequency];
}

/** What run-due did with one due model: its status after, and why it was skipped or left as it was. */
export interface DueRun {
  id: string;
  name: string;
  status: string;
  /** A run that was not started because the model's last run failed (the reason) or is still running. */
  skipped?: string;
  /** Information, not a failure: the data have no period after the model's scores, so nothing ran. */
  upToDate?: string;
}

/**
 * Runs the scheduled models that are due (for cron): each is re-trained on the last two years and
 * scored. A model whose last training failed is skipped with the reason; one whose run was
 * interrupted (killed) is run again; a trained model whose scores already reach the data's last period
 * is left as it is, with that said (`upToDate`): no new data is not a failure. The due models train at
 * the same time, each in its own worker thread (`trainModels`; `parallel` caps how many at once).
 *
 * @returns one entry per due model: what happened
 */
export async function runDue(
  workspace: string,
  now = Date.now(),
  options: Pick<TrainPoolOptions, 'parallel'> = {},
): Promise<DueRun[]> {
  const out: DueRun[] = [];
  const toTrain: { at: number; id: string; name: string; window: 'last-2-years' | 'all' }[] = [];
  let last: string | null | undefined; // the harmonized data's last period, read once when needed
  for (const row of listModels(workspace)) {
    const m = readModel(workspace, row.id);
    if (!isDue(m, now)) continue;
    // An interrupted run is retried; a run that failed on its own stays failed until the user acts.
    if ((m.status === 'failed' && !wasInterrupted(m)) || m.status === 'running') {
      out.push({ id: m.id, name: m.name, status: m.status, skipped: m.error ?? `status ${m.status}` });
      continue;
    }
    if (m.currentVersion !== null && m.scoredThrough !== null && !wasInterrupted(m)) {
      last ??= readHarmonizedManifest(workspace)?.summary.to ?? null;
      if (last !== null && last <= m.scoredThrough) {
        out.push({
          id: m.id,
          name: m.name,
          status: m.status,
          upToDate: `no new data since ${m.scoredThrough}: its scores are up to date`,
        });
        continue;
      }
    }
    // Due runs roll the window forward: the last 2 years, or every period for a model trained on all the data.
    const window = m.config.trainingWindow === 'all' ? ('all' as const) : ('last-2-years' as const);
    toTrain.push({ at: out.length, id: m.id, name: m.name, window });
    out.push({ id: m.id, name: m.name, status: m.status });
  }
  const done = await trainModels(
    workspace,
    toTrain.map((t) => ({ id: t.id, window: t.window })),
    options,
  );
  done.forEach((d, k) => {
    const { at, id, name } = toTrain[k]!;
    // A run that could not start (its lock held by another run) is skipped with the reason.
    out[at] =
      'model' in d
        ? { id, name, status: d.model.status }
        : { id, name, status: out[at]!.status, skipped: d.error.message };
  });
  return out;
}
