import { validateModelConfig } from 'mixmodeler/dist/browser';
import { describe, expect, it } from 'vitest';
import { formConfig, formProblem, initialForm } from './form';
import { metricChoices } from './steps/choices';
import { reviewSummary } from './review';
import { harmonizeSummary } from '../harmonize-summary.fixture';

/** The sample's harmonized data, as the canvas reads them from the manifest. */
const DATA = harmonizeSummary({ conversions: ['revenue', 'orders'], factors: ['holiday'] });

describe('the canvas form', () => {
  it('formProblem(form, data) names a lookback of 60 weeks in words, at its step', () => {
    const f = { ...initialForm(DATA), name: 'x', lookbackWeeks: '60' };
    const p = formProblem(f, DATA);
    expect(p?.step).toBe('lookback');
    // lib's labels first; the field's path only at the end, for those who edit model.json
    expect(p?.message).toBe('Lookback (weeks) must be a whole number from 1 to 52; got 60 (`lookbackWeeks`)');
  });

  it('formProblem refuses a training range outside the data before anything is sent', () => {
    const f = {
      ...initialForm(DATA),
      name: 'x',
      window: { mode: 'range' as const, from: '2021-01-04', to: '2022-12-26' },
    };
    expect(formProblem(f, DATA)).toEqual({
      step: 'window',
      message: 'The start 2021-01-04 is before the data begin (2022-11-07)',
    });
    const inside = { ...f, window: { mode: 'range' as const, from: '2023-01-02', to: '2024-12-30' } };
    expect(formProblem(inside, DATA)).toBeNull();
  });

  it('reviewSummary(form, data) says every choice in words, with what "last 2 years" is on the data', () => {
    const f = {
      ...initialForm(DATA),
      name: 'Revenue MMM',
      factors: { holiday: 'internal' as const },
      priors: [{ channel: 'search', kind: 'roi' as const, value: '2.5', sd: '0.25', source: 'experiment' as const }],
    };
    const lines = Object.fromEntries(reviewSummary(f, DATA).map((l) => [l.label, l.text]));
    expect(Object.keys(lines)).toEqual([
      'Name',
      'Conversion',
      'Touchpoints',
      'Factors',
      'Lookback and curves',
      'Training window',
      'Priors',
      'Spend share',
      'Schedule',
    ]);
    expect(lines['Training window']).toBe('the last 2 years of data: 2024-01-01 to 2025-12-22 (104 weeks)');
    const all = { ...f, window: { mode: 'all' as const, from: '', to: '' } };
    const allLines = Object.fromEntries(reviewSummary(all, DATA).map((l) => [l.label, l.text]));
    expect(allLines['Training window']).toBe(`all the data: ${DATA.from} to ${DATA.to} (${DATA.periods} weeks)`);
    expect(formProblem(all, DATA)).toBeNull();
    expect((formConfig(all) as { trainingWindow: unknown }).trainingWindow).toBe('all');
    // model.json's spend-share settings come through the canvas as they are, and say themselves in the review.
    const doc = { ...(formConfig(f) as object), spendShare: { sd: 0.5, separated: 1 } };
    const kept = initialForm(DATA, validateModelConfig(doc));
    expect((formConfig(kept) as { spendShare: unknown }).spendShare).toEqual({ sd: 0.5, separated: 1 });
    expect(reviewSummary(kept, DATA).find((l) => l.label === 'Spend share')!.text).toMatch(
      /^on \(sd 0.5; channels the data separate: sd 1\)/,
    );
    expect((formConfig({ ...kept, spendShare: false }) as { spendShare: unknown }).spendShare).toBe(false);
    expect(lines['Touchpoints']).toBe('2: tv (spend, summary data), search (spend, summary data)');
    expect(lines['Factors']).toBe('internal: holiday; external: none');
    expect(lines['Priors']).toBe('search: ROI 2.5 ± 0.25 (experiment)');
    expect(lines['Lookback and curves']).toMatch(/^8 weeks; carry-over \S+/);
  });

  it('formConfig(form) says which channels are paid: owned email on its sends with a cost per unit, the rest from the data', () => {
    const data = { ...DATA, channels: ['tv', 'email'], metrics: ['spend', 'sends'] };
    const f0 = initialForm(data);
    expect(f0.touchpoints['email']).toEqual({
      include: true,
      metric: 'spend',
      source: 'summary',
      paid: 'auto',
      costPerUnit: '',
    });
    expect(metricChoices(data.metrics).map(([v]) => v)).toEqual(['spend', 'impressions', 'sends']);
    const f = {
      ...f0,
      name: 'Owned',
      touchpoints: {
        ...f0.touchpoints,
        email: { ...f0.touchpoints['email']!, metric: 'sends', paid: 'owned' as const, costPerUnit: '0.05' },
      },
    };
    const doc = formConfig(f) as { touchpoints: unknown[] };
    expect(doc.touchpoints).toEqual([
      { channel: 'tv', metric: 'spend', source: 'summary' },
      { channel: 'email', metric: 'sends', source: 'summary', paid: false, costPerUnit: 0.05 },
    ]);
    expect(formProblem(f, data)).toBeNull();
    // The canvas reads a stored config back the same way.
    const again = initialForm(data, validateModelConfig(doc)).touchpoints['email'];
    expect(again).toMatchObject({ metric: 'sends', paid: 'owned', costPerUnit: '0.05' });
    expect(reviewSummary(f, data).find((l) => l.label === 'Touchpoints')!.text).toBe(
      '2: tv (spend, summary data), email (sends, summary data, owned at 0.05 a unit)',
    );
    // lib's rules, in the user's words at the touchpoints step: a cost per unit on a paid channel is refused.
    const paidCost = {
      ...f,
      touchpoints: { ...f.touchpoints, email: { ...f.touchpoints.email, paid: 'paid' as const } },
    };
    expect(formProblem(paidCost, data)).toMatchObject({
      step: 'touchpoints',
      message: expect.stringMatching(/cost per unit/),
    });
  });
});
