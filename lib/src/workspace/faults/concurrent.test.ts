import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDatasets } from '../../data/dataset-store';
import { readHarmonized, readHarmonizedManifest } from '../../harmonize/harmonized-store';
import { createModel, trainModel } from '../lifecycle';
import { readScores } from '../model-scores';
import { modelDir, readModel } from '../model-store';
import { cli, CONFIG, sampleWorkspace } from './harness';

describe('concurrent writers on one workspace', () => {
  it('model train ‖ model train: both runs succeed, one after the other, into distinct versions', async () => {
    const ws = sampleWorkspace();
    const { id } = await createModel(ws, CONFIG);
    const exits = await Promise.all(
      [cli(ws, 'model', 'train', id, '--json'), cli(ws, 'model', 'train', id, '--json')].map((r) => r.done),
    );
    expect(exits.map((e) => [e.code, e.err])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    const m = readModel(ws, id);
    expect(m.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(exits.map((e) => JSON.parse(e.out).currentVersion).sort()).toEqual([2, 3]);
    expect(readScores(ws, m).version).toBe(3);
    expect(m.runs.filter((r) => r.kind === 'train').map((r) => r.version)).toEqual([1, 2, 3]);
  }, 60_000);

  it('model delete ‖ model train: a delete that says "deleted" leaves no model; one refused leaves it whole', async () => {
    const ws = sampleWorkspace();
    for (let round = 0; round < 6; round++) {
      const { id } = await createModel(ws, CONFIG);
      const train = cli(ws, 'model', 'train', id, '--json');
      await new Promise((r) => setTimeout(r, 150 + 100 * round));
      const del = await cli(ws, 'model', 'delete', id, '--json').done;
      const trained = await train.done;
      if (del.code === 0) {
        expect(existsSync(modelDir(ws, id))).toBe(false);
        // The train had finished, or it finds no model: it never writes the model back.
        if (trained.code !== 0) expect(trained.err).toMatch(/no model/);
      } else {
        expect(del.err).toMatch(/is running|is locked/);
        expect(trained.code).toBe(0);
        const m = readModel(ws, id);
        expect(m.currentVersion).toBe(2);
        expect(readScores(ws, m).version).toBe(2);
      }
    }
    expect(readdirSync(join(ws, 'models')).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 120_000);

  it('harmonize ‖ harmonize ‖ harmonize: every run succeeds and the harmonized files are whole', async () => {
    const ws = sampleWorkspace();
    const exits = await Promise.all([1, 2, 3].map(() => cli(ws, 'harmonize', '--json').done));
    expect(exits.map((e) => [e.code, e.err])).toEqual(exits.map(() => [0, '']));
    const manifest = readHarmonizedManifest(ws)!;
    expect(readdirSync(join(ws, 'harmonized')).sort()).toEqual(
      ['manifest.json', ...Object.values(manifest.files)].sort(),
    );
    expect(readHarmonized(ws)!.media.numRows()).toBeGreaterThan(0);
    const { id } = await createModel(ws, CONFIG);
    expect((await trainModel(ws, id)).status).not.toBe('failed');
  }, 60_000);

  it('data import ‖ data import under one name: every import succeeds and the dataset is whole', async () => {
    const ws = sampleWorkspace();
    const file = join(ws, 'sample', 'summary.csv');
    const exits = await Promise.all(
      [1, 2, 3, 4].map(() => cli(ws, 'data', 'import', file, '--as', 'summary', '--name', 'again', '--json').done),
    );
    expect(exits.map((e) => [e.code, e.err])).toEqual(exits.map(() => [0, '']));
    const dir = join(ws, 'datasets', 'again');
    expect(readdirSync(dir).filter((f) => f.endsWith('.csv'))).toHaveLength(1);
    expect(listDatasets(ws).datasets.find((d) => d.name === 'again')?.rows).toBe(
      listDatasets(ws).datasets.find((d) => d.name === 'sample-media')?.rows,
    );
    // The same data under two names conflict at harmonize; `data delete` takes the first out.
    expect((await cli(ws, 'harmonize', '--json').done).err).toMatch(/duplicate key/);
    expect((await cli(ws, 'data', 'delete', 'sample-media').done).code).toBe(0);
    const h = await cli(ws, 'harmonize', '--json').done;
    expect([h.code, h.err]).toEqual([0, '']);
  }, 60_000);
});
