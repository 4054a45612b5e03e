import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../errors';
import { removeTempFiles } from './atomic-write';
import { writeFailure } from './file-ops';
import { DATASETS_FOLDER, HARMONIZED_FOLDER, PLANS_FOLDER } from './layout';
import { withLockSync } from './lock';

/**
 * Runs `work` holding the workspace lock (`<workspace>/.lock`), which every writer of datasets and of
 * the harmonized data takes (import, harmonize, data delete, sample), and plan writes, so that two of
 * them never interleave. Creates the workspace folder; removes the temp files that killed writers left in
 * the dataset, harmonized and plans folders (no live write can own them while the lock is held).
 *
 * @throws StoreError naming the workspace when it cannot be created or stays locked
 * @example withWorkspaceLock('ws', () => writeDataset(...))
 */
export function withWorkspaceLock<T>(workspace: string, work: () => T, waitMs = 60_000): T {
  try {
    mkdirSync(workspace, { recursive: true });
  } catch (e) {
    throw new StoreError(`cannot create the workspace ${workspace}: ${writeFailure(e)}`);
  }
  return withLockSync(
    workspace,
    () => {
      removeTempFiles(workspace);
      removeTempFiles(join(workspace, HARMONIZED_FOLDER));
      removeTempFiles(join(workspace, PLANS_FOLDER));
      for (const name of subfolders(join(workspace, DATASETS_FOLDER)))
        removeTempFiles(join(workspace, DATASETS_FOLDER, name));
      return work();
    },
    waitMs,
  );
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}
