import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../errors';
import type { scoreMmm } from '../mmm/score';
import { writeFileAtomic } from '../fs/atomic-write';
import { modelDir, readModelFile, type ModelRecord } from './model-store';

/** Stored scores of a model version: per period, predicted, base and contributions. */
export interface StoredScores {
  version: number;
  dates: string[];
  predicted: number[];
  base: number[];
  contributions: Record<string, number[]>;
}

/**
 * The file of a version's scores in the model's folder. Scores live beside their version
 * (`versions/<n>.scores.json`), so model.json's `currentVersion` is the one commit point: a run killed
 * after writing a new version's scores leaves them unreferenced, never mixed with the current version.
 */
export function scoresFile(version: number): string {
  return `versions/${version}.scores.json`;
}

/** Scores as stored, from `scoreMmm`'s result. */
export function toStored(version: number, s: ReturnType<typeof scoreMmm>): StoredScores {
  return { version, dates: s.dates, predicted: s.predicted, base: s.base, contributions: s.contributions };
}

/** Writes a version's scores atomically. @throws StoreError when the write fails */
export function writeScores(workspace: string, id: string, scores: StoredScores): void {
  writeFileAtomic(join(modelDir(workspace, id), scoresFile(scores.version)), JSON.stringify(scores) + '\n');
}

/**
 * Reads the scores of a model's current version (an older store's `scores.json` when it holds that
 * version).
 *
 * @throws StoreError when the model has no trained version, or its scores are missing or of another version
 */
export function readScores(workspace: string, m: ModelRecord): StoredScores {
  const v = m.currentVersion;
  if (v === null) throw new StoreError(`model ${m.id} has no trained version, so no scores; train it first`);
  const dir = modelDir(workspace, m.id);
  const name = existsSync(join(dir, scoresFile(v))) ? scoresFile(v) : 'scores.json';
  const s = readModelFile<StoredScores>(workspace, m.id, name);
  if (s.version !== v)
    throw new StoreError(
      `model ${m.id}: ${name} holds the scores of version ${s.version}, not of the current version ${v}`,
    );
  return s;
}

/**
 * Removes the files of versions that model.json does not list (a run killed after writing them, before
 * its commit). Call it holding the model's lock.
 */
export function removeUncommittedVersions(workspace: string, m: ModelRecord): void {
  const dir = join(modelDir(workspace, m.id), 'versions');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const kept = new Set(m.versions.map((v) => String(v.version)));
  for (const name of names) {
    const n = /^(\d+)\.(?:scores\.)?json$/.exec(name)?.[1];
    if (n !== undefined && !kept.has(n)) rmSync(join(dir, name), { force: true });
  }
}

/**
 * What a score run did, in words for the user, naming the model by its name: nothing new is information,
 * not a failure (`Revenue MMM: no new periods to score after 2025-12-22; its scores are up to date`).
 *
 * @example scoredMessage({ name: 'Revenue MMM', scoredThrough: '2025-12-22' }, { from: '2025-12-22', to: '2025-12-22', periods: 0 })
 */
export function scoredMessage(
  m: Pick<ModelRecord, 'name' | 'scoredThrough'>,
  scored: { from: string; to: string; periods: number },
): string {
  if (scored.periods === 0)
    return `${m.name}: no new periods to score${m.scoredThrough ? ` after ${m.scoredThrough}` : ''}; its scores are up to date`;
  return `${m.name}: scored ${scored.periods} period${scored.periods === 1 ? '' : 's'}, ${scored.from} to ${scored.to}`;
}
