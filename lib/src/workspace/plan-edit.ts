import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { PLANS_FOLDER } from '../fs/layout';
import { withWorkspaceLock } from '../fs/workspace-lock';
import { NAME_MAX } from './model-config';
import { listPlans, readPlan, type StoredPlan } from './plan-store';

/**
 * Renames a stored plan: only its name changes (its allocation and model version never do), written
 * atomically under the workspace lock.
 *
 * @throws InputError when the name is empty, longer than NAME_MAX, or another plan has it
 * @throws StoreError when there is no such plan
 * @example renamePlan(ws, 'p-m1abc-x2y3z4', 'Q3 at current spend')
 */
export function renamePlan(workspace: string, id: string, name: string): StoredPlan {
  const trimmed = name.trim();
  if (trimmed === '' || Array.from(trimmed).length > NAME_MAX) {
    throw new InputError(`a plan's name must be 1 to ${NAME_MAX} characters; got ${JSON.stringify(name)}`);
  }
  return withWorkspaceLock(workspace, () => {
    const plan = readPlan(workspace, id);
    const clash = listPlans(workspace).find(
      (p) => p.id !== id && p.name.trim().toLowerCase() === trimmed.toLowerCase(),
    );
    if (clash) throw new InputError(`another plan (${clash.id}) is named ${JSON.stringify(trimmed)} already`);
    const renamed: StoredPlan = { ...plan, name: trimmed };
    writeFileAtomic(join(workspace, PLANS_FOLDER, `${id}.json`), JSON.stringify(renamed, null, 2) + '\n');
    return renamed;
  });
}

/**
 * Deletes a stored plan, at once, under the workspace lock.
 *
 * @throws StoreError when there is no such plan
 */
export function deletePlan(workspace: string, id: string): { deleted: string } {
  return withWorkspaceLock(workspace, () => {
    readPlan(workspace, id);
    rmSync(join(workspace, PLANS_FOLDER, `${id}.json`));
    return { deleted: id };
  });
}
