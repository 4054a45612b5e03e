import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MODEL, sampleWorkspace } from '../../../tests/helpers/sample-workspace';
import { ConfigError, StoreError } from '../errors';
import {
  createModel,
  duplicateModel,
  editModel,
  rebuildModel,
  registerModel,
  scoreModel,
  trainModel,
} from './lifecycle';
import { MODEL_FILE, PROGRESS_FILE } from '../fs/layout';
import { deleteModels, modelDir, readModel, writeModel } from './model-store';
import { listModels } from './models';

const config = {
  ...SAMPLE_MODEL,
  name: 'Revenue / MMM ../x',
  description: 'weekly revenue',
  lookbackWeeks: 8,
  schedule: { enabled: true, frequency: 'weekly' },
};
let ws: string;

beforeAll(() => {
  ws = sampleWorkspace('mm-life-');
});

describe('model lifecycle', () => {
  it('createModel trains and scores at once; the name never becomes a path', async () => {
    const m = await createModel(ws, config);
    expect(['success', 'training issue']).toContain(m.status);
    expect(m.currentVersion).toBe(1);
    expect(m.runs.map((r) => [r.kind, r.status])).toEqual([['train', m.status]]);
    expect(m.scoredThrough).toBe('2025-12-22');
    expect(readdirSync(join(ws, 'models'))).toEqual([m.id]);
    const row = listModels(ws).find((r) => r.id === m.id)!;
    expect(row).toMatchObject({ name: config.name, conversion: 'revenue', runFrequency: 'weekly', status: m.status });
  });

  it('trainModel(ws, id, window, { onProgress }) reports progress and records it in progress.json', async () => {
    const m = registerModel(ws, { ...config, name: 'progress' });
    const stages: string[] = [];
    const t = await trainModel(ws, m.id, undefined, { onProgress: (p) => stages.push(p.stage) });
    expect(stages[0]).toBe('reading data');
    expect(stages).toEqual(
      expect.arrayContaining([
        'geometric adstock: start 1/3',
        'delayed adstock: refine',
        'knots baseline: refine',
        'scoring',
      ]),
    );
    expect(stages[stages.length - 1]).toBe('finished');
    const last = JSON.parse(readFileSync(join(modelDir(ws, m.id), PROGRESS_FILE), 'utf8'));
    expect(last).toMatchObject({ stage: 'finished', message: `version 1: ${t.status}` });
    deleteModels(ws, [m.id]);
  });

  it('a bad config is refused field by field and nothing is stored', async () => {
    const before = readdirSync(join(ws, 'models')).length;
    await expect(createModel(ws, { ...config, lookbackWeeks: 60 })).rejects.toThrow(ConfigError);
    await expect(createModel(ws, { ...config, lookbackWeeks: 60 })).rejects.toThrow(
      /`lookbackWeeks` must be an integer in \[1, 52\]; got 60/,
    );
    await expect(createModel(ws, { ...config, colour: 'red' })).rejects.toThrow(/`colour` is not a model field/);
    await expect(createModel(ws, { ...config, adstock: 'weibull' })).rejects.toThrow(
      /`adstock` must be one of auto, geometric, delayed, weibull-cdf, weibull-pdf; got "weibull"/,
    );
    await expect(createModel(ws, { ...config, saturation: 'tanh' })).rejects.toThrow(
      /`saturation` must be hill or logistic; got "tanh"/,
    );
    await expect(
      createModel(ws, { ...config, priors: [{ channel: 'radio', roi: 2, sd: 0.1, source: 'experiment' }] }),
    ).rejects.toThrow(/`priors\[0\].channel` must name a touchpoint channel/);
    expect(readdirSync(join(ws, 'models'))).toHaveLength(before);
  });

  it('every training is a new version; a custom window shorter than a year is refused and changes nothing', async () => {
    const m = registerModel(ws, config);
    await trainModel(ws, m.id);
    const v2 = await trainModel(ws, m.id, { from: '2024-01-01', to: '2025-06-30' });
    expect(v2.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(v2.versions[1]!.window.from).toBe('2024-01-01');
    const before = readModel(ws, m.id);
    await expect(trainModel(ws, m.id, { from: '2025-01-06', to: '2025-06-30' })).rejects.toThrow(
      /at least one year; 2025-01-06\.\.2025-06-30 spans 182 days/,
    );
    expect(readModel(ws, m.id)).toEqual(before);
    expect((await trainModel(ws, m.id)).currentVersion).toBe(3);
  });

  it('a failed model is not re-trained; rebuilt with an edited config it trains into a new version', async () => {
    const m = await createModel(ws, config);
    writeModel(ws, { ...readModel(ws, m.id), status: 'failed', error: 'the data went away' });
    await expect(trainModel(ws, m.id)).rejects.toThrow(
      /re-trained only when its last training succeeded; its status is failed \(the data went away\)/,
    );
    await expect(rebuildModel(ws, m.id, { ...config, lookbackWeeks: 0 })).rejects.toThrow(/`lookbackWeeks`/);
    expect(readModel(ws, m.id).status).toBe('failed');
    const rebuilt = await rebuildModel(ws, m.id, { ...config, name: 'Rebuilt', lookbackWeeks: 6 });
    expect(['success', 'training issue']).toContain(rebuilt.status);
    expect(rebuilt).toMatchObject({ name: 'Rebuilt', currentVersion: 2, config: { lookbackWeeks: 6 } });
    expect(rebuilt.runs.map((r) => r.kind)).toEqual(['train', 'train']);
  });

  it('scoring new periods needs none; re-scoring a stored range needs replace', async () => {
    const m = await createModel(ws, config);
    const none = await scoreModel(ws, m.id);
    expect(none.scored.periods).toBe(0);
    expect(none.model.runs).toEqual(m.runs);
    await expect(scoreModel(ws, m.id, { from: '2025-06-02', to: '2025-06-30' })).rejects.toThrow(
      /would replace the stored scores of 5 period\(s\).*confirm with --replace/,
    );
    const r = await scoreModel(ws, m.id, { from: '2025-06-02', to: '2025-06-30', replace: true });
    expect(r.scored.periods).toBe(5);
    expect(readModel(ws, m.id).runs.map((x) => x.kind)).toEqual(['train', 'score']);
  });

  it('duplicate, edit and delete', async () => {
    const m = registerModel(ws, config);
    const copy = duplicateModel(ws, m.id);
    expect(copy.name).toBe(`${config.name} (copy)`);
    expect(copy.status).toBe('awaiting training');
    const edited = await editModel(ws, copy.id, { name: 'Leads', schedule: { enabled: false } });
    expect(listModels(ws).find((r) => r.id === copy.id)).toMatchObject({ name: 'Leads', runFrequency: null });
    expect(edited.schedule.frequency).toBe('weekly');
    expect(() => deleteModels(ws, [m.id, 'm-nope-nope'])).toThrow(StoreError);
    expect(existsSync(modelDir(ws, m.id))).toBe(true);
    deleteModels(ws, [m.id, copy.id]);
    expect(existsSync(modelDir(ws, m.id))).toBe(false);
    expect(() => modelDir(ws, '../etc')).toThrow(/not a model id/);
  });

  it('kill -9 mid-train leaves a valid store and the previous version current', async () => {
    const m = await createModel(ws, config);
    const lib = resolve(__dirname, '../../dist/index.js');
    const child = spawn(
      process.execPath,
      ['-e', `require(${JSON.stringify(lib)}).trainModel(${JSON.stringify(ws)}, ${JSON.stringify(m.id)})`],
      {
        stdio: 'ignore',
      },
    );
    const file = join(modelDir(ws, m.id), MODEL_FILE);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !readFileSync(file, 'utf8').includes('"status": "running"')) {
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const after = readModel(ws, m.id);
    expect(after.status).toBe('failed');
    expect(after.error).toMatch(/interrupted/);
    expect(after.currentVersion).toBe(1);
    expect(existsSync(join(modelDir(ws, m.id), 'versions', '1.json'))).toBe(true);
    // An interrupted run may be re-trained.
    const again = await trainModel(ws, m.id);
    expect(again.currentVersion).toBe(2);
  }, 30_000);

  it('rebuildModel(ws, id, doc) checks the new config against the data before anything changes', async () => {
    const m = registerModel(ws, config);
    const before = readFileSync(join(modelDir(ws, m.id), MODEL_FILE), 'utf8');
    await expect(rebuildModel(ws, m.id, { ...config, conversion: 'profit' })).rejects.toThrow(ConfigError);
    expect(readFileSync(join(modelDir(ws, m.id), MODEL_FILE), 'utf8')).toBe(before);
  });

  it('duplicateModel(ws, id) of a 200-character name keeps the copy within 200 characters', () => {
    const m = registerModel(ws, { ...config, name: 'n'.repeat(200) });
    expect(duplicateModel(ws, m.id).name).toBe(`${'n'.repeat(193)} (copy)`);
  });
});
