import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { validateModelConfig } from '../workspace/model-config';
import { fieldLabel, messageInWords, MODEL_FIELD_LABELS, ruleInWords } from './field-labels';
import { resolve, type JsonSchema } from './json-schema';
import { schemaField } from './schemas';

const model = { name: 'm', conversion: 'revenue', touchpoints: [{ channel: 'tv' }] };
const messageOf = (doc: unknown) => {
  try {
    validateModelConfig(doc, 'the model canvas');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('field labels', () => {
  it('every field of model.schema.json has a label (a new field fails here until it gets one)', () => {
    const paths: string[] = [];
    const walk = (s: JsonSchema | undefined, at: string) => {
      const r = resolve(s);
      for (const [k, v] of Object.entries(r?.properties ?? {})) {
        const p = at ? `${at}.${k}` : k;
        paths.push(p);
        walk(v, p);
        const items = resolve(resolve(v)?.items);
        if (items?.properties) {
          paths.push(`${p}[]`);
          walk(items, `${p}[]`);
        }
      }
    };
    for (const k of ['name', 'touchpoints', 'lookbackWeeks', 'trainingWindow', 'factors', 'priors', 'schedule'])
      expect(schemaField('model', k)).toBeTruthy();
    walk({ $ref: 'model.schema.json' }, '');
    expect(paths.length).toBeGreaterThan(25);
    expect(paths.filter((p) => MODEL_FIELD_LABELS[p] === undefined)).toEqual([]);
  });

  it.each([
    ['lookbackWeeks', 'Lookback (weeks)'],
    ['touchpoints[2].channel', 'Touchpoint 3 channel'],
    ['priors[0].roi', 'Prior 1 ROI'],
    ['factors.internal[1]', 'Internal factor 2'],
    ['trainingWindow.from', 'Training window start'],
    ['eventPriors.channels[0]', 'Priors from event data: channel 1'],
    ['schedule.frequency', 'Run frequency'],
    ['touchpoints[0].chanel', 'touchpoints[0].chanel'],
  ])('fieldLabel(%j) is %j', (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });

  it.each([
    ['must be an integer in [1, 52]', 'must be a whole number from 1 to 52'],
    ['must be a finite number ≥ 0', 'must be a number of at least 0'],
    ['must be a number in (0, 1]', 'must be a number above 0 and at most 1'],
    ['must name a touchpoint channel', 'must name a touchpoint channel'],
  ])('ruleInWords(%j) is %j', (rule, words) => {
    expect(ruleInWords(rule)).toBe(words);
  });

  it('ruleInWords names the fields a rule mentions by their labels, below the field it is about', () => {
    expect(ruleInWords('needs `roi` ≥ 0 or `share` in [0, 1]', 'priors[0]')).toBe(
      'needs ROI of at least 0 or contribution share from 0 to 1',
    );
    expect(ruleInWords('must come after `trainingWindow.from`')).toBe('must come after Training window start');
  });

  it('messageInWords turns validateModelConfig’s messages into labels, the field path kept at the end', () => {
    expect(messageInWords(messageOf({ ...model, lookbackWeeks: 60 }))).toBe(
      'Lookback (weeks) must be a whole number from 1 to 52; got 60 (`lookbackWeeks`)',
    );
    expect(messageInWords(messageOf({ ...model, touchpoints: [{ channel: 'tv' }, { channel: 'tv' }] }))).toBe(
      'Touchpoint 2 channel repeats a touchpoint channel; got "tv" (`touchpoints[1].channel`)',
    );
    expect(messageInWords(messageOf({ ...model, name: '' }))).toMatch(/^Name must be .*; got "" \(`name`\)$/);
    // The CLI's form stays what it was: the path first (its contract).
    expect(messageOf({ ...model, lookbackWeeks: 60 })).toBe(
      'the model canvas: `lookbackWeeks` must be an integer in [1, 52]; got 60',
    );
    expect(messageInWords('something else went wrong')).toBe('something else went wrong');
    expect(messageInWords(messageOf({ ...model, touchpoints: [{ chanel: 'tv' }] }))).toBe(
      'Touchpoint 1: `chanel` is not a touchpoint field (known: channel, metric, source, paid, costPerUnit); got "tv" (`touchpoints[0].chanel`)',
    );
    expect(messageInWords(messageOf({ ...model, trainingWindow: { from: '2024-01-01', to: '2024-03-01' } }))).toMatch(
      /^Training window: the training window must span at least one year; .* \(`trainingWindow`\)$/,
    );
    expect(messageInWords(messageOf({ ...model, priors: [{ channel: 'tv', sd: 0.1, source: 'experiment' }] }))).toMatch(
      /^Prior 1 needs ROI of at least 0 or contribution share from 0 to 1; got \{.*\} \(`priors\[0\]`\)$/,
    );
  });
});
