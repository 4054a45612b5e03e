import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliOn, tempDir } from '../../../tests/helpers/sample-workspace';
import { ownedCase } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { modelDetails } from '../workspace/views';

// An owned channel through the CLI (issue 20): summary data with email sends and no spend, a model with
// the sends as a touchpoint, its insights (no ROI) and a plan (email held, or priced by costPerUnit).

const { data, truth } = generateSynthetic(ownedCase(4, 'clean'));
const PAID = ['tv', 'search', 'social'];
const touchpoints = [...PAID.map((channel) => ({ channel, metric: 'spend' })), { channel: 'email', metric: 'sends' }];
const model = { name: 'Owned', conversion: 'revenue', touchpoints };

let ws: string;
let cli: ReturnType<typeof cliOn>['cli'];
let json: ReturnType<typeof cliOn>['json'];
let modelId: string;
const configFile = (name: string, doc: unknown) => {
  const file = join(ws, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
};

beforeAll(async () => {
  ws = join(tempDir('mm-cli-owned-'), 'ws');
  ({ cli, json } = cliOn(ws));
  const rows = ['date,channel,spend,sends'];
  data.dates.forEach((d, i) =>
    data.channels.forEach((c) =>
      rows.push(c.name === 'email' ? `${d},email,,${c.input[i]}` : `${d},${c.name},${c.spend[i]},`),
    ),
  );
  const summary = join(ws, '..', 'summary.csv');
  writeFileSync(summary, rows.join('\n') + '\n');
  const conversions = join(ws, '..', 'conversions.csv');
  writeFileSync(
    conversions,
    ['date,revenue', ...data.dates.map((d, i) => `${d},${data.outcome[i]}`)].join('\n') + '\n',
  );
  await json('data', 'import', summary, '--as', 'summary');
  await json('data', 'import', conversions, '--as', 'conversions');
  await json('harmonize');
  modelId = (await json('model', 'create', '--config', configFile('model.json', model)))['id'] as string;
});

describe('mixmodeler with an owned channel', () => {
  it('`insights ID --json`: email has roi null with the reason, its contribution per send near the truth', async () => {
    const ins = await json('insights', modelId);
    const email = ins.channels.email;
    expect(email).toMatchObject({ paid: false, roi: null, spend: 0, spendShare: 0, marginalRoi: null });
    expect(email.noRoi).toMatch(/no spend, so no ROI/);
    expect(email.efficiency).toEqual({ mean: null, lower: null, upper: null });
    expect(Object.keys(email.contributionPerUnit).sort()).toEqual(['lower', 'mean', 'upper']);
    expect(Math.abs(email.contributionPerUnit.mean / truth.roi['email']! - 1)).toBeLessThan(0.35);
    expect(email.contribution).toBeCloseTo(email.contributionPerUnit.mean * email.volume, -1);
    expect(email.volumeCurve).toHaveLength(31);
    for (const name of PAID) {
      expect(ins.channels[name].paid).toBe(true);
      expect(ins.channels[name].roi.lower).toBeLessThanOrEqual(ins.channels[name].roi.mean);
    }
    for (const text of [...ins.reasons, ...ins.advice].filter((t: string) => t.startsWith('email:')))
      expect(text).not.toMatch(/ROI/);
  });

  it('modelDetails(ws, id) gives email its contribution per unit beside the paid channels’ ROI', async () => {
    const ins = await json('insights', modelId);
    const d = modelDetails(ws, modelId);
    expect(d.perUnit).toEqual({ email: ins.channels.email.contributionPerUnit });
    expect(d.roi!['email']).toBeNull();
    expect(d.roi!['tv']).toEqual(ins.channels.tv.roi);
  });

  it('`insights ID` lists email apart, per unit of its sends, and not in the ROI table', async () => {
    const c = await cli('insights', modelId);
    expect(c.code, c.err).toBe(0);
    const [paid, owned] = c.out.split('owned and earned channels');
    expect(owned).toBeDefined();
    expect(paid).not.toMatch(/^email /m);
    for (const name of PAID) expect(paid).toMatch(new RegExp(`^${name} `, 'm'));
    expect(owned).toMatch(/^email +\d\.\d{3} +\[\d\.\d{3}, \d\.\d{3}\] +[\d,]+ sends /m);
  });

  it('`plan create ID --budget` holds email at its volume; with costPerUnit it is planned as sends × cost', async () => {
    const plan = await json('plan', 'create', modelId, '--budget', '1500000', '--weeks', '13');
    expect(Object.keys(plan.allocation).sort()).toEqual(['search', 'social', 'tv']);
    const sends = data.channels[3]!.input.subarray(-13).reduce((s, v) => s + v, 0);
    expect(plan.held.email.volume).toBeCloseTo(sends, 3);
    expect((await json('plan', 'show', plan.id)).held.email.volume).toBeCloseTo(sends, 3);
    const text = await cli('plan', 'show', plan.id);
    expect(text.out).toMatch(
      /held at their volume \(owned channels, outside the budget\):\n {2}email: [\d,]+ units, outcome [\d,]+/,
    );
    const priced = { ...model, touchpoints: [...touchpoints.slice(0, 3), { ...touchpoints[3], costPerUnit: 0.05 }] };
    const id = (await json('model', 'create', '--config', configFile('priced.json', priced)))['id'] as string;
    const p = await json('plan', 'create', id, '--budget', '1500000', '--weeks', '13');
    expect(p.held).toBeUndefined();
    expect(p.channels.email.current).toBeCloseTo(0.05 * sends, 3);
  });

  it.each([
    ['paid true on a channel without spend', { paid: true }, /touchpoints\[3\]\.paid.*no spend/],
    ['a cost per unit of 0', { paid: false, costPerUnit: 0 }, /touchpoints\[3\]\.costPerUnit/],
    ['a cost per unit below 0', { costPerUnit: -1 }, /touchpoints\[3\]\.costPerUnit/],
  ])('`model create` refuses %s with E_CONFIG naming the touchpoint, and writes nothing', async (_, extra, message) => {
    const before = readdirSync(join(ws, 'models')).length;
    const doc = { ...model, touchpoints: [...touchpoints.slice(0, 3), { ...touchpoints[3], ...extra }] };
    const c = await cli('model', 'create', '--config', configFile('bad.json', doc), '--json');
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/E_CONFIG/);
    expect(c.err).toMatch(message);
    expect(readdirSync(join(ws, 'models')).length).toBe(before);
  });

  it('`model create` refuses a cost per unit on a paid channel and an ROI prior on an owned one', async () => {
    const costOnTv = { ...model, touchpoints: [{ ...touchpoints[0], costPerUnit: 2 }, ...touchpoints.slice(1)] };
    const a = await cli('model', 'create', '--config', configFile('bad2.json', costOnTv), '--json');
    expect(a.err).toMatch(/touchpoints\[0\]\.costPerUnit.*owned channel/);
    const prior = { ...model, priors: [{ channel: 'email', roi: 0.1, sd: 0.02, source: 'experiment' }] };
    const b = await cli('model', 'create', '--config', configFile('bad3.json', prior), '--json');
    expect(b.err).toMatch(/priors\[0\].*owned channel.*share prior/);
    expect(existsSync(join(ws, 'models'))).toBe(true);
  });
});
