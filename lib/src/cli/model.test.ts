import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CHANNELS, sampleWorkspace } from '../../../tests/helpers/sample-workspace';
import { runCaptured } from './run';

const cli = (...argv: string[]) => runCaptured(argv);

let ws: string;
let configFile: string;
beforeAll(() => {
  ws = sampleWorkspace('mm-cli-model-');
  configFile = join(ws, 'model.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      name: 'Revenue MMM',
      description: 'weekly revenue',
      conversion: 'revenue',
      touchpoints: SAMPLE_CHANNELS.map((channel) => ({ channel, metric: 'spend', source: 'summary' })),
      lookbackWeeks: 8,
      trainingWindow: 'last-2-years',
      factors: { internal: ['holiday'], external: ['price'] },
      priors: [{ channel: 'search', roi: 2.5, sd: 0.25, source: 'experiment' }],
      spendShare: true,
      schedule: { enabled: false, frequency: 'weekly' },
    }),
  );
});

describe('mixmodeler model', () => {
  it('`model create --config` builds the model; `model list --json` shows it', async () => {
    const c = await cli('--workspace', ws, 'model', 'create', '--config', configFile, '--json');
    expect(c.code, c.err).toBe(0);
    const made = JSON.parse(c.out);
    expect(made.id).toMatch(/^m-/);
    expect(['success', 'training issue']).toContain(made.status);
    const l = await cli('--workspace', ws, 'model', 'list', '--json');
    expect(JSON.parse(l.out).models.map((m: { id: string }) => m.id)).toContain(made.id);
  });

  it('`model train` with a window under a year fails with the reason; `model score` of a stored range needs --replace', async () => {
    const made = JSON.parse((await cli('--workspace', ws, 'model', 'create', '--config', configFile, '--json')).out);
    const t = await cli(
      '--workspace',
      ws,
      'model',
      'train',
      made.id,
      '--from',
      '2025-03-03',
      '--to',
      '2025-09-29',
      '--json',
    );
    expect(t.code).toBe(1);
    expect(t.err).toMatch(/at least one year/);
    const s = await cli('--workspace', ws, 'model', 'score', made.id, '--from', '2025-06-02', '--to', '2025-06-30');
    expect(s.code).toBe(1);
    expect(s.err).toMatch(/would replace the stored scores .* confirm with --replace/);
  });

  it('`model train --all-data` fits every period; without a flag a model keeps its own window', async () => {
    const made = JSON.parse((await cli('--workspace', ws, 'model', 'create', '--config', configFile, '--json')).out);
    const windowOf = async () => JSON.parse((await cli('--workspace', ws, 'insights', made.id, '--json')).out).window;
    const last2 = await windowOf();
    const all = await cli('--workspace', ws, 'model', 'train', made.id, '--all-data', '--json');
    expect(all.code, all.err).toBe(0);
    const every = await windowOf();
    expect(every.to).toBe(last2.to);
    expect(every.from < last2.from).toBe(true);
    const again = await cli('--workspace', ws, 'model', 'train', made.id, '--json');
    expect(again.code, again.err).toBe(0);
    expect(await windowOf()).toEqual(last2);
    const both = await cli('--workspace', ws, 'model', 'train', made.id, '--all-data', '--last-2-years');
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/give one of `--last-2-years`, `--all-data` or `--from --to`/);
  });

  it('usage errors exit 2 and name the problem', async () => {
    expect((await cli('--workspace', ws, 'model', 'create')).err).toMatch(/needs `--config FILE`/);
    expect((await cli('--workspace', ws, 'model', 'train', 'm-a-b', '--from', '2025-01-06')).code).toBe(2);
    expect((await cli('--workspace', ws, 'model', 'delete')).code).toBe(2);
    expect((await cli('--workspace', ws, 'model', 'show', '../x')).err).toMatch(/not a model id/);
  });

  it('`model edit` and `model delete` change the table', async () => {
    const made = JSON.parse((await cli('--workspace', ws, 'model', 'create', '--config', configFile, '--json')).out);
    const e = await cli('--workspace', ws, 'model', 'edit', made.id, '--name', 'Leads', '--schedule', 'on', '--json');
    expect(JSON.parse(e.out)).toMatchObject({ name: 'Leads', runFrequency: 'weekly' });
    const d = await cli('--workspace', ws, 'model', 'delete', made.id, '--json');
    expect(JSON.parse(d.out)).toEqual({ deleted: [made.id] });
    const l = JSON.parse((await cli('--workspace', ws, 'model', 'list', '--json')).out);
    expect(l.models.map((m: { id: string }) => m.id)).not.toContain(made.id);
  });

  it('`model train A B` trains both (one line per model), `--parallel` takes a whole number, and a refusal names its model', async () => {
    const made = [0, 1].map(
      async () =>
        JSON.parse((await cli('--workspace', ws, 'model', 'create', '--config', configFile, '--json')).out)
          .id as string,
    );
    const [a, b] = await Promise.all(made);
    const t = await cli('--workspace', ws, 'model', 'train', a!, b!, '--parallel', '2');
    expect(t.code, t.err).toBe(0);
    expect(
      t.out
        .trim()
        .split('\n')
        .map((l) => l.split('\t')[0]),
    ).toEqual([a, b]);
    expect(t.err).toContain(`${a}: scoring`);
    const j = await cli('--workspace', ws, 'model', 'train', a!, b!, '--json');
    expect(JSON.parse(j.out).models).toMatchObject([
      { id: a, currentVersion: 3 },
      { id: b, currentVersion: 3 },
    ]);
    for (const bad of ['0', '1.5', 'two']) {
      const r = await cli('--workspace', ws, 'model', 'train', a!, b!, '--parallel', bad);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`\`--parallel\` must be a whole number ≥ 1; got "${bad}"`);
    }
    expect((await cli('--workspace', ws, 'run-due', '--parallel', '0')).code).toBe(2);
    // A model id twice, or one that is not there: refused before any run starts, so nothing trains.
    const twice = await cli('--workspace', ws, 'model', 'train', a!, a!);
    expect(twice.err).toContain(`model ${a} is named twice`);
    const missing = await cli('--workspace', ws, 'model', 'train', a!, 'm-0-none');
    expect(missing.err).toMatch(/no model m-0-none/);
    expect(JSON.parse((await cli('--workspace', ws, 'model', 'show', a!, '--json')).out).currentVersion).toBe(3);
  }, 120_000);
});
