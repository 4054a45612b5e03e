import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDatasets } from '../../data/dataset-store';
import { readHarmonized } from '../../harmonize/harmonized-store';
import { seededRandom } from '../../math/random';
import { createModel, trainModel } from '../lifecycle';
import { readScores } from '../model-scores';
import { modelDir, readModel } from '../model-store';
import { listModels } from '../models';
import { cli, CONFIG, configFile, sampleWorkspace, type Exit } from './harness';

/** Everything a reader relies on holds: no model reads as running, scores match the current version. */
function expectWholeStore(ws: string): void {
  for (const row of listModels(ws)) {
    const m = readModel(ws, row.id);
    expect(row.status).not.toBe('running');
    expect(row.status).toBe(m.status);
    if (m.currentVersion !== null) {
      expect(existsSync(join(modelDir(ws, m.id), 'versions', `${m.currentVersion}.json`))).toBe(true);
      expect(readScores(ws, m).version).toBe(m.currentVersion);
    }
  }
  for (const d of listDatasets(ws).datasets) expect(d.rows).toBeGreaterThan(0);
  expect(readHarmonized(ws)?.media.numRows()).toBeGreaterThan(0);
}

const tmpFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** Runs `args` once to time it, then `rounds` times killed with SIGKILL at seeded points of that time. */
async function killRounds(ws: string, args: () => string[], rounds: number, seed: number): Promise<Exit[]> {
  const t0 = Date.now();
  const first = await cli(ws, ...args()).done;
  expect([first.code, first.err]).toEqual([0, '']);
  const span = Date.now() - t0;
  const rand = seededRandom(seed);
  const exits: Exit[] = [];
  for (let k = 0; k < rounds; k++) {
    const run = cli(ws, ...args());
    await new Promise((r) => setTimeout(r, Math.round(rand() * span)));
    run.child.kill('SIGKILL');
    exits.push(await run.done);
    expectWholeStore(ws);
  }
  return exits;
}

describe('kill -9 at seeded points of each writer', () => {
  it('model train killed anywhere: the store stays whole and the model re-trains', async () => {
    const ws = sampleWorkspace();
    const { id } = await createModel(ws, CONFIG);
    await killRounds(ws, () => ['model', 'train', id, '--json'], 6, 1);
    const again = await trainModel(ws, id);
    expect(again.status).not.toBe('failed');
    expect(readScores(ws, again).version).toBe(again.currentVersion);
    expect(tmpFiles(modelDir(ws, id))).toEqual([]);
    const versions = readdirSync(join(modelDir(ws, id), 'versions'));
    expect(versions.length).toBe(2 * again.versions.length);
  }, 120_000);

  it('model create killed anywhere: every model left reads as failed (interrupted) or finished, never running', async () => {
    const ws = sampleWorkspace();
    const file = configFile(ws);
    await killRounds(ws, () => ['model', 'create', '--config', file, '--json'], 6, 2);
    for (const row of listModels(ws)) {
      const m = readModel(ws, row.id);
      if (m.status === 'failed') expect(m.error).toMatch(/interrupted/);
    }
  }, 120_000);

  it('model score --replace killed anywhere: scores stay those of the current version, whole', async () => {
    const ws = sampleWorkspace();
    const { id } = await createModel(ws, CONFIG);
    await killRounds(ws, () => ['model', 'score', id, '--from', '2025-01-06', '--to', '2025-06-30', '--replace'], 6, 3);
    expect(readModel(ws, id).currentVersion).toBe(1);
  }, 120_000);

  it('data import killed anywhere: datasets stay whole, a first import cut short is skipped with a warning', async () => {
    const ws = sampleWorkspace();
    // A channel the sample lacks, so that the import adds to the harmonized data instead of conflicting.
    const radio = join(ws, 'radio.csv');
    const [header, ...lines] = readFileSync(join(ws, 'sample', 'summary.csv'), 'utf8')
      .trim()
      .split('\n');
    const tv = lines.filter((l) => l.includes(',tv,')).map((l) => l.replace(',tv,', ',radio,'));
    writeFileSync(radio, [header, ...tv].join('\n') + '\n');
    // Imports that replace one dataset, and first imports of new ones (a second radio would conflict).
    let n = 0;
    await killRounds(
      ws,
      () => ['data', 'import', radio, '--as', 'summary', '--name', n++ % 2 ? 'radio' : `cut-${n}`],
      6,
      4,
    );
    for (const d of listDatasets(ws).datasets.filter((x) => x.name.startsWith('cut-')))
      expect((await cli(ws, 'data', 'delete', d.name).done).code).toBe(0);
    const h = await cli(ws, 'harmonize', '--json').done;
    expect([h.code, h.err]).toEqual([0, '']);
    for (const name of readdirSync(join(ws, 'datasets'))) expect(tmpFiles(join(ws, 'datasets', name))).toEqual([]);
  }, 120_000);

  it('harmonize killed anywhere: the harmonized data stay whole and a model trains on them', async () => {
    const ws = sampleWorkspace();
    await killRounds(ws, () => ['harmonize', '--json'], 6, 5);
    const { id } = await createModel(ws, CONFIG);
    expect(readModel(ws, id).status).not.toBe('failed');
  }, 120_000);

  it('a dataset folder without a manifest (an import killed before it) is skipped by harmonize and data list, with a warning', async () => {
    const ws = sampleWorkspace();
    mkdirSync(join(ws, 'datasets', 'half'));
    writeFileSync(join(ws, 'datasets', 'half', '.data-x.csv.1.abc.tmp'), 'date,channel\n2024');
    const h = await cli(ws, 'harmonize', '--json').done;
    expect(h.code).toBe(0);
    expect(JSON.parse(h.out).summary.warnings).toEqual([expect.stringMatching(/dataset folder half has no manifest/)]);
    expect(readdirSync(join(ws, 'datasets', 'half'))).toEqual([]); // its temp file was cleaned under the lock
    const list = await cli(ws, 'data', 'list', '--json').done;
    expect(JSON.parse(list.out).warnings).toHaveLength(1);
  });
});
