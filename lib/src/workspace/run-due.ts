import { trainModel } from './lifecycle';
import { readModel, wasInterrupted, type ModelRecord } from './model-store';
import { listModels } from './models';

const PERIOD_MS = { daily: 86_400_000, weekly: 7 * 86_400_000, monthly: 30 * 86_400_000 } as const;

/** Whether a scheduled model is due at `now`: never run, or its last run a whole period ago. */
export function isDue(m: ModelRecord, now: number): boolean {
  if (!m.schedule.enabled) return false;
  return m.lastRun === null || now - Date.parse(m.lastRun) >= PERIOD_MS[m.schedule.frequency];
}

/**
 * Runs the scheduled models that are due (for cron): each is re-trained on the last two years and
 * scored. A model whose last training failed is skipped with the reason; one whose run was
 * interrupted (killed) is run again.
 *
 * @returns one entry per due model: what happened
 */
export async function runDue(
  workspace: string,
  now = Date.now(),
): Promise<{ id: string; status: string; skipped?: string }[]> {
  const out: { id: string; status: string; skipped?: string }[] = [];
  for (const row of listModels(workspace)) {
    const m = readModel(workspace, row.id);
    if (!isDue(m, now)) continue;
    // An interrupted run is retried; a run that failed on its own stays failed until the user acts.
    if ((m.status === 'failed' && !wasInterrupted(m)) || m.status === 'running') {
      out.push({ id: m.id, status: m.status, skipped: m.error ?? `status ${m.status}` });
      continue;
    }
    const done = await trainModel(workspace, m.id, 'last-2-years');
    out.push({ id: m.id, status: done.status });
  }
  return out;
}
